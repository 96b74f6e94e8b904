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

  /** Read models follow events asynchronously: read the page until it shows what was just recorded. */
  async function eventuallyHtml(c: ConsoleClient, path: string, ready: (html: string) => boolean): Promise<string> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      await c.get(path);
      if (ready(c.lastHtml)) return c.lastHtml;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`${path} never showed what was expected:\n${c.lastHtml.slice(0, 3000)}`);
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

  describe('blanks after receipt', () => {
    let c: ConsoleClient;
    const lot = {
      lotId: 'HP-ADM-1',
      kind: 'THPT',
      templateVersion: 'TT21-2019',
      firstSerial: 'HP 0700001',
      lastSerial: 'HP 0700100',
      supplier: 'Nhà in Bộ GDĐT',
      deliveryNoteNumber: 'PGN-7',
      deliveryNoteDate: '20/05/2024',
      receivedBy: 'Nguyễn Thị Lan',
      receivedOn: '20/05/2024',
    };

    beforeAll(async () => {
      await officer('SGD-HP', 'bl-lan', ['registrar']);
      c = new ConsoleClient(t.api);
      await c.signIn('bl-lan', PASSWORD);
      await c.get('/console/SGD-HP/blanks/receive');
      expect((await c.post('/console/SGD-HP/blanks/receive', lot)).status).toBe(303);
    });

    it('hands blanks down to a unit, and refuses a unit that is not under the Sở, keeping what was typed', async () => {
      await c.get('/console/SGD-HP/blanks/act/allocate?lot=HP-ADM-1');
      const form = {
        lotId: 'HP-ADM-1',
        ranges: 'HP 0700001-HP 0700020',
        toAuthority: 'SGD-XX',
        handoverNumber: 'BBGN-01',
        handoverDate: '01/06/2024',
        allocatedOn: '01/06/2024',
      };
      const refused = await c.post('/console/SGD-HP/blanks/act/allocate', form);
      expect(refused.status).toBe(400);
      expect(c.lastHtml).toContain('không phải đơn vị trực thuộc');
      expect(c.lastHtml).toContain('value="BBGN-01"');
      expect(c.lastHtml).toContain('HP 0700001-HP 0700020');
      const done = await c.post('/console/SGD-HP/blanks/act/allocate', { ...form, toAuthority: 'PGD-LC' });
      expect(done.status).toBe(303);
      expect(done.headers.get('location')).toBe('/console/SGD-HP/blanks?done=allocate');
    });

    it('refuses to destroy blanks that are not spoiled, with the rule’s words and number, and records nothing', async () => {
      const before = (await t.events()).length;
      await c.get('/console/SGD-HP/blanks/act/destroy');
      const destroy = {
        lotId: 'HP-ADM-1',
        ranges: 'HP 0700031-HP 0700032',
        councilDecisionNumber: 'QĐ-HĐ-01',
        councilDecisionDate: '01/12/2024',
        members:
          'Nguyễn Văn An; Phó Giám đốc; Chủ tịch hội đồng\nTrần Thị Bình; Trưởng phòng; Thư ký\nLê Văn Cường; Chuyên viên; Thành viên',
        method: 'Nghiền bằng máy huỷ tài liệu',
        place: 'Trụ sở Sở GDĐT',
        minutesRef: 'BB-HUY-01',
        destroyedOn: '10/12/2024',
      };
      // The first post only restates what will happen.
      const confirm = await c.post('/console/SGD-HP/blanks/act/destroy', destroy);
      expect(confirm.status).toBe(200);
      expect(c.lastHtml).toContain('Huỷ 2 phôi của lô HP-ADM-1?');
      expect(c.lastHtml).toContain('không thể hoàn tác');
      expect((await t.events()).length).toBe(before);
      const refused = await c.post('/console/SGD-HP/blanks/act/destroy', { ...destroy, confirmed: 'yes' });
      expect(refused.status).toBe(400);
      expect(c.lastHtml).toMatch(/quy tắc 17/);
      expect((await t.events()).length).toBe(before);

      // Spoiled first, then the council destroys them after confirming.
      await c.get('/console/SGD-HP/blanks/act/spoil');
      expect(
        (
          await c.post('/console/SGD-HP/blanks/act/spoil', {
            lotId: 'HP-ADM-1',
            ranges: 'HP 0700031-HP 0700032',
            reason: 'damaged',
            note: 'Ẩm mốc',
            spoiledOn: '05/08/2024',
          })
        ).status,
      ).toBe(303);
      await c.get('/console/SGD-HP/blanks/act/destroy');
      await c.post('/console/SGD-HP/blanks/act/destroy', destroy);
      const destroyed = await c.post('/console/SGD-HP/blanks/act/destroy', { ...destroy, confirmed: 'yes' });
      expect(destroyed.status).toBe(303);
      expect((await t.events('blank-lot-HP-ADM-1')).map((e) => e.type)).toContain('BlanksDestroyed');
    });

    it('reports blanks lost and returns others, then shows a serial’s history and a balanced reconciliation', async () => {
      await c.get('/console/SGD-HP/blanks/act/lose');
      expect(
        (
          await c.post('/console/SGD-HP/blanks/act/lose', {
            lotId: 'HP-ADM-1',
            ranges: 'HP 0700050',
            minutesRef: 'BB-MAT-01',
            policeUnit: 'Công an phường Lê Chân',
            policeNotifiedAt: '02/09/2024 08:30',
            circumstances: 'Thất lạc khi chuyển kho',
            lostOn: '01/09/2024',
          })
        ).status,
      ).toBe(303);
      await c.get('/console/SGD-HP/blanks/act/return');
      expect(
        (
          await c.post('/console/SGD-HP/blanks/act/return', {
            lotId: 'HP-ADM-1',
            ranges: 'HP 0700091-HP 0700100',
            documentNumber: 'CV-12',
            documentDate: '15/09/2024',
            returnedOn: '15/09/2024',
          })
        ).status,
      ).toBe(303);
      const serial = await eventuallyHtml(c, '/console/SGD-HP/blanks/serial?serial=HP%200700050', (html) => html.includes('Đã mất'));
      expect(serial).toContain('BB-MAT-01');
      const rec = await eventuallyHtml(c, '/console/SGD-HP/blanks/reconciliation?kind=THPT&from=01/01/2024&to=31/12/2024', (html) =>
        html.includes('Trả lại'),
      );
      expect(rec).toContain('Khớp');
      // Another district's officer sees nothing of the Sở's serials.
      expect((await c.get('/console/SGD-HP/blanks/serial?serial=HP%209999999')).status).toBe(404);
    });
  });
});
