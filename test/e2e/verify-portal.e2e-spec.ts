import { join } from 'node:path';
import { SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { FileKeyring, loadConfig, type SoGocConfig } from '@so-goc/platform';
import { serve, type RunningSystem } from '../../apps/cli/src/commands/serve';
import { dmy, issueFixtureDiplomas, plain, tamper, tokenFor, type IssuedDiploma } from '../support/public-diplomas';

jest.setTimeout(120_000);

/**
 * The portal as deployed beside the projector but without the officers' API (issue 7, point 7): it answers
 * from the read-model file alone. Diplomas are issued on the same event file by another store handle, as
 * the API or the CLI would, and the projector picks them up by polling.
 */
describe('Verify portal running without the officers’ API', () => {
  const env = { ...process.env };
  let dir: ReturnType<typeof makeTempDir>;
  let config: SoGocConfig;
  let system: RunningSystem;
  let office: SqliteEventStore;
  let diplomas: IssuedDiploma[];
  let portal: string;

  beforeAll(async () => {
    process.env.SOGOC_PORTAL_RATE_PER_MINUTE = '6000';
    process.env.SOGOC_PORTAL_RATE_BURST = '1000';
    dir = makeTempDir('e2e-portal');
    config = loadConfig({ SOGOC_DATA_DIR: dir.path, SOGOC_API_PORT: '0', SOGOC_PORTAL_PORT: '0' });
    system = await serve(config, ['verify-portal', 'projector'], { quiet: true });
    portal = system.portalUrl!;
    office = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    diplomas = await issueFixtureDiplomas(office, { count: 12, exemptRows: [7] });
    await system.projector!.runner.waitUntilCaughtUp((await office.headPosition())!, 30_000);
  });

  afterAll(async () => {
    process.env = env;
    await system.close();
    await office.close();
    dir.remove();
  });

  it('runs no API at all', () => {
    expect(system.api).toBeUndefined();
    expect(system.apiUrl).toBeUndefined();
  });

  it('answers valid, not found, forged and not public over HTML and JSON', async () => {
    const keyring = FileKeyring.forConfig(config);
    const holder = diplomas.find((d) => !d.exempt)!;
    const exempt = diplomas.find((d) => d.exempt)!;
    const byHolder = (d: IssuedDiploma, birthDate = dmy(d.birthDate)) =>
      `serial=${encodeURIComponent(d.serial)}&fullName=${encodeURIComponent(plain(d.fullName))}&birthDate=${encodeURIComponent(birthDate)}`;

    const page = await lookupPage(byHolder(holder));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Văn bằng hợp lệ');
    expect(html).toContain(holder.fullName);
    expect(await status(`/api/v1/lookup?${byHolder(holder)}`)).toBe('VALID');

    expect(await (await lookupPage(byHolder(holder, '01/01/1990'))).text()).toContain('Không tìm thấy văn bằng');
    expect(await status(`/api/v1/lookup?${byHolder(holder, '01/01/1990')}`)).toBe('NOT_FOUND');

    const token = tokenFor(keyring, holder);
    expect(await (await fetch(`${portal}/v/${token}`)).text()).toContain('Văn bằng hợp lệ');
    expect(await status(`/api/v1/verify/${token}`)).toBe('VALID');
    expect(await (await fetch(`${portal}/v/${tamper(token)}`)).text()).toContain('Mã QR không hợp lệ hoặc đã bị sửa đổi');
    expect(await status(`/api/v1/verify/${tamper(token)}`)).toBe('FORGED');

    expect(await (await lookupPage(byHolder(exempt))).text()).toContain(
      'Thông tin văn bằng này không tra cứu trực tuyến được; vui lòng liên hệ cơ quan cấp.',
    );
    expect(await status(`/api/v1/lookup?${byHolder(exempt)}`)).toBe('NOT_PUBLIC');
    expect(await status(`/api/v1/verify/${tokenFor(keyring, exempt)}`)).toBe('NOT_PUBLIC');

    // The key set the portal publishes is the one the token was signed with.
    const keys = (await (await fetch(`${portal}/.well-known/so-goc-keys.json`)).json()) as { keys: { kid: string }[] };
    expect(keys.keys.map((k) => k.kid)).toEqual([keyring.activeSigningKey('SGD-HP').kid]);
  });

  /** The lookup form posts its fields, as a browser sends them. */
  function lookupPage(form: string): Promise<Response> {
    return fetch(`${portal}/tra-cuu`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  }

  async function status(path: string): Promise<string> {
    const response = await fetch(`${portal}${path}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { status: string }).status;
  }
});

describe('Verify portal after the officers’ API has stopped', () => {
  it('keeps answering from the read models', async () => {
    const env = { ...process.env };
    const dir = makeTempDir('e2e-portal-api-down');
    try {
      const config = loadConfig({ SOGOC_DATA_DIR: dir.path, SOGOC_API_PORT: '0', SOGOC_PORTAL_PORT: '0' });
      const system = await serve(config, undefined, { quiet: true });
      const office = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
      try {
        const [diploma] = await issueFixtureDiplomas(office, { count: 1 });
        await system.projector!.runner.waitUntilCaughtUp((await office.headPosition())!, 30_000);
        await system.api!.close();
        await expect(fetch(`${system.apiUrl}/health`)).rejects.toThrow();
        const response = await fetch(
          `${system.portalUrl}/api/v1/lookup?serial=${encodeURIComponent(diploma!.serial)}&registerNumber=${encodeURIComponent(diploma!.registerNumber)}`,
        );
        expect(((await response.json()) as { status: string }).status).toBe('VALID');
      } finally {
        await office.close();
        await system.close().catch(() => undefined);
      }
    } finally {
      process.env = env;
      dir.remove();
    }
  });
});
