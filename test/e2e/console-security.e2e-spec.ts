import { ACCESS_CONTROL_STREAM, accessControlDecider, type OfficerRole } from '@so-goc/domain';
import { handleCommand, SqliteEventStore } from '@so-goc/event-store';
import { cliContext } from '../../apps/cli/src/commands/create-admin';
import { ConsoleClient, enrolForConsole } from '../support/console-client';
import { startTestSystem, type TestSystem } from '../support/embedded-system';
import { issueThptCohortOverHttp } from '../support/issued-over-http';

jest.setTimeout(240_000);

const PASSWORD = 'mật-khẩu-đủ-dài-2026';

/**
 * The console's defences over real HTTP on the embedded system: password and TOTP failures counted as
 * events, the slow-down and the lock, a disabled officer's live session, CSRF, another district's pages,
 * and personal identifiers kept from roles that may not see them.
 */
describe('Officers’ console: sign-in, sessions and scope (issue 13)', () => {
  let t: TestSystem;

  async function officer(authorityCode: string, officerId: string, roles: OfficerRole[], withTotp = false): Promise<string | undefined> {
    const store = new SqliteEventStore({ file: t.eventsFile });
    await handleCommand(store, accessControlDecider, {
      stream: ACCESS_CONTROL_STREAM,
      context: cliContext('test-given'),
      command: {
        type: 'CreateOfficer',
        authorityCode,
        officerId,
        username: officerId,
        fullName: `Cán bộ ${officerId}`,
        roles,
        includeSubordinates: false,
      },
    });
    await store.close();
    return enrolForConsole(t, { authorityCode, officerId, username: officerId }, PASSWORD, withTotp);
  }

  const failures = async (officerId: string) =>
    (await t.events(ACCESS_CONTROL_STREAM))
      .filter((e) => e.type === 'OfficerLoginFailed' && (e.data as { officerId: string }).officerId === officerId)
      .map((e) => e.data as { factor: string; failuresInARow: number });

  beforeAll(async () => {
    t = await startTestSystem();
    await t.given({
      type: 'RegisterAuthority',
      code: 'PGD-LC',
      name: 'Phòng GDĐT Lê Chân',
      kind: 'district_office',
      parentCode: 'SGD-HP',
      registeredOn: '2000-01-01',
    });
    await t.given({
      type: 'RegisterAuthority',
      code: 'PGD-NQ',
      name: 'Phòng GDĐT Ngô Quyền',
      kind: 'district_office',
      parentCode: 'SGD-HP',
      registeredOn: '2000-01-01',
    });
  });
  afterAll(() => t.stop());

  it('refuses a wrong password and records the failure against the officer', async () => {
    await officer('SGD-HP', 'lan-nt', ['registrar']);
    const c = new ConsoleClient(t.api);
    await c.get('/console/login');
    const refused = await c.post('/console/login', { username: 'lan-nt', password: 'sai mật khẩu' });
    expect(refused.status).toBe(401);
    expect(c.lastHtml).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(await failures('lan-nt')).toEqual([expect.objectContaining({ factor: 'password', failuresInARow: 1 })]);
    // Still not signed in: the home page sends the browser to sign in.
    expect((await c.get('/console/SGD-HP')).headers.get('location')).toMatch(/^\/console\/login/);
  });

  it('refuses a wrong TOTP code after a right password, counts it, and signs in with the right code', async () => {
    const secret = (await officer('SGD-HP', 'giam-doc', ['signer'], true))!;
    const c = new ConsoleClient(t.api);
    await c.get('/console/login');
    expect((await c.post('/console/login', { username: 'giam-doc', password: PASSWORD })).headers.get('location')).toBe(
      '/console/login/code',
    );
    // The password alone opens nothing for a signer.
    expect((await c.get('/console/SGD-HP')).status).toBe(303);
    await c.get('/console/login/code');
    expect((await c.post('/console/login/code', { code: '000000' })).status).toBe(401);
    expect(await failures('giam-doc')).toEqual([expect.objectContaining({ factor: 'totp', failuresInARow: 1 })]);
    const fresh = new ConsoleClient(t.api);
    await fresh.signIn('giam-doc', PASSWORD, secret);
    expect((await fresh.get('/console/SGD-HP')).status).toBe(200);
  });

  it('slows down after repeated failures, then locks the account even for the right password', async () => {
    await officer('SGD-HP', 'hai-vt', ['registrar']);
    const c = new ConsoleClient(t.api);
    await c.get('/console/login');
    const attempt = (password: string) => c.post('/console/login', { username: 'hai-vt', password });
    await attempt('sai-1');
    await attempt('sai-2');
    await attempt('sai-3');
    // Right after the third failure the next attempt is refused unchecked: it is not even counted.
    await attempt('sai-ngay');
    expect(c.lastHtml).toContain('hãy đợi vài giây');
    expect(await failures('hai-vt')).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 1100));
    await attempt('sai-4');
    await new Promise((r) => setTimeout(r, 2100));
    await attempt('sai-5');
    const locked = (await t.events(ACCESS_CONTROL_STREAM)).filter((e) => e.type === 'OfficerAccountLocked');
    expect(locked.map((e) => (e.data as { officerId: string }).officerId)).toEqual(['hai-vt']);
    const right = await attempt(PASSWORD);
    expect(right.status).toBe(401);
    expect(c.lastHtml).toContain('Tài khoản tạm khoá');
  });

  it('ends a disabled officer’s session at once', async () => {
    await officer('SGD-HP', 'thu-pt', ['registrar']);
    const c = new ConsoleClient(t.api);
    await c.signIn('thu-pt', PASSWORD);
    expect((await c.get('/console/SGD-HP/blanks')).status).toBe(200);
    expect(
      (await t.request('POST', '/api/v1/authorities/SGD-HP/officers/thu-pt/disable', { body: { reason: 'Chuyển công tác' } })).status,
    ).toBe(201);
    const after = await c.get('/console/SGD-HP/blanks');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/console\/login/);
  });

  it('refuses a form posted without its CSRF token, or with another session’s, and records nothing', async () => {
    await officer('SGD-HP', 'minh-lq', ['registrar']);
    const c = new ConsoleClient(t.api);
    await c.signIn('minh-lq', PASSWORD);
    await c.get('/console/SGD-HP/blanks/receive');
    const before = (await t.events()).length;
    const lot = {
      lotId: 'HP-CSRF-1',
      kind: 'THPT',
      templateVersion: 'TT21-2019',
      firstSerial: 'HP 0900001',
      lastSerial: 'HP 0900010',
      supplier: 'Nhà in',
      deliveryNoteNumber: 'P-1',
      deliveryNoteDate: '20/05/2024',
      receivedBy: 'Minh',
      receivedOn: '20/05/2024',
    };
    const without = await c.post('/console/SGD-HP/blanks/receive', lot, { csrf: false });
    expect(without.status).toBe(403);
    expect(c.lastHtml).toContain('Biểu mẫu đã hết hạn');
    const other = new ConsoleClient(t.api);
    await other.get('/console/login');
    const forged = await c.post('/console/SGD-HP/blanks/receive', { ...lot, _csrf: other.csrf() });
    expect(forged.status).toBe(403);
    expect((await t.events()).length).toBe(before);
    // With its token the same form goes through: the refusals above were the token's doing.
    await c.get('/console/SGD-HP/blanks/receive');
    expect((await c.post('/console/SGD-HP/blanks/receive', lot)).status).toBe(303);
  });

  it('keeps an officer of one district out of another district’s pages (403, nothing recorded)', async () => {
    await officer('PGD-LC', 'cb-le-chan', ['registrar']);
    const c = new ConsoleClient(t.api);
    await c.signIn('cb-le-chan', PASSWORD);
    expect((await c.get('/console/PGD-LC')).status).toBe(200);
    const before = (await t.events()).length;
    for (const path of [
      '/console/PGD-NQ',
      '/console/PGD-NQ/blanks',
      '/console/PGD-NQ/register',
      '/console/PGD-NQ/print-runs',
      '/console/SGD-HP/decisions',
    ]) {
      const response = await c.get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
    }
    await c.get('/console/PGD-LC/blanks/receive');
    const post = await c.post('/console/PGD-NQ/blanks/receive', {
      lotId: 'NQ-1',
      kind: 'THCS',
      templateVersion: 'TT21-2019',
      firstSerial: 'HP 0300001',
      lastSerial: 'HP 0300010',
      supplier: 'Sở',
      deliveryNoteNumber: 'P',
      deliveryNoteDate: '01/06/2024',
      receivedBy: 'X',
      receivedOn: '01/06/2024',
    });
    expect(post.status).toBe(403);
    expect((await t.events()).length).toBe(before);
  });

  it('shows national ID and ethnicity to a registrar and never to an auditor', async () => {
    const issued = await issueThptCohortOverHttp(t);
    const first = issued[0]!;
    const nationalId = (await (
      await t.request('GET', `/api/v1/authorities/SGD-HP/diplomas?serial=${encodeURIComponent(first.serial)}`)
    ).json()) as { diplomas: { nationalId: string; ethnicity: string }[] };
    const { nationalId: id } = nationalId.diplomas[0]!;
    await officer('SGD-HP', 'thanh-tra', ['auditor']);
    await officer('SGD-HP', 'van-bang', ['registrar']);
    const auditor = new ConsoleClient(t.api);
    await auditor.signIn('thanh-tra', PASSWORD);
    const registrar = new ConsoleClient(t.api);
    await registrar.signIn('van-bang', PASSWORD);
    for (const path of [
      '/console/SGD-HP/register/THPT/2024',
      `/console/SGD-HP/register/search?serial=${encodeURIComponent(first.serial)}`,
    ]) {
      expect((await auditor.get(path)).status).toBe(200);
      expect(auditor.lastHtml).toContain(first.fullName);
      expect(auditor.lastHtml).not.toContain(id);
      expect(auditor.lastHtml).not.toContain('Số định danh');
      expect(auditor.lastHtml).not.toContain('Dân tộc');
      expect((await registrar.get(path)).status).toBe(200);
      expect(registrar.lastHtml).toContain(id);
    }
  });
});
