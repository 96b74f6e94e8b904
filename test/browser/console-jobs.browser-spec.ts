import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { enrolForConsole } from '../support/console-client';
import { cohortCsv } from '../support/console-cohort-csv';
import { givenOfficer } from '../support/officers';
import { startTestSystem, type TestSystem } from '../support/embedded-system';
import { screenAndAxe } from '../support/console-browser';

jest.setTimeout(300_000);

const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'Phôi-HP-2024-an-toàn';

/**
 * Long work in Debian's Chromium (issue 13 item 4): a registrar uploads a 90,000-row list, watches the
 * upload bar and then the job's bar climb in place as the rows are read, leaves for the home page, finds
 * the job under "Việc đang chạy", comes back and sees it done. Each screen is screenshotted at 1366×768
 * and 390 px wide (the path is printed) and checked with axe-core.
 */
describe('Officers’ console in a browser: a 90,000-row import as a job', () => {
  let t: TestSystem;
  let browser: Browser;
  let page: Page;
  const shots = mkdtempSync(join(tmpdir(), 'so-goc-console-jobs-screenshots-'));
  let shot = 0;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium is missing at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), as .ci/run does`);
    // Every list goes to its job's page, however fast this machine reads it: the job page is what is tested here.
    process.env['SOGOC_CONSOLE_JOB_WAIT_MILLIS'] = '0';
    t = await startTestSystem();
    await givenOfficer(t.eventsFile, 'SGD-HP', 'vb-hp', ['registrar']);
    await enrolForConsole(t, { authorityCode: 'SGD-HP', officerId: 'vb-hp', username: 'vb-hp' }, PASSWORD, false);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      deviceScaleFactor: 1,
      locale: 'vi-VN',
      bypassCSP: true,
    });
    page = await context.newPage();
    console.log(`Console job screenshots: ${shots}`);
  });

  afterAll(async () => {
    delete process.env['SOGOC_CONSOLE_JOB_WAIT_MILLIS'];
    await browser?.close();
    await t?.stop();
  });

  /** Both screen sizes, then axe-core: serious and critical findings fail the test. */
  async function check(name: string): Promise<void> {
    shot += 1;
    const file = `${String(shot).padStart(2, '0')}-${name}`;
    expect({ page: name, serious: await screenAndAxe(page, shots, file) }).toEqual({ page: name, serious: [] });
  }

  const field = (name: string) => page.getByLabel(name, { exact: true });
  const bar = () =>
    page.evaluate<number | null>(
      `document.querySelector('.job-bar')?.getAttribute('value') ? Number(document.querySelector('.job-bar').value) : null`,
    );

  it('uploads a 90,000-row list with an upload bar, watches the job’s bar climb in place, leaves and comes back to it done', async () => {
    await page.goto(`${t.api}/console/login`);
    await field('Tên đăng nhập').fill('vb-hp');
    await field('Mật khẩu').fill(PASSWORD);
    await Promise.all([page.waitForURL(/\/console\/SGD-HP$/), page.keyboard.press('Enter')]);

    await page.goto(`${t.api}/console/SGD-HP/decisions/new`);
    await field('Số quyết định').fill('2024/QĐ-SGDĐT');
    await field('Ngày quyết định').fill('20/07/2024');
    await field('Năm học').fill('2023-2024');
    // 90,000 rows (a city's cohort), so that reading lasts long enough for the bar to be seen between its ends.
    const list = join(shots, 'danh-sach-90000.csv');
    writeFileSync(list, cohortCsv(90_000));
    await field('Tệp danh sách').setInputFiles(list);
    await page.getByRole('button', { name: 'Kiểm tra và ghi nhận' }).click();
    // The script's upload bar: sent by XHR, it reaches 100 % once the file is up.
    await page.waitForFunction(`(document.getElementById('upload-bar')?.value ?? 100) === 100 || location.pathname.includes('/jobs/')`);
    await page.waitForURL(/\/console\/SGD-HP\/jobs\/viec-[0-9a-f]+$/, { timeout: 60_000 });
    const jobUrl = page.url();
    expect(await page.textContent('h1')).toContain('Nhập danh sách danh-sach-90000.csv');

    // The page is not reloaded while it runs: the script moves the bar in place (a mark set now survives).
    await page.evaluate(`window.__samePage = true`);
    const values: number[] = [];
    let shotWhileRunning = false;
    for (let i = 0; i < 600; i += 1) {
      const running = await page.evaluate<boolean>(`window.__samePage === true`).catch(() => false);
      if (!running) break;
      const value = await bar().catch(() => null);
      if (value !== null) values.push(value);
      if (value !== null && value > 0 && !shotWhileRunning) {
        shotWhileRunning = true;
        await check('viec-dang-chay');
        await page.evaluate(`window.__samePage = true`);
      }
      if (value !== null && value >= 90) break;
      await page.waitForTimeout(200);
    }
    console.log(`Bar values seen in place: ${[...new Set(values)].join(', ')}`);
    expect(values.some((v) => v > 0 && v < 100)).toBe(true);

    // Leave the page: the job goes on, and the home page lists it. (The page's script may be reloading it
    // just then, as the job changes phase: the officer's click wins on the second try.)
    for (let attempt = 0; ; attempt += 1) {
      try {
        await page.goto(`${t.api}/console/SGD-HP`);
        if (new URL(page.url()).pathname === '/console/SGD-HP') break;
      } catch (error) {
        if (attempt > 3) throw error;
        await page.waitForLoadState();
      }
    }
    const section = page.getByRole('region', { name: 'Việc đang chạy' });
    expect(await section.textContent()).toContain('Nhập danh sách danh-sach-90000.csv');
    await check('trang-chu-viec-dang-chay');

    // Come back through the link and wait for it to end: the script reloads the page when it does.
    await Promise.all([page.waitForURL(jobUrl), section.getByRole('link', { name: /Nhập danh sách danh-sach-90000\.csv/ }).click()]);
    await page.waitForFunction(`document.body.textContent.includes('Xong. Đã ghi nhận.')`, undefined, { timeout: 180_000 });
    expect(await bar()).toBe(100);
    expect(await page.textContent('.job-text')).toContain('90.000 / 90.000 dòng đã đọc (100 %)');
    await check('viec-xong');
    await Promise.all([
      page.waitForURL(/\/decisions\/sgd-hp-2024-qd-sgddt-2024\?done=imported/),
      page.getByRole('link', { name: 'Xem kết quả' }).click(),
    ]);

    await page.goto(`${t.api}/console/SGD-HP/jobs`);
    expect(await page.textContent('main')).toContain('Xong');
    await check('moi-viec');
  });

  it('shows a refused list’s job with the rule’s words and its rows, and the report to download', async () => {
    await page.goto(`${t.api}/console/SGD-HP/decisions/new`);
    await field('Số quyết định').fill('2025/QĐ-SGDĐT');
    await field('Ngày quyết định').fill('21/07/2024');
    await field('Năm học').fill('2023-2024');
    // The 20,000 people again: every row names someone the first decision already recognised (rule 1).
    const list = join(shots, 'danh-sach-lap.csv');
    writeFileSync(list, cohortCsv(20_000));
    await field('Tệp danh sách').setInputFiles(list);
    await page.getByRole('button', { name: 'Kiểm tra và ghi nhận' }).click();
    await page.waitForURL(/\/console\/SGD-HP\/jobs\/viec-[0-9a-f]+$/, { timeout: 60_000 });
    await page.waitForFunction(`document.body.textContent.includes('Việc không thành')`, undefined, { timeout: 180_000 });
    expect(await page.textContent('[data-error-summary]')).toContain('Danh sách có');
    expect(await page.locator('table tbody tr').count()).toBe(500);
    expect(await page.getByRole('link', { name: 'Tải báo cáo lỗi (Excel)' }).getAttribute('href')).toMatch(/\/report\.xlsx$/);
    await check('viec-khong-thanh');
  });
});
