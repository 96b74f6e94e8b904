import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { verificationRequestDecider, verificationRequestStream } from '@so-goc/domain';
import { handleCommand, SqliteEventStore } from '@so-goc/event-store';
import { openReadModelDatabase } from '@so-goc/projections';
import { AuditSweep, base32Decode, EVENT_STORE, FINDING_COMMAND_HANDLERS, totp } from '@so-goc/platform';
import { cliContext } from '../../apps/cli/src/commands/create-admin';
import { enrolForConsole } from '../support/console-client';
import { startTestSystem, type TestSystem } from '../support/embedded-system';
import { issueThptCohortOverHttp } from '../support/issued-over-http';
import { screenAndAxe } from '../support/console-browser';

jest.setTimeout(300_000);

const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'Phôi-HP-2024-an-toàn';

/**
 * The console's blanks-after-receipt, audit, administration, paper-register and class hand-over screens
 * in Debian's Chromium: every screen screenshotted at 1366×768 and 390 px (the path is printed) and
 * checked with axe-core; a typist enters lines of a paper register with the keyboard alone.
 */
describe('Officers’ console in a browser: blanks, audits, administration, paper registers, class hand-over', () => {
  let t: TestSystem;
  let browser: Browser;
  let page: Page;
  let totpSecret: string;
  let checkerToken: string;
  const shots = mkdtempSync(join(tmpdir(), 'so-goc-console-admin-screenshots-'));
  let shot = 0;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium is missing at ${CHROMIUM}: install Debian's package (apt-get install -y chromium)`);
    t = await startTestSystem();
    await t.given({
      type: 'RegisterAuthority',
      code: 'PGD-LC',
      name: 'Phòng GDĐT Lê Chân',
      kind: 'district_office',
      parentCode: 'SGD-HP',
      registeredOn: '2000-01-01',
    });
    await issueThptCohortOverHttp(t, { rows: 30 });
    const ok = async (r: Promise<Response>) => {
      const response = await r;
      if (response.status >= 300) throw new Error(`${response.status} ${await response.text()}`);
      return response;
    };
    await ok(
      t.request('POST', '/api/v1/authorities/SGD-HP/officers/admin-hp/roles', {
        body: { roles: ['administrator', 'registrar', 'signer', 'auditor'], includeSubordinates: true },
      }),
    );
    totpSecret = (await enrolForConsole(t, { authorityCode: 'SGD-HP', officerId: 'admin-hp', username: 'admin.hp' }, PASSWORD, true))!;
    await ok(
      t.request('POST', '/api/v1/authorities/SGD-HP/officers', {
        body: { officerId: 'kiem-tra', username: 'kiem.tra', fullName: 'Lê Thị Kiểm', roles: ['registrar'], includeSubordinates: false },
      }),
    );
    checkerToken = (
      (await (
        await ok(t.request('POST', '/api/v1/authorities/SGD-HP/officers/kiem-tra/tokens', { body: { lifetimeDays: 7 } }))
      ).json()) as { token: string }
    ).token;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      deviceScaleFactor: 1,
      locale: 'vi-VN',
      acceptDownloads: true,
      bypassCSP: true,
    });
    page = await context.newPage();
    console.log(`Console admin screenshots: ${shots}`);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function check(name: string): Promise<void> {
    shot += 1;
    const file = `${String(shot).padStart(2, '0')}-${name}`;
    expect({ page: name, serious: await screenAndAxe(page, shots, file) }).toEqual({ page: name, serious: [] });
  }

  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const field = (name: string) => page.getByLabel(name, { exact: true });
  const go = async (path: string) => {
    await page.goto(`${t.api}${path}`);
  };
  const focusedId = () => page.evaluate<string>('document.activeElement ? document.activeElement.id : ""');

  it('signs in, then hands blanks down, spoils and destroys them after a confirmation, and reads a serial and the reconciliation', async () => {
    await go('/console/login');
    await field('Tên đăng nhập').fill('admin.hp');
    await field('Mật khẩu').fill(PASSWORD);
    await Promise.all([page.waitForURL(/\/login\/code/), page.keyboard.press('Enter')]);
    await page.getByLabel(/Mã 6 chữ số/).fill(totp(base32Decode(totpSecret), new Date()));
    await Promise.all([page.waitForURL(/\/console\/SGD-HP$/), page.keyboard.press('Enter')]);

    await page.getByRole('navigation', { name: 'Các mục' }).getByRole('link', { name: 'Phôi' }).click();
    await check('so-quan-ly-phoi');
    await page.getByRole('link', { name: 'Giao phôi xuống' }).click();
    await field('Mã lô').fill('HP-2024-THPT-1');
    await field('Số hiệu phôi').fill('HP 0211001-HP 0211500');
    await field('Đơn vị nhận (mã)').fill('SGD-XX');
    await field('Số biên bản giao nhận').fill('BBGN-01');
    await field('Ngày biên bản').fill('01/06/2024');
    await field('Ngày giao').fill('01/06/2024');
    await button('Ghi nhận giao phôi').click();
    expect(await page.getByRole('alert').textContent()).toContain('không phải đơn vị trực thuộc');
    await check('giao-phoi-loi');
    await field('Đơn vị nhận (mã)').fill('PGD-LC');
    await Promise.all([page.waitForURL(/done=allocate/), button('Ghi nhận giao phôi').click()]);

    await page.getByRole('link', { name: 'Ghi phôi hỏng' }).click();
    await field('Mã lô').fill('HP-2024-THPT-1');
    await field('Số hiệu phôi').fill('HP 0211991-HP 0211995');
    await field('Lý do hỏng').selectOption('damaged');
    await field('Ghi chú').fill('Ẩm mốc trong kho');
    await field('Ngày ghi nhận').fill('05/08/2024');
    await check('ghi-phoi-hong');
    await Promise.all([page.waitForURL(/done=spoil/), button('Ghi phôi hỏng').click()]);

    await page.getByRole('link', { name: 'Huỷ phôi' }).click();
    await field('Mã lô').fill('HP-2024-THPT-1');
    await field('Số hiệu phôi').fill('HP 0211991-HP 0211995');
    await field('Số quyết định thành lập hội đồng').fill('QĐ-HĐ-01');
    await field('Ngày quyết định').fill('01/12/2024');
    await field('Thành viên hội đồng').fill(
      'Nguyễn Văn An; Phó Giám đốc; Chủ tịch hội đồng\nTrần Thị Bình; Trưởng phòng; Thư ký\nLê Văn Cường; Chuyên viên; Thành viên',
    );
    await field('Hình thức huỷ').fill('Nghiền bằng máy huỷ tài liệu');
    await field('Địa điểm').fill('Trụ sở Sở GDĐT');
    await field('Số biên bản huỷ').fill('BB-HUY-01');
    await field('Ngày huỷ').fill('10/12/2024');
    await check('huy-phoi');
    await button('Tiếp tục').click();
    expect(await page.textContent('h1')).toBe('Huỷ 5 phôi của lô HP-2024-THPT-1?');
    await check('huy-phoi-xac-nhan');
    await Promise.all([page.waitForURL(/done=destroy/), button('Xác nhận: huỷ các phôi này').click()]);

    await page.getByRole('link', { name: 'Báo mất' }).click();
    await field('Mã lô').fill('HP-2024-THPT-1');
    await field('Số hiệu phôi').fill('HP 0211999');
    await field('Số biên bản').fill('BB-MAT-01');
    await field('Cơ quan công an được báo').fill('Công an phường Lê Chân');
    await field('Thời điểm báo công an').fill('02/09/2024 08:30');
    await field('Hoàn cảnh mất').fill('Thất lạc khi chuyển kho');
    await field('Ngày mất').fill('01/09/2024');
    await check('bao-mat-phoi');
    await Promise.all([page.waitForURL(/done=lose/), button('Ghi nhận mất phôi').click()]);
    await page.getByRole('link', { name: 'Trả phôi' }).click();
    await check('tra-phoi');

    await go('/console/SGD-HP/blanks/serial?serial=HP%200211999');
    await page.getByText('Đã mất').first().waitFor();
    await check('tra-so-hieu');
    await go('/console/SGD-HP/blanks/reconciliation?kind=THPT&from=01/01/2024&to=31/12/2024');
    await check('doi-chieu-phoi');
  });

  it('lists an audit finding, opens it and acknowledges it', async () => {
    const store = new SqliteEventStore({ file: t.eventsFile });
    await handleCommand(store, verificationRequestDecider, {
      stream: verificationRequestStream('cv-browser-1'),
      context: cliContext('test-given'),
      command: {
        type: 'ReceiveVerificationRequest',
        requestId: 'cv-browser-1',
        authorityCode: 'SGD-HP',
        organisation: 'Công an TP Hải Phòng',
        letterNumber: '7/CV-CA',
        letterDate: '2024-09-03',
        receivedOn: '2024-09-04',
        subjects: [{ fullName: 'Giả', birthDate: null, serial: 'HP 0211999', registerNumber: null }],
      },
    });
    const readModels = openReadModelDatabase(join(dirname(t.eventsFile), 'read-models.sqlite'));
    const moduleRef = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [{ provide: EVENT_STORE, useValue: store }, ...FINDING_COMMAND_HANDLERS],
    }).compile();
    await moduleRef.init();
    for (let i = 0; i < 200 && readModels.prepare('SELECT COUNT(*) FROM audit_serial_detections').pluck().get() === 0; i += 1)
      await new Promise((r) => setTimeout(r, 25));
    await new AuditSweep(readModels, moduleRef.get(CommandBus)).sweep(new Date());
    await moduleRef.close();
    readModels.close();
    await store.close();

    await page.getByRole('navigation', { name: 'Các mục' }).getByRole('link', { name: 'Kiểm tra' }).click();
    // The findings' read model follows the sweep's events: reload until the finding is there.
    for (let i = 0; i < 50 && (await page.getByRole('link', { name: /HP 0211999/ }).count()) === 0; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      await page.reload();
    }
    await check('phat-hien-kiem-tra');
    await page
      .getByRole('link', { name: /HP 0211999/ })
      .first()
      .click();
    await check('mot-phat-hien');
    await field('Ghi chú tiếp nhận (không bắt buộc)').fill('Đã chuyển phòng Khảo thí xác minh');
    await Promise.all([page.waitForURL(/done=acknowledge/), button('Tiếp nhận').click()]);
  });

  it('creates a signer account with its authenticator shown once, issues a token, and reads the directory and the calendar', async () => {
    await page.getByRole('navigation', { name: 'Các mục' }).getByRole('link', { name: 'Quản trị' }).click();
    await check('can-bo');
    await page.getByRole('link', { name: 'Tạo tài khoản cán bộ' }).click();
    await field('Mã cán bộ').fill('Giám Đốc');
    await field('Tên đăng nhập').fill('ky.gd');
    await field('Họ và tên').fill('Đỗ Thị Ký');
    await button('Tạo tài khoản').click();
    await check('tao-can-bo-loi');
    await field('Mã cán bộ').fill('ky-gd');
    await page.getByRole('checkbox', { name: /Người ký/ }).check();
    await field('Mật khẩu ban đầu').fill(PASSWORD);
    await button('Tạo tài khoản').click();
    expect(await page.textContent('h1')).toBe('Mã xác thực hai lớp của cán bộ');
    await check('ma-xac-thuc-mot-lan');
    await page.getByRole('link', { name: 'Đã ghi lại, tiếp tục' }).click();
    await field('Thời hạn (ngày)').fill('30');
    await button('Cấp mã truy cập').click();
    expect(await page.textContent('h1')).toBe('Mã truy cập mới');
    await page.getByRole('link', { name: 'Đã ghi lại, tiếp tục' }).click();
    await check('mot-can-bo');
    await page.getByRole('link', { name: 'Danh mục đơn vị' }).click();
    await check('danh-muc-don-vi');
    await page.getByRole('link', { name: 'Lịch nghỉ lễ' }).click();
    await check('lich-nghi-le');
  });

  it('registers a paper book, stores a scan, types two lines with the keyboard alone, and checks a colleague’s line beside the scan', async () => {
    await page.getByRole('navigation', { name: 'Các mục' }).getByRole('link', { name: 'Số hoá sổ cũ' }).click();
    await field('Loại văn bằng').selectOption('THPT');
    await field('Tên sổ như ghi trên bìa').fill('Sổ gốc cấp bằng tốt nghiệp phổ thông trung học');
    await field('Năm').fill('2001');
    await field('Số trang').fill('12');
    await Promise.all([page.waitForURL(/done=registered/), button('Đăng ký sổ').click()]);
    await page.getByRole('link', { name: 'Sổ gốc cấp bằng tốt nghiệp phổ thông trung học' }).first().waitFor();
    await check('so-cu');
    const bookPath = '/console/SGD-HP/legacy-books/SGD-HP-THPT-2001-v1';

    // A page of a handwritten register, drawn for the test and photographed as a phone would.
    const scanPage = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    await scanPage.setContent(
      `<body style="margin:0;background:#efe6cf;font:22px 'DejaVu Serif',serif;color:#2b2b6b"><div style="padding:40px"><h2 style="text-align:center">SỔ GỐC CẤP BẰNG TỐT NGHIỆP PTTH — NĂM 2001 — Trang 2</h2><table style="width:100%;border-collapse:collapse" border="1" cellpadding="8"><tr><th>Số</th><th>Họ và tên</th><th>Sinh</th><th>Nơi sinh</th><th>Số hiệu</th></tr>${[
        ['01/2001', 'Phạm Văn Một', '1983', '▒▒▒▒', 'B 000801'],
        ['02/2001', 'Lê Thị Hai', '5/1983', 'An Hải', 'B 000802'],
        ['03/2001', 'Trần Văn Ba', '1982', 'Lê Chân', 'B 000803'],
      ]
        .map((r) => `<tr>${r.map((c) => `<td style="font-style:italic">${c}</td>`).join('')}</tr>`)
        .join('')}</table></div></body>`,
    );
    const png = await scanPage.screenshot({ type: 'png' });
    await scanPage.close();
    await go(`${bookPath}/pages/2`);
    await field('Thêm bản quét (JPEG, PNG, PDF)').setInputFiles({ name: 'trang-2.png', mimeType: 'image/png', buffer: png });
    await Promise.all([page.waitForURL(/done=scan/), button('Tải lên').click()]);

    // Keyboard only: the page opens with the focus in the first box; Tab walks the columns; Enter records.
    const typeLine = async (values: string[]) => {
      expect(await focusedId()).toBe('f-registerNumber');
      for (const [i, value] of values.entries()) {
        if (i > 0) await page.keyboard.press('Tab');
        await page.keyboard.type(value);
      }
      await Promise.all([page.waitForURL(/done=line/), page.keyboard.press('Enter')]);
    };
    await typeLine([
      '01/2001',
      'B 000801',
      'Phạm Văn Một',
      '1983',
      '?',
      'Nam',
      'Kinh',
      'Trường PTTH Ngô Quyền',
      'Khá',
      '15/08/2001',
      'Trần Văn Bình',
      'Giám đốc',
      '-',
    ]);
    await typeLine([
      '02/2001',
      'B 000802',
      'Lê Thị Hai',
      '5/1983',
      'An Hải',
      'Nữ',
      'Kinh',
      'Trường PTTH Ngô Quyền',
      'Giỏi',
      '15/08/2001',
      'Trần Văn Bình',
      'Giám đốc',
      '-',
    ]);
    expect(await field('Dòng').inputValue()).toBe('3');
    await page.getByRole('cell', { name: 'Lê Thị Hai' }).waitFor();
    await check('chep-trang-so');

    // A colleague types line 3 (through the API); the admin checks it beside the scan.
    const line3 = await t.request('POST', '/api/v1/authorities/SGD-HP/legacy-books/SGD-HP-THPT-2001-v1/entries', {
      token: checkerToken,
      body: {
        entries: [
          {
            page: 2,
            line: 3,
            fields: {
              registerNumber: '03/2001',
              serial: 'B 000803',
              fullName: 'Trần Văn Ba',
              birthDate: '1982',
              birthPlace: 'Lê Chân',
              sex: 'Nam',
              ethnicity: 'Kinh',
              school: 'Trường PTTH Ngô Quyền',
              classification: 'Khá',
              issueDate: '15/08/2001',
              signerName: 'Trần Văn Bình',
              signerTitle: 'Giám đốc',
            },
          },
        ],
      },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(line3.status).toBe(201);
    await go(`${bookPath}/pages/2/check`);
    await page.getByText('Dòng 3').first().waitFor();
    await check('soat-trang-so');
    await Promise.all([page.waitForURL(/done=checked/), button('Ghi kết quả soát').click()]);
    await go(bookPath);
    await check('mot-quyen-so');
    await go('/console/SGD-HP/legacy-books/hand-over');
    await check('ban-giao-so');
  });

  it('hands over a class at once', async () => {
    await go('/console/SGD-HP/hand-over');
    const run = await page.locator('#f-run option').nth(1).getAttribute('value');
    await field('Đợt in').selectOption(run!);
    await button('Xem danh sách').click();
    await page.locator('#f-class option').nth(1).waitFor({ state: 'attached' });
    const klass = await page.locator('#f-class option').nth(1).getAttribute('value');
    await field('Trường · lớp').selectOption(klass!);
    await button('Xem danh sách').click();
    await field('Ngày phát').fill('20/08/2024');
    await check('phat-theo-lop');
    await button('Ghi nhận đã phát các văn bằng được đánh dấu').click();
    expect(await page.getByRole('status').textContent()).toMatch(/Đã ghi nhận phát \d+ văn bằng/);
  });
});
