import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { base32Decode, totp } from '@so-goc/platform';
import { enrolForConsole } from '../support/console-client';
import { givenOfficer } from '../support/officers';
import { startTestSystem, type TestSystem } from '../support/embedded-system';

jest.setTimeout(300_000);

const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'Phôi-HP-2024-an-toàn';

/**
 * Recognition of a foreign diploma, the intake (§8, TT 13/2021 amended by TT 07/2024) in Debian's Chromium: the
 * Sở's registrar fills the application — applicant, foreign diploma and issuer, country — and uploads the dossier's
 * documents, the authorisation to verify among them. A first attempt with a document and the name missing shows
 * each error next to its field and keeps what was uploaded; the second receives the application, whose page shows
 * each document's SHA-256, the same as the file's. Screens at 1366×768 and 390 px, checked with axe-core; a
 * centre's officer is 403 on the Sở's form.
 */
describe('Officers’ console in a browser: receiving a recognition application (issue 18, §8)', () => {
  let t: TestSystem;
  let browser: Browser;
  let page: Page;
  let secret: string;
  let centreSecret: string;
  const shots = mkdtempSync(join(tmpdir(), 'so-goc-console-recognition-'));
  const docs = mkdtempSync(join(tmpdir(), 'ho-so-'));
  let shot = 0;
  const FORM = '/console/SGD-HP/recognitions/new';

  function document(name: string, content: string): { path: string; sha256: string } {
    const path = join(docs, name);
    writeFileSync(path, `%PDF-1.4\n% ${content}\n`);
    return { path, sha256: createHash('sha256').update(`%PDF-1.4\n% ${content}\n`).digest('hex') };
  }

  async function check(name: string): Promise<void> {
    shot += 1;
    const file = `${String(shot).padStart(2, '0')}-${name}`;
    await page.screenshot({ path: join(shots, `${file}-1366.png`), fullPage: false });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(shots, `${file}-390.png`), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.addScriptTag({ content: axe.source });
    const violations = await page.evaluate(async () => {
      const runner = (
        globalThis as unknown as {
          axe: { run: () => Promise<{ violations: { id: string; impact?: string | null; nodes: { target: unknown[] }[] }[] }> };
        }
      ).axe;
      const result = await runner.run();
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => String(n.target[0])) }));
    });
    if (violations.length > 0)
      console.log(`axe on ${name}: ${violations.map((v) => `${v.id} (${v.impact}) ${v.targets.join(' ')}`).join(', ')}`);
    expect({ page: name, serious: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical') }).toEqual({
      page: name,
      serious: [],
    });
  }

  const field = (name: string) => page.getByLabel(name, { exact: true });
  async function signIn(username: string, totpSecret: string, home: RegExp): Promise<void> {
    await page.goto(`${t.api}/console/login`);
    await field('Tên đăng nhập').fill(username);
    await field('Mật khẩu').fill(PASSWORD);
    await Promise.all([page.waitForURL(/\/console\/login\/code/), page.keyboard.press('Enter')]);
    await field('Mã 6 chữ số').fill(totp(base32Decode(totpSecret), new Date()));
    await Promise.all([page.waitForURL(home), page.keyboard.press('Enter')]);
  }

  beforeAll(async () => {
    t = await startTestSystem();
    expect(
      (
        await t.request('POST', '/api/v1/authorities/SGD-HP/subordinates', {
          body: { code: 'TTNN-HP', name: 'Trung tâm Ngoại ngữ Hải Phòng', kind: 'centre', registeredOn: '2020-01-01' },
        })
      ).status,
    ).toBe(201);
    await givenOfficer(t.eventsFile, 'SGD-HP', 'so-tiep-nhan', ['registrar']);
    await givenOfficer(t.eventsFile, 'TTNN-HP', 'tt-nhan-vien', ['registrar']);
    secret = (await enrolForConsole(t, { authorityCode: 'SGD-HP', officerId: 'so-tiep-nhan', username: 'so-tiep-nhan' }, PASSWORD, true))!;
    centreSecret = (await enrolForConsole(
      t,
      { authorityCode: 'TTNN-HP', officerId: 'tt-nhan-vien', username: 'tt-nhan-vien' },
      PASSWORD,
      true,
    ))!;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', bypassCSP: true })).newPage();
    console.log(`Console screenshots: ${shots}`);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('receives an application with its dossier hashed, errors shown at their fields, and refuses a centre’s officer', async () => {
    const files = {
      diploma: document('van-bang.pdf', 'High School Diploma'),
      translation: document('ban-dich.pdf', 'Bản dịch công chứng'),
      transcript: document('bang-diem.pdf', 'Transcript'),
      study_evidence: document('minh-chung.pdf', 'I-20 và học bạ'),
      verification_authorisation: document('cho-phep-xac-minh.pdf', 'Authorisation to verify'),
    };
    await signIn('so-tiep-nhan', secret, /\/console\/SGD-HP/);
    await page.goto(`${t.api}${FORM}`);
    await check('recognition-intake');

    // First attempt: the name left empty, the transcript and the authorisation to verify not uploaded.
    await field('Ngày sinh').fill('14/02/2008');
    await field('Quốc tịch').fill('Việt Nam');
    await field('Số giấy tờ').fill('031208000777');
    await field('Tên văn bằng (như ghi trên văn bằng)').fill('High School Diploma');
    await field('Cơ sở cấp').fill('Lincoln High School, Nebraska');
    await field('Quốc gia').fill('Hoa Kỳ');
    await field('Ngày cấp').fill('12/06/2026');
    await field('Văn bằng (hoặc bản sao từ sổ gốc)').setInputFiles(files.diploma.path);
    await field('Bản dịch công chứng').setInputFiles(files.translation.path);
    await field('Minh chứng thời gian học ở nước ngoài').setInputFiles(files.study_evidence.path);
    const [first] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(FORM) && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click(),
    ]);
    expect(first.status()).toBe(400);
    await page.waitForLoadState();
    await expect(page.locator('#f-doc-transcript-error').textContent()).resolves.toContain('Tải lên bảng điểm');
    await expect(page.locator('#f-doc-verification_authorisation-error').textContent()).resolves.toContain('cho phép xác minh');
    await expect(page.locator('#f-applicant-fullName-error').textContent()).resolves.toContain('Nhập họ và tên người đề nghị');
    // What was uploaded is kept, with its hash, and the values typed stay.
    await expect(page.locator('body').textContent()).resolves.toContain(files.diploma.sha256);
    await expect(field('Quốc gia').inputValue()).resolves.toBe('Hoa Kỳ');
    await check('recognition-intake-errors');

    await field('Họ và tên').fill('Trần Minh Khôi');
    await field('Bảng điểm').setInputFiles(files.transcript.path);
    await field('Văn bản cho phép xác minh với cơ sở cấp').setInputFiles(files.verification_authorisation.path);
    await Promise.all([
      page.waitForURL(/\/recognitions\/CN-\d{4}-[0-9A-F]{6}\?done=received/),
      page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click(),
    ]);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Trần Minh Khôi');
    expect(text).toContain('Lincoln High School, Nebraska');
    expect(text).toContain('Hoa Kỳ');
    for (const file of Object.values(files)) expect(text).toContain(file.sha256);
    expect(text).toContain('cho-phep-xac-minh.pdf');
    await check('recognition-received');

    // A centre's officer on the Sở's form: 403.
    await page.context().clearCookies();
    await signIn('tt-nhan-vien', centreSecret, /\/console\/TTNN-HP/);
    const other = await page.goto(`${t.api}${FORM}`);
    expect(other?.status()).toBe(403);
  });
});
