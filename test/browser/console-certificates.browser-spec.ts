import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { vietnamDateOf } from '@so-goc/domain';
import { base32Decode, totp } from '@so-goc/platform';
import { enrolForConsole } from '../support/console-client';
import { givenOfficer } from '../support/officers';
import { startTestSystem, type TestSystem } from '../support/embedded-system';
import { screenAndAxe } from '../support/console-browser';

jest.setTimeout(300_000);

const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'Phôi-HP-2024-an-toàn';

/**
 * Issue 18 in the console, in Debian's Chromium: a foreign-language centre's registrar imports a results list
 * (a bad one first, every bad row shown), issues the certificates, opens one, takes a correction dossier that
 * the head decides at the next desk (the registrar may not), receives a copy request and issues the copy, and
 * reads both registers. Every screen at 1366×768 and 390 px, checked with axe-core; another office is 403.
 */
describe('Officers’ console in a browser: certificates of a licensed centre (issue 18)', () => {
  let t: TestSystem;
  let browser: Browser;
  let page: Page;
  let registrarSecret: string;
  let headSecret: string;
  const shots = mkdtempSync(join(tmpdir(), 'so-goc-console-certificates-'));
  let shot = 0;
  const CC = '/console/TTNN-HP/certificates';

  async function list(rows: [string, string, string][]): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Kết quả');
    sheet.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Nơi sinh', 'Ngoại ngữ', 'Khung năng lực', 'Bậc', 'Ngày thi', 'Hội đồng thi']);
    rows.forEach(([name, birth, level], i) =>
      sheet.addRow([i + 1, name, birth, 'Hải Phòng', 'Tiếng Anh', 'Khung năng lực ngoại ngữ 6 bậc', level, '20/06/2026', 'HĐ thi TTNN']),
    );
    const file = join(mkdtempSync(join(tmpdir(), 'ds-')), 'ket-qua.xlsx');
    await workbook.xlsx.writeFile(file);
    return file;
  }

  async function check(name: string): Promise<void> {
    shot += 1;
    const file = `${String(shot).padStart(2, '0')}-${name}`;
    expect({ page: name, serious: await screenAndAxe(page, shots, file) }).toEqual({ page: name, serious: [] });
  }

  const field = (name: string) => page.getByLabel(name, { exact: true });
  async function signIn(username: string, secret: string, home = /\/console\/TTNN-HP/): Promise<void> {
    await page.goto(`${t.api}/console/login`);
    await field('Tên đăng nhập').fill(username);
    await field('Mật khẩu').fill(PASSWORD);
    await Promise.all([page.waitForURL(/\/console\/login\/code/), page.keyboard.press('Enter')]);
    await field('Mã 6 chữ số').fill(totp(base32Decode(secret), new Date()));
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
    expect(
      (
        await t.request('POST', '/api/v1/authorities/SGD-HP/subordinates/TTNN-HP/licences', {
          body: {
            licenceId: 'ttnn-hp-2025',
            decisionRef: '512/QĐ-SGDĐT',
            decisionDate: '2025-01-05',
            scope: ['CC-NN'],
            validFrom: '2025-01-05',
            validTo: '2028-12-31',
          },
        })
      ).status,
    ).toBe(201);
    await t.given({
      type: 'RegisterSigner',
      signerId: 'gd-ttnn',
      authorityCode: 'TTNN-HP',
      fullName: 'Trần Văn Bình',
      title: 'Giám đốc',
      role: 'head',
      validFrom: '2020-01-01',
    });
    await givenOfficer(t.eventsFile, 'TTNN-HP', 'registrar-ttnn', ['registrar', 'signer']);
    await givenOfficer(t.eventsFile, 'TTNN-HP', 'head-ttnn', ['registrar', 'signer']);
    registrarSecret = (await enrolForConsole(
      t,
      { authorityCode: 'TTNN-HP', officerId: 'registrar-ttnn', username: 'registrar-ttnn' },
      PASSWORD,
      true,
    ))!;
    headSecret = (await enrolForConsole(t, { authorityCode: 'TTNN-HP', officerId: 'head-ttnn', username: 'head-ttnn' }, PASSWORD, true))!;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'vi-VN',
      acceptDownloads: true,
      bypassCSP: true,
    });
    page = await context.newPage();
    console.log(`Console screenshots: ${shots}`);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('imports a results list, corrects a certificate at two desks, and issues a copy from the register', async () => {
    await signIn('registrar-ttnn', registrarSecret);
    await page.goto(`${t.api}${CC}`);
    expect(await page.textContent('h1')).toBe('Chứng chỉ');
    await check('chung-chi');

    await page.getByRole('link', { name: 'Nhập kết quả và cấp chứng chỉ' }).click();
    await page.waitForURL(/\/certificates\/new$/);
    await check('nhap-ket-qua');
    const fill = async () => {
      await field('Tên kỳ thi, khoá học').fill('Kỳ thi tiếng Anh bậc 3 tháng 6/2026');
      await field('Số quyết định cấp chứng chỉ').fill('245/QĐ-TTNN');
      await field('Ngày quyết định').fill('01/07/2026');
      await field('Người ký').fill('Trần Văn Bình');
    };
    await fill();
    // A centre tests levels 1–3 only (TT 23/2017): the B2 row is reported with its Excel row number.
    await page.setInputFiles(
      'input[type=file]',
      await list([
        ['Lê Văn Nam', '02/02/2001', 'B1'],
        ['Phạm Minh Châu', '03/03/2002', 'B2'],
      ]),
    );
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Kiểm tra và cấp' }).click()]);
    const report = await page.locator('[data-error-summary]').textContent();
    expect(report).toContain('chưa ghi nhận gì');
    // Row 3 as Excel shows it, in the column the officer sees ("Bậc"), not the field's internal name.
    expect(await page.locator('table tbody').textContent()).toMatch(/^3Bậc/);
    await check('bao-loi-dong');

    await fill();
    await page.setInputFiles(
      'input[type=file]',
      await list([
        ['Nguyễn Thị Thuy', '18/09/2000', 'B1'],
        ['Lê Văn Nam', '02/02/2001', 'B1'],
        ['Phạm Minh Châu', '03/03/2002', 'Bậc 3'],
      ]),
    );
    await Promise.all([
      page.waitForURL(/\/certificates\/register\/CC-NN\/2026\?done=issued/),
      page.getByRole('button', { name: 'Kiểm tra và cấp' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toContain('3 chứng chỉ');
    await check('so-goc-chung-chi');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải sổ (Excel)' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);

    await page.getByRole('link', { name: '000001/CC-NN-2026' }).click();
    await page.waitForURL(/\/item\/TTNN-HP\.CC-NN\.2026\.1$/);
    await check('chung-chi-mot');
    await field('Mã hồ sơ').fill('cs-cc-1');
    await field('Nội dung mới').fill('Nguyễn Thị Thuỷ');
    await field('Giấy tờ hộ tịch').fill('Trích lục cải chính hộ tịch');
    await field('Số giấy tờ').fill('125/TLCC');
    await field('Ngày giấy tờ').fill('20/07/2026');
    await field('Cơ quan cấp giấy tờ').fill('UBND phường Lạch Tray');
    await field('Người đề nghị').fill('Nguyễn Thị Thuỷ');
    await field('Ngày nhận, hồ sơ đầy đủ').fill('22/07/2026');
    await Promise.all([page.waitForURL(/done=correction/), page.getByRole('button', { name: 'Ghi nhận hồ sơ' }).click()]);
    expect(await page.getByRole('status').textContent()).toContain('Đã ghi nhận hồ sơ');
    await check('ho-so-chinh-sua');

    // The registrar who took the dossier may not decide it (issue 17): refused, nothing recorded.
    await field('Số quyết định').fill('52/QĐ-TTNN');
    await page.getByLabel('Ngày quyết định', { exact: true }).fill('24/07/2026');
    const [refusedResponse] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/corrections/cs-cc-1/decision')),
      page.getByRole('button', { name: 'Quyết định chỉnh sửa' }).click(),
    ]);
    expect(refusedResponse.status()).toBe(403);
    await page.waitForLoadState('load');
    expect(await page.innerText('main')).toContain('không được tự ghi nhận quyết định');
    await check('khong-tu-quyet-dinh');

    // The head, at the next desk, decides it.
    const item = `${t.api}${CC}/item/TTNN-HP.CC-NN.2026.1`;
    const desk = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', bypassCSP: true });
    const registrarPage = page;
    page = await desk.newPage();
    await signIn('head-ttnn', headSecret);
    await page.goto(item);
    await field('Số quyết định').fill('52/QĐ-TTNN');
    await page.getByLabel('Ngày quyết định', { exact: true }).fill('24/07/2026');
    await Promise.all([page.waitForURL(/done=decided/), page.getByRole('button', { name: 'Quyết định chỉnh sửa' }).click()]);
    expect(await page.getByRole('status').textContent()).toContain('phụ lục sổ gốc');
    expect(await page.locator('dl.summary').textContent()).toContain('Nguyễn Thị Thuỷ');
    await check('quyet-dinh-chinh-sua');
    await desk.close();
    page = registrarPage;

    // A copy at the counter, then issued and entered in the kind's copy register.
    await page.goto(item);
    await field('Mã yêu cầu').fill('bs-cc-1');
    await field('Người yêu cầu (người được cấp)').fill('Nguyễn Thị Thuỷ');
    await field('Số căn cước').fill('031200000001');
    await Promise.all([page.waitForURL(/done=copy-request/), page.getByRole('button', { name: 'Tiếp nhận yêu cầu' }).click()]);
    await field('Mã yêu cầu đã tiếp nhận').fill('bs-cc-1');
    // The office's date, not UTC's: after 17:00 UTC it is already tomorrow in Việt Nam.
    const officeToday = vietnamDateOf(new Date());
    const today = officeToday.split('-').reverse().join('/');
    await field('Ngày cấp').fill(today);
    await field('Nơi cấp').fill('Hải Phòng');
    await field('Mã người ký').fill('gd-ttnn');
    await Promise.all([page.waitForURL(/done=copies/), page.getByRole('button', { name: 'Cấp bản sao, vào sổ' }).click()]);
    await check('cap-ban-sao');
    const year = officeToday.slice(0, 4);
    for (let i = 0; i < 100; i += 1) {
      await page.goto(`${t.api}${CC}/copy-register/CC-NN/${year}`);
      if ((await page.content()).includes(`000001/BS-CC-NN-${year}`)) break;
      await page.waitForTimeout(50);
    }
    expect(await page.locator('table').textContent()).toContain('Nguyễn Thị Thuỷ');
    await check('so-cap-ban-sao');

    await page.goto(`${t.api}${CC}/register/CC-NN/2026`);
    expect(await page.content()).toContain('52/QĐ-TTNN');

    // Another office's certificates: 403, whatever the officer types in the address bar.
    const other = await page.goto(`${t.api}/console/SGD-HP/certificates`);
    expect(other?.status()).toBe(403);
  });

  it('takes a foreign diploma application through verification to recognition, then revokes the document', async () => {
    await t.given({
      type: 'RegisterSigner',
      signerId: 'gd-sgd-hp',
      authorityCode: 'SGD-HP',
      fullName: 'Nguyễn Văn An',
      title: 'Giám đốc',
      role: 'head',
      validFrom: '2020-01-15',
    });
    const soToken = await givenOfficer(t.eventsFile, 'SGD-HP', 'so-ky-hp', ['registrar', 'signer']);
    const secret = (await enrolForConsole(t, { authorityCode: 'SGD-HP', officerId: 'so-ky-hp', username: 'so-ky-hp' }, PASSWORD, true))!;
    const sha = (c: string) => c.repeat(64);
    const received = await t.request('POST', '/api/v1/authorities/SGD-HP/recognitions', {
      token: soToken,
      body: {
        recognitionId: 'cn-2026-0101',
        channel: 'online',
        receivedOn: '2026-09-07',
        applicant: {
          fullName: 'Trần Minh Khôi',
          birthDate: '2008-02-14',
          birthPlace: 'Hải Phòng',
          nationality: 'Việt Nam',
          idDocument: { kind: 'CCCD', number: '031208000777' },
        },
        foreignDiploma: {
          title: 'High School Diploma',
          issuer: 'Lincoln High School',
          country: 'Hoa Kỳ',
          issuedOn: '2026-06-12',
          number: 'LHS-1',
          levelSought: 'THPT',
        },
        dossier: ['diploma', 'translation', 'transcript', 'study_evidence', 'verification_authorisation'].map((kind, i) => ({
          kind,
          name: `${kind}.pdf`,
          sha256: sha('abcdef'[i]!),
        })),
      },
    });
    expect(received.status).toBe(201);

    const desk = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', bypassCSP: true });
    page = await desk.newPage();
    await signIn('so-ky-hp', secret, /\/console\/SGD-HP/);
    await page.goto(`${t.api}/console/SGD-HP/recognitions`);
    await page.waitForSelector('a[href$="/recognitions/cn-2026-0101"]');
    await check('cong-nhan-danh-sach');
    await page.getByRole('link', { name: 'cn-2026-0101' }).click();
    await check('cong-nhan-ho-so');
    await field('Số công văn').fill('1502/SGDĐT-QLCL');
    await field('Ngày gửi').fill('09/09/2026');
    await field('Nơi nhận').fill('Lincoln High School');
    await Promise.all([page.waitForURL(/done=verification/), page.getByRole('button', { name: 'Ghi nhận đã gửi' }).click()]);
    for (let i = 0; i < 50 && !(await page.content()).includes('Kết quả xác minh'); i += 1) await page.reload();
    await field('Ngày trả lời').fill('20/10/2026');
    await field('Căn cứ (thư, email)').fill('Email của nhà trường ngày 20/10/2026');
    await Promise.all([page.waitForURL(/done=answer/), page.getByRole('button', { name: 'Ghi nhận kết quả' }).click()]);
    await field('Ngày công nhận').fill('26/10/2026');
    await field('Mã người ký').fill('gd-sgd-hp');
    await Promise.all([page.waitForURL(/done=recognition/), page.getByRole('button', { name: 'Công nhận, cấp số' }).click()]);
    for (let i = 0; i < 50 && !(await page.content()).includes('CNVB-2026'); i += 1) await page.reload();
    expect(await page.locator('dl.summary').textContent()).toContain('000001/CNVB-2026');
    await check('cong-nhan-da-cong-nhan');

    // Revocation: too short a reason is refused on the page, with nothing recorded; then recorded.
    await field('Số quyết định thu hồi').fill('1890/QĐ-SGDĐT');
    await field('Ngày quyết định').fill('20/11/2026');
    await field('Lý do thu hồi').fill('Gian lận');
    await field('Mã người ký quyết định').fill('gd-sgd-hp');
    const [short] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/recognitions/cn-2026-0101/revocation')),
      page.getByRole('button', { name: 'Thu hồi' }).click(),
    ]);
    expect(short.status()).toBe(400);
    await page.waitForLoadState('load');
    await check('cong-nhan-thu-hoi-loi');
    await field('Lý do thu hồi').fill('Cơ sở giáo dục nước ngoài xác nhận văn bằng không do cơ sở cấp; hồ sơ gian lận.');
    await Promise.all([page.waitForURL(/done=revocation/), page.getByRole('button', { name: 'Thu hồi' }).click()]);
    for (let i = 0; i < 50 && !(await page.content()).includes('Đã thu hồi'); i += 1) await page.reload();
    expect(await page.locator('dl.summary').textContent()).toContain('1890/QĐ-SGDĐT');
    await check('cong-nhan-da-thu-hoi');
    await desk.close();
  });
});
