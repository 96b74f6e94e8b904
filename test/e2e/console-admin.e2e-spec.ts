import { dirname } from 'node:path';
import { ACCESS_CONTROL_STREAM, accessControlDecider, type OfficerRole } from '@so-goc/domain';
import { handleCommand, SqliteEventStore } from '@so-goc/event-store';
import { loadConfig } from '@so-goc/platform';
import { cliContext } from '../../apps/cli/src/commands/create-admin';
import { serve } from '../../apps/cli/src/commands/serve';
import { ConsoleClient, enrolForConsole } from '../support/console-client';
import { startTestSystem, type TestSystem } from '../support/embedded-system';

jest.setTimeout(240_000);

const PASSWORD = 'mật-khẩu-đủ-dài-2026';

/**
 * The console's blanks, administration, audit and legacy-register screens over real HTTP on the
 * embedded system, and its sessions kept in SQLite (issues 13, 14 item 8, 15).
 */
describe('Officers’ console: sessions, blanks, administration, audits (issues 13–15)', () => {
  let t: TestSystem;

  async function officer(
    authorityCode: string,
    officerId: string,
    roles: OfficerRole[],
    options: { withTotp?: boolean; includeSubordinates?: boolean } = {},
  ): Promise<string | undefined> {
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
        includeSubordinates: options.includeSubordinates ?? false,
      },
    });
    await store.close();
    return enrolForConsole(t, { authorityCode, officerId, username: officerId }, PASSWORD, options.withTotp ?? false);
  }

  /** A second node of the system: its own process state, the same data directory. */
  async function secondNode(): Promise<{ url: string; close(): Promise<void> }> {
    const config = loadConfig({ SOGOC_DATA_DIR: dirname(t.eventsFile), SOGOC_API_PORT: '0', SOGOC_PORTAL_PORT: '0' });
    const node = await serve(config, ['registry-api'], { quiet: true });
    return { url: node.apiUrl!, close: () => node.close() };
  }

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

  describe('sessions in SQLite', () => {
    it('keeps an officer signed in on a second node and after that node restarts; a disabled officer is refused at once everywhere', async () => {
      await officer('SGD-HP', 'ss-lan', ['registrar']);
      const c = new ConsoleClient(t.api);
      await c.signIn('ss-lan', PASSWORD);
      expect((await c.get('/console/SGD-HP/blanks')).status).toBe(200);

      let node = await secondNode();
      try {
        const there = c.on(node.url);
        expect((await there.get('/console/SGD-HP/blanks')).status).toBe(200);
        // A form whose page came from the first node posts to the second: the CSRF token is the session's, shared.
        await c.get('/console/SGD-HP/blanks/receive');
        const refused = await c.on(node.url).post('/console/SGD-HP/blanks/receive', { lotId: '' });
        expect(refused.status).toBe(400);

        await node.close();
        node = await secondNode();
        expect((await c.on(node.url).get('/console/SGD-HP/blanks')).status).toBe(200);

        expect(
          (await t.request('POST', '/api/v1/authorities/SGD-HP/officers/ss-lan/disable', { body: { reason: 'Chuyển công tác' } })).status,
        ).toBe(201);
        const after = await c.on(node.url).get('/console/SGD-HP/blanks');
        expect(after.status).toBe(303);
        expect(after.headers.get('location')).toMatch(/^\/console\/login/);
        expect((await c.get('/console/SGD-HP/blanks')).status).toBe(303);
      } finally {
        await node.close();
      }
    });

    it('signs out on every node: the session row is gone', async () => {
      await officer('SGD-HP', 'ss-hoa', ['registrar']);
      const c = new ConsoleClient(t.api);
      await c.signIn('ss-hoa', PASSWORD);
      const node = await secondNode();
      try {
        const copy = c.on(node.url);
        await c.get('/console/SGD-HP');
        expect((await c.post('/console/logout', {})).status).toBe(303);
        expect((await copy.get('/console/SGD-HP')).status).toBe(303);
      } finally {
        await node.close();
      }
    });
  });
});
