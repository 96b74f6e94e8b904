import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { FileKeyring, loadConfig } from '@so-goc/platform';
import { createVerifyPortal } from '../../apps/verify-portal/src/create-verify-portal';
import type { VerifyPortalServer } from '../../apps/verify-portal/src/http/portal-server';
import { issuanceWorld } from '../support/issuance-world';
import { dmy, issueFixtureDiplomas, plain, tamper, tokenFor, type IssuedDiploma } from '../support/public-diplomas';

jest.setTimeout(180_000);

const CHROMIUM = '/usr/bin/chromium';

interface Violation {
  readonly id: string;
  readonly impact: string | null | undefined;
  readonly help: string;
  readonly targets: string[];
}

/**
 * A person on a phone: the lookup form filled in and sent, the QR landing, a forged QR, in headless
 * Chromium (Debian's package, driven by playwright-core), with axe-core on every page. Screenshots are
 * kept in a temp directory whose path is printed, to be looked at.
 */
describe('Verify portal in a browser', () => {
  let world: Awaited<ReturnType<typeof issuanceWorld>>;
  let app: VerifyPortalServer;
  let url: string;
  let browser: Browser;
  let page: Page;
  let diplomas: IssuedDiploma[];
  let keyring: FileKeyring;
  const shots = mkdtempSync(join(tmpdir(), 'so-goc-portal-screenshots-'));

  beforeAll(async () => {
    // CI installs Chromium (.ci/run); a machine without it must fail here, never skip the check silently.
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium is missing at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), as .ci/run does`);
    world = await issuanceWorld();
    diplomas = await issueFixtureDiplomas(world.store, { count: 20, exemptRows: [3], receiveLot: false, withProvince: false });
    const config = loadConfig({ SOGOC_DATA_DIR: world.dir.path });
    keyring = FileKeyring.forConfig(config);
    app = await createVerifyPortal(
      { readModels: await world.readModels(), config },
      { settings: { rateLimit: { perMinute: 6000, burst: 1000 } } },
    );
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', 'localhost');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    // bypassCSP only so that axe can be injected: the portal's policy forbids every script, rightly.
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 1,
      bypassCSP: true,
      locale: 'vi-VN',
    });
    page = await context.newPage();
    console.log(`Portal screenshots: ${shots}`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await world?.close();
  });

  async function check(name: string): Promise<void> {
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    await page.addScriptTag({ content: axe.source });
    const violations = await page.evaluate(async () => {
      const runner = (
        globalThis as unknown as {
          axe: {
            run: () => Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
          };
        }
      ).axe;
      const result = await runner.run();
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => String(n.target[0])) }));
    });
    // Lesser findings are printed for whoever looks at the run; only serious and critical ones fail it.
    if (violations.length > 0) console.log(`axe on ${name}: ${violations.map((v: Violation) => `${v.id} (${v.impact})`).join(', ')}`);
    const serious = violations.filter((v: Violation) => v.impact === 'serious' || v.impact === 'critical');
    expect({ page: name, serious }).toEqual({ page: name, serious: [] });
  }

  it('fills in the lookup form on a phone and reads a valid answer', async () => {
    const holder = diplomas.find((d) => d.ethnicity === 'Mường')!;
    await page.goto(`${url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await check('1-lookup-form');
    await page.getByRole('textbox', { name: 'Số hiệu văn bằng', exact: true }).first().fill(holder.serial);
    await page.getByRole('textbox', { name: 'Họ và tên người được cấp', exact: true }).fill(plain(holder.fullName));
    await page.getByRole('textbox', { name: 'Ngày sinh', exact: true }).fill(dmy(holder.birthDate));
    await Promise.all([page.waitForURL(/\/tra-cuu$/), page.getByRole('button', { name: 'Tra cứu' }).first().click()]);
    // The form posts: the holder's name and birth date are in no address, history entry or proxy log (issue 16).
    expect(page.url()).toBe(`${url}/tra-cuu`);
    await expect(page.getByRole('heading', { level: 2, name: /Văn bằng hợp lệ/ }).isVisible()).resolves.toBe(true);
    expect(await page.textContent('main')).toContain('Nguyễn Đình Hưng');
    expect(await page.textContent('body')).not.toContain('Mường');
    await check('2-lookup-valid');
  });

  it('shows the form again with the problems named next to their fields', async () => {
    await page.goto(`${url}/`);
    await page.getByRole('textbox', { name: 'Số hiệu văn bằng', exact: true }).first().fill('HP 0200001');
    await page.getByRole('textbox', { name: 'Ngày sinh', exact: true }).fill('31/02/2006');
    await Promise.all([page.waitForURL(/\/tra-cuu$/), page.getByRole('button', { name: 'Tra cứu' }).first().click()]);
    expect(await page.getByRole('alert').textContent()).toContain('Ngày sinh không có thật trên lịch.');
    expect(await page.getAttribute('#h-birthDate', 'aria-invalid')).toBe('true');
    await check('3-lookup-problems');
  });

  it('lands a QR in English, and names a forged one', async () => {
    const holder = diplomas.find((d) => !d.exempt)!;
    const token = tokenFor(keyring, holder);
    await page.goto(`${url}/v/${token}?lang=en`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('main')).toContain('Valid diploma');
    expect(await page.textContent('main')).toContain(holder.registerNumber);
    await check('4-qr-valid-en');
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await page.goto(`${url}/v/${tamper(token)}`);
    expect(await page.textContent('h2')).toContain('Mã QR không hợp lệ hoặc đã bị sửa đổi');
    await check('5-qr-forged');
  });

  it('answers an exempt holder as not available online', async () => {
    const exempt = diplomas.find((d) => d.exempt)!;
    await page.goto(`${url}/v/${tokenFor(keyring, exempt)}`);
    expect(await page.textContent('main')).toContain('Thông tin văn bằng này không tra cứu trực tuyến được; vui lòng liên hệ cơ quan cấp.');
    await check('6-not-public');
  });
});
