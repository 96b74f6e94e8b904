import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { OfficerRole } from '@so-goc/domain';
import { base32Decode, totp } from '@so-goc/platform';
import { signedInOfficer } from '../support/console-client';
import { CHROMIUM, screenAndAxe, tabTo } from '../support/console-browser';
import { startTestSystem, type TestSystem } from '../support/embedded-system';
import { issueThptCohortOverHttp, type IssuedEntry } from '../support/issued-over-http';

jest.setTimeout(300_000);

const PASSWORD = 'Phôi-HP-2024-an-toàn';

/**
 * Issue 13's last screens in Debian's Chromium. First, the after-issuance flows with the keyboard alone
 * (Tab, Enter, Space, arrow keys in a list — no mouse, no filled-in fields): a registrar takes a
 * correction dossier and another officer decides it (rule 32); a registrar proposes a revocation, may not
 * record the decision himself (rule 42), and the head of office revokes after the restatement. Then the
 * editable authority directory, the proposal and the digital issue, each screenshotted at 1366×768 and
 * 390 px (the path is printed) and checked with axe-core.
 */
describe('Officers’ console in a browser: after issuance with the keyboard alone; the directory, proposal and digital issue screens', () => {
  let t: TestSystem;
  let browser: Browser;
  let issued: IssuedEntry[];
  let adminSecret: string;
  const shots = mkdtempSync(join(tmpdir(), 'so-goc-console-keyboard-screenshots-'));
  let shot = 0;

  async function officer(officerId: string, roles: OfficerRole[], withTotp = false): Promise<string | undefined> {
    const given = { authorityCode: 'SGD-HP', officerId, roles, password: PASSWORD, withTotp, includeSubordinates: true };
    return (await signedInOfficer(t, given)).totpSecret;
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium is missing at ${CHROMIUM}: install Debian's package (apt-get install -y chromium)`);
    t = await startTestSystem();
    issued = await issueThptCohortOverHttp(t, { rows: 12 });
    await officer('tiep-nhan', ['registrar']);
    await officer('truong-phong', ['registrar']);
    adminSecret = (await officer('qt-ban-phim', ['administrator', 'registrar'], true))!;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    console.log(`Console keyboard and directory screenshots: ${shots}`);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  /** A desk of its own: a browser context at 1366×768 (bypassCSP only so that axe can be injected). */
  async function desk(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      deviceScaleFactor: 1,
      locale: 'vi-VN',
      bypassCSP: true,
    });
    return { context, page: await context.newPage() };
  }

  async function check(page: Page, name: string): Promise<void> {
    shot += 1;
    const serious = await screenAndAxe(page, shots, `${String(shot).padStart(2, '0')}-${name}`);
    expect({ page: name, serious }).toEqual({ page: name, serious: [] });
  }

  // ── keyboard only ──────────────────────────────────────────────────────────────────────────────────

  /** Tab to the field, select what is there, type over it. */
  async function typeInto(page: Page, label: RegExp, text: string): Promise<void> {
    await tabTo(page, label);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
  }

  /** A closed list moves to the n-th option below the current one with the arrow key, as on a Windows PC. */
  async function choose(page: Page, label: RegExp, down: number): Promise<void> {
    await tabTo(page, label);
    for (let i = 0; i < down; i += 1) await page.keyboard.press('ArrowDown');
  }

  async function press(page: Page, name: RegExp, key: 'Enter' | ' ', url: RegExp): Promise<void> {
    await tabTo(page, name);
    await Promise.all([page.waitForURL(url), page.keyboard.press(key)]);
  }

  async function signInByKeyboard(page: Page, username: string): Promise<void> {
    await page.goto(`${t.api}/console/login`);
    await typeInto(page, /Tên đăng nhập/, username);
    await typeInto(page, /Mật khẩu/, PASSWORD);
    await Promise.all([page.waitForURL(/\/console\/SGD-HP$/), page.keyboard.press('Enter')]);
  }

  /** From any page: the register in the menu, the serial, the result's "Mở …" link. */
  async function openDiplomaByKeyboard(page: Page, entry: IssuedEntry): Promise<void> {
    await press(page, /^Sổ gốc$/, 'Enter', /\/register$/);
    await typeInto(page, /^Số hiệu/, entry.serial);
    await Promise.all([page.waitForURL(/register\/search\?/), page.keyboard.press('Enter')]);
    await press(page, new RegExp(`^Mở ${entry.fullName}`), 'Enter', /\/diplomas\/[^/?]+$/);
    expect(await page.textContent('h1')).toBe(entry.fullName);
  }

  it('corrects a diploma and revokes another with Tab, Enter, Space and arrow keys only, each decision by another officer', async () => {
    const registrar = await desk();
    const head = await desk();
    const a = registrar.page;
    const b = head.page;
    await signInByKeyboard(a, 'tiep-nhan');
    await signInByKeyboard(b, 'truong-phong');

    // The registrar takes a correction dossier (rule 27a, 28).
    const corrected = issued[4]!;
    await openDiplomaByKeyboard(a, corrected);
    await press(a, /^Nhận hồ sơ đề nghị chỉnh sửa$/, 'Enter', /corrections\/new$/);
    await typeInto(a, /^Số hồ sơ/, 'cs-ban-phim-1');
    await choose(a, /^Căn cứ chỉnh sửa/, 1);
    await choose(a, /^Nội dung cần sửa/, 2);
    await typeInto(a, /^Nội dung mới/, 'Thuỷ Nguyên, Hải Phòng');
    await typeInto(a, /^Loại giấy tờ/, 'Trích lục cải chính hộ tịch');
    await typeInto(a, /^Số giấy tờ/, '77/TLCC');
    await typeInto(a, /^Ngày cấp giấy tờ/, '25/11/2026');
    await typeInto(a, /^Cơ quan cấp giấy tờ/, 'UBND xã Thuỷ Nguyên');
    await typeInto(a, /^Người đề nghị/, corrected.fullName);
    await typeInto(a, /^Ngày nhận hồ sơ/, '01/12/2026');
    await typeInto(a, /^Ngày hồ sơ đầy đủ/, '01/12/2026');
    await press(a, /^Ghi nhận hồ sơ$/, 'Enter', /done=correction-requested/);
    expect(await a.locator('table').textContent()).toContain('cs-ban-phim-1');

    // The head of office, at the next desk, decides it after the restatement.
    await openDiplomaByKeyboard(b, corrected);
    await press(b, /^Quyết định chỉnh sửa cs-ban-phim-1/, 'Enter', /decision$/);
    await typeInto(b, /^Số quyết định chỉnh sửa/, '61/QĐ-SGDĐT');
    await typeInto(b, /^Ngày quyết định/, '02/12/2026');
    await press(b, /^Tiếp tục$/, 'Enter', /decision$/);
    expect(await b.textContent('h1')).toBe(`Chỉnh sửa văn bằng của ${corrected.fullName}?`);
    expect(await b.textContent('main')).toContain('Nơi sinh');
    await press(b, /^Xác nhận: quyết định chỉnh sửa$/, ' ', /done=corrected/);
    expect(await b.getByRole('status').textContent()).toContain('phụ lục sổ gốc');

    // The registrar proposes a revocation (§2.7): ground fraud, found by the police.
    const revoked = issued[6]!;
    await openDiplomaByKeyboard(a, revoked);
    await press(a, /^Đề xuất thu hồi$/, 'Enter', /revocation-proposal$/);
    await choose(a, /^Căn cứ thu hồi/, 1);
    await choose(a, /^Nơi phát hiện/, 2);
    await typeInto(a, /^Lý do, văn bản làm căn cứ/, 'Công văn 12/CV-CAHP: học bạ giả');
    await typeInto(a, /^Ngày đề xuất/, '03/12/2026');
    await press(a, /^Ghi nhận đề xuất$/, 'Enter', /done=revocation-proposed/);
    expect(await a.textContent('main')).toContain('đã đề xuất thu hồi ngày 03/12/2026');

    // He may not record the decision himself: refused beside the form with rule 42, what he typed kept.
    const decision = async (page: Page) => {
      await press(page, /^Thu hồi văn bằng$/, 'Enter', /\/revocation$/);
      await typeInto(page, /^Số quyết định thu hồi/, '21/QĐ-SGDĐT');
      await typeInto(page, /^Ngày quyết định/, '04/12/2026');
      await typeInto(page, /^Lý do \(ghi trong quyết định\)/, 'Gian lận hồ sơ theo công văn 12/CV-CAHP');
      await press(page, /^Tiếp tục$/, 'Enter', /\/revocation$/);
      expect(await page.textContent('h1')).toBe(`Thu hồi văn bằng của ${revoked.fullName}?`);
    };
    await decision(a);
    const before = (await t.events()).length;
    await tabTo(a, /^Xác nhận thu hồi$/);
    const [refused] = await Promise.all([a.waitForResponse((r) => r.url().endsWith('/revocation/confirmed')), a.keyboard.press(' ')]);
    expect(refused.status()).toBe(403);
    await a.waitForLoadState();
    expect(await a.getByRole('alert').textContent()).toContain('quy tắc 42');
    expect(await a.getByLabel('Số quyết định thu hồi', { exact: true }).inputValue()).toBe('21/QĐ-SGDĐT');
    expect((await t.events()).length).toBe(before);
    await check(a, 'thu-hoi-nguoi-de-xuat-bi-tu-choi');

    // The head of office records it: the ground and source come from the proposal.
    await openDiplomaByKeyboard(b, revoked);
    await decision(b);
    await press(b, /^Xác nhận thu hồi$/, ' ', /done=revoked/);
    expect(await b.textContent('.warning-text')).toContain('21/QĐ-SGDĐT');
    await registrar.context.close();
    await head.context.close();
  });

  // ── the new screens, looked at ─────────────────────────────────────────────────────────────────────

  it('shows the editable directory, its forms and restatements, the proposal and the digital issue at both sizes, axe-clean', async () => {
    const { context, page } = await desk();
    await page.goto(`${t.api}/console/login`);
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('qt-ban-phim');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
    await Promise.all([page.waitForURL(/\/login\/code/), page.keyboard.press('Enter')]);
    await page.getByLabel(/Mã 6 chữ số/).fill(totp(base32Decode(adminSecret), new Date()));
    await Promise.all([page.waitForURL(/\/console\/SGD-HP$/), page.keyboard.press('Enter')]);
    const field = (name: string) => page.getByLabel(name, { exact: true });
    const button = (name: string) => page.getByRole('button', { name, exact: true });

    await page.goto(`${t.api}/console/SGD-HP/admin/directory`);
    await check(page, 'danh-muc-don-vi');
    await page.getByRole('link', { name: 'Đăng ký đơn vị trực thuộc' }).click();
    await field('Mã đơn vị').fill('TTNN-HP');
    await field('Tên đơn vị').fill('Trung tâm Ngoại ngữ Hải Phòng');
    await field('Ngày bắt đầu hoạt động').fill('31/02/2026');
    await button('Đăng ký đơn vị').click();
    expect(await field('Tên đơn vị').inputValue()).toBe('Trung tâm Ngoại ngữ Hải Phòng');
    await check(page, 'don-vi-moi-loi');
    await field('Loại đơn vị').selectOption('centre');
    await field('Ngày bắt đầu hoạt động').fill('01/09/2026');
    await Promise.all([page.waitForURL(/done=unit/), button('Đăng ký đơn vị').click()]);

    await page.getByRole('link', { name: 'Đăng ký người ký' }).click();
    await field('Mã người ký').fill('pgd-le-thu');
    await field('Họ và tên').fill('Lê Thị Thu');
    await field('Chức vụ').fill('Phó Giám đốc');
    await field('Vai trò ký').selectOption('deputy_in_charge');
    await field('Ký từ ngày').fill('01/10/2026');
    await button('Đăng ký người ký').click();
    expect(await page.getByRole('alert').textContent()).toContain('quy tắc 6');
    await check(page, 'nguoi-ky-loi-quy-tac-6');
    await field('Quyết định giao phụ trách').fill('456/QĐ-UBND');
    await Promise.all([page.waitForURL(/done=signer/), button('Đăng ký người ký').click()]);
    await page.getByRole('link', { name: 'Kết thúc thẩm quyền Lê Thị Thu' }).click();
    await field('Ngày cuối cùng được ký').fill('30/11/2026');
    await field('Lý do (quyết định nghỉ hưu, điều động…)').fill('Điều động theo QĐ 789/QĐ-UBND');
    await button('Tiếp tục').click();
    expect(await page.textContent('main')).toContain('Không đảo ngược được');
    await check(page, 'xac-nhan-ket-thuc-tham-quyen');
    await Promise.all([page.waitForURL(/done=mandate-ended/), button('Xác nhận: kết thúc thẩm quyền ký').click()]);

    await page.getByRole('link', { name: 'Cấp phép cấp chứng chỉ TTNN-HP' }).click();
    await check(page, 'cap-phep-trung-tam');
    await field('Mã giấy phép').fill('ttnn-hp-2026');
    await field('Số quyết định cấp phép, giao nhiệm vụ').fill('512/QĐ-SGDĐT');
    await field('Ngày quyết định').fill('05/10/2026');
    await page.getByRole('checkbox', { name: /^CC-NN/ }).check();
    await field('Hiệu lực từ ngày').fill('05/10/2026');
    await Promise.all([page.waitForURL(/done=licence/), button('Ghi nhận giấy phép').click()]);
    expect(await page.textContent('main')).toContain('512/QĐ-SGDĐT');
    await check(page, 'danh-muc-sau-khi-sua');

    await page.goto(`${t.api}/console/SGD-HP/admin/directory/end`);
    await field('Hình thức').selectOption('merged');
    await field('Mã đơn vị kế thừa').fill('SGD-HP');
    await field('Ngày có hiệu lực').fill('01/12/2026');
    await field('Số quyết định, nghị quyết').fill('202/2025/QH15');
    await button('Tiếp tục').click();
    // An authority cannot succeed itself: said on the form, before any restatement.
    expect(await page.getByRole('alert').textContent()).toContain('Đơn vị kế thừa phải là một đơn vị khác.');
    expect(await field('Số quyết định, nghị quyết').inputValue()).toBe('202/2025/QH15');
    await check(page, 'sap-nhap-loi');
    // Across kinds is the decider's refusal, after the restatement.
    await field('Mã đơn vị kế thừa').fill('TTNN-HP');
    await button('Tiếp tục').click();
    expect(await page.textContent('h1')).toBe('Chấm dứt hoạt động của SGD-HP?');
    await check(page, 'xac-nhan-sap-nhap');
    await Promise.all([page.waitForURL(/\/admin\/directory\/end\/confirmed/), button('Xác nhận: sáp nhập, giải thể đơn vị').click()]);
    expect(await page.getByRole('alert').textContent()).toContain('Chỉ hợp nhất được vào đơn vị cùng loại');
    await check(page, 'sap-nhap-bi-tu-choi');

    const entry = issued[8]!;
    const d = `${t.api}/console/SGD-HP/diplomas/${entry.diplomaId}`;
    await page.goto(`${d}/revocation-proposal`);
    await check(page, 'de-xuat-thu-hoi');
    await page.goto(`${d}/digital-issue`);
    await check(page, 'cap-van-bang-dien-tu');
    await field('Ngày cấp bản điện tử').fill('03/12/2026');
    await field('Mã bản ghi văn bằng điện tử').fill('CSDL-VB-2026-000888');
    await button('Tiếp tục').click();
    await check(page, 'xac-nhan-van-bang-dien-tu');
    await Promise.all([page.waitForURL(/done=issued-digitally/), button('Xác nhận: cấp văn bằng điện tử').click()]);
    expect(await page.textContent('main')).toContain('mã bản ghi CSDL-VB-2026-000888');
    await check(page, 'van-bang-sau-khi-cap-dien-tu');
    await context.close();
  });
});
