import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import ExcelJS from 'exceljs';
import { Test } from '@nestjs/testing';
import {
  ACCESS_CONTROL_STREAM,
  accessControlDecider,
  verificationRequestDecider,
  verificationRequestStream,
  type OfficerRole,
} from '@so-goc/domain';
import { handleCommand, SqliteEventStore } from '@so-goc/event-store';
import { AuditSweep, EVENT_STORE, FINDING_COMMAND_HANDLERS, loadConfig } from '@so-goc/platform';
import { openReadModelDatabase } from '@so-goc/projections';
import { cliContext } from '../../apps/cli/src/commands/create-admin';
import { serve } from '../../apps/cli/src/commands/serve';
import { ConsoleClient, enrolForConsole } from '../support/console-client';
import { startTestSystem, type TestSystem } from '../support/embedded-system';
import { issueThptCohortOverHttp } from '../support/issued-over-http';

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
      expect(c.lastHtml).toContain('HP 0700031–HP 0700032');
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
      expect(destroyed.headers.get('location')).toBe('/console/SGD-HP/blanks?done=destroy&minutes=BB-HUY-01');
      expect((await t.events('blank-lot-HP-ADM-1')).map((e) => e.type)).toContain('BlanksDestroyed');
      // The minutes as the office files them, once the ledger has the destruction.
      let minutes = await c.get('/console/SGD-HP/blanks/destructions/BB-HUY-01.pdf');
      for (let i = 0; i < 100 && minutes.status === 404; i += 1) {
        await new Promise((r) => setTimeout(r, 20));
        minutes = await c.get('/console/SGD-HP/blanks/destructions/BB-HUY-01.pdf');
      }
      expect(minutes.status).toBe(200);
      expect(minutes.headers.get('content-type')).toContain('application/pdf');
      writeFileSync(join(tmpdir(), 'consoleadmin-bien-ban-huy.pdf'), Buffer.from(await minutes.arrayBuffer()));
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
      expect((await c.get('/console/SGD-HP/blanks/serial?serial=HP%209999999')).status).toBe(404);
      // An officer of a district cannot act on the Sở's blanks or read its serials: 403, nothing recorded.
      await officer('PGD-NQ', 'bl-ngoquyen', ['registrar']);
      const d = new ConsoleClient(t.api);
      await d.signIn('bl-ngoquyen', PASSWORD);
      expect((await d.get('/console/SGD-HP/blanks/serial?serial=HP%200700050')).status).toBe(403);
      await d.get('/console/PGD-NQ/blanks/act/spoil');
      const before = (await t.events()).length;
      const spoil = { lotId: 'HP-ADM-1', ranges: 'HP 0700060', reason: 'damaged', note: 'x', spoiledOn: '05/08/2024' };
      expect((await d.post('/console/SGD-HP/blanks/act/spoil', spoil)).status).toBe(403);
      // Nor through its own pages, on blanks it does not hold.
      expect((await d.post('/console/PGD-NQ/blanks/act/spoil', spoil)).status).toBe(403);
      expect((await t.events()).length).toBe(before);
    });
  });

  describe('audit findings', () => {
    it('lists the finding of a lost blank named in a police letter; the auditor opens, acknowledges and closes it; others are kept out', async () => {
      // HP 0700050 was reported lost through the console above; now a police letter names it (F4/F14).
      const store = new SqliteEventStore({ file: t.eventsFile });
      await handleCommand(store, verificationRequestDecider, {
        stream: verificationRequestStream('cv-adm-1'),
        context: cliContext('test-given'),
        command: {
          type: 'ReceiveVerificationRequest',
          requestId: 'cv-adm-1',
          authorityCode: 'SGD-HP',
          organisation: 'Công an TP Hải Phòng',
          letterNumber: '7/CV-CA',
          letterDate: '2024-09-03',
          receivedOn: '2024-09-04',
          subjects: [{ fullName: 'Giả', birthDate: null, serial: 'HP 0700050', registerNumber: null }],
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

      await officer('SGD-HP', 'au-kiem', ['auditor'], { includeSubordinates: true });
      const a = new ConsoleClient(t.api);
      await a.signIn('au-kiem', PASSWORD);
      const list = await eventuallyHtml(a, '/console/SGD-HP/audits', (html) => html.includes('HP 0700050'));
      expect(list).toContain('Chuyển công an');
      const findingPath = /href="(\/console\/SGD-HP\/audits\/[0-9a-f]{24})"/.exec(list)?.[1];
      expect(findingPath).toBeDefined();
      // The home page counts the new serious ones for an auditor.
      await a.get('/console/SGD-HP');
      const serious =
        /<span class="count">(\d+)<\/span><a href="\/console\/SGD-HP\/audits\?state=open">phát hiện gian lận nghiêm trọng/.exec(a.lastHtml);
      expect(Number(serious?.[1])).toBeGreaterThanOrEqual(1);
      expect((await a.get('/console/SGD-HP/audits?state=closed')).status).toBe(200);
      expect(a.lastHtml).toContain('Không có phát hiện nào khớp bộ lọc.');
      expect((await a.get('/console/SGD-HP/audits?severity=urgent')).status).toBe(400);
      const xlsx = await a.get('/console/SGD-HP/audits/findings.xlsx');
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');

      await a.get(findingPath!);
      const ack = await a.post(`${findingPath!}/acknowledge`, { ackNote: 'Đã chuyển phòng Khảo thí' });
      expect({ status: ack.status, html: ack.status === 303 ? '' : a.lastHtml.slice(a.lastHtml.indexOf('<main')) }).toEqual({
        status: 303,
        html: '',
      });
      await eventuallyHtml(a, findingPath!, (html) => html.includes('Đã chuyển phòng Khảo thí'));
      expect((await a.post(`${findingPath!}/assign`, { assignee: 'au-kiem', assignNote: 'Xác minh với Công an quận' })).status).toBe(303);
      await eventuallyHtml(a, findingPath!, (html) => html.includes('au-kiem: Xác minh với Công an quận'));
      // Closing needs a note: refused beside its field, nothing recorded.
      const before = (await t.events()).length;
      const refused = await a.post(`${findingPath!}/close`, { closeNote: '' });
      expect(refused.status).toBe(400);
      expect(a.lastHtml).toContain('href="#f-closeNote"');
      expect((await t.events()).length).toBe(before);
      expect((await a.post(`${findingPath!}/close`, { closeNote: 'Đã chuyển Công an quận theo công văn 15/SGDĐT' })).status).toBe(303);
      await eventuallyHtml(a, findingPath!, (html) => html.includes('Đã đóng'));

      // A registrar has no audit page; an auditor of a district does not see the Sở's findings.
      await officer('SGD-HP', 'au-vanbang', ['registrar']);
      const r = new ConsoleClient(t.api);
      await r.signIn('au-vanbang', PASSWORD);
      expect((await r.get('/console/SGD-HP/audits')).status).toBe(403);
      await r.get('/console/SGD-HP');
      expect(r.lastHtml).not.toContain('phát hiện gian lận nghiêm trọng');
      await officer('PGD-LC', 'au-lechan', ['auditor']);
      const d = new ConsoleClient(t.api);
      await d.signIn('au-lechan', PASSWORD);
      expect((await d.get('/console/SGD-HP/audits')).status).toBe(403);
      expect((await d.get(findingPath!.replace('SGD-HP', 'PGD-LC'))).status).toBe(404);
      const beforePost = (await t.events()).length;
      await d.get('/console/PGD-LC/audits');
      expect((await d.post(`${findingPath!}/acknowledge`, {})).status).toBe(403);
      expect((await t.events()).length).toBe(beforePost);
    });
  });

  describe('administration', () => {
    let admin: ConsoleClient;

    beforeAll(async () => {
      const secret = (await officer('SGD-HP', 'ad-quantri', ['administrator'], { withTotp: true }))!;
      admin = new ConsoleClient(t.api);
      await admin.signIn('ad-quantri', PASSWORD, secret);
    });

    it('creates an officer with a first password, changes roles, and the officer signs in; a signer gets an authenticator shown once', async () => {
      expect((await admin.get('/console/SGD-HP/admin')).status).toBe(200);
      expect(admin.lastHtml).toContain('ad-quantri');
      await admin.get('/console/SGD-HP/admin/officers/new');
      // Bad input: the form comes back with what was typed, nothing recorded.
      const before = (await t.events(ACCESS_CONTROL_STREAM)).length;
      const bad = await admin.post('/console/SGD-HP/admin/officers/new', {
        officerId: 'Cán Bộ',
        username: 'moi.vb',
        fullName: 'Phạm Văn Mới',
        password: 'ngắn',
      });
      expect(bad.status).toBe(400);
      expect(admin.lastHtml).toContain('value="moi.vb"');
      expect(admin.lastHtml).toContain('href="#f-roles"');
      expect(admin.lastHtml).toContain('href="#f-password"');
      expect((await t.events(ACCESS_CONTROL_STREAM)).length).toBe(before);

      const created = await admin.post('/console/SGD-HP/admin/officers/new', {
        officerId: 'ad-moi',
        username: 'moi.vb',
        fullName: 'Phạm Văn Mới',
        roles: 'registrar',
        password: PASSWORD,
      });
      expect(created.status).toBe(303);
      const moi = new ConsoleClient(t.api);
      await moi.signIn('moi.vb', PASSWORD);
      expect((await moi.get('/console/SGD-HP/blanks')).status).toBe(200);
      expect((await moi.get('/console/SGD-HP/admin/officers/new')).status).toBe(403);

      await admin.get('/console/SGD-HP/admin/officers/ad-moi');
      const body = new URLSearchParams({ _csrf: admin.csrf(), _commandId: randomUUID() });
      body.append('roles', 'registrar');
      body.append('roles', 'auditor');
      const roles = await fetch(`${t.api}/console/SGD-HP/admin/officers/ad-moi/roles`, {
        method: 'POST',
        headers: { cookie: admin.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
      });
      expect(roles.status).toBe(303);
      await eventuallyHtml(admin, '/console/SGD-HP/admin/officers/ad-moi', (html) => html.includes('Chuyên viên văn bằng, Thanh tra'));

      await admin.get('/console/SGD-HP/admin/officers/new');
      const signer = await admin.post('/console/SGD-HP/admin/officers/new', {
        officerId: 'ad-ky',
        username: 'ky.gd',
        fullName: 'Đỗ Thị Ký',
        roles: 'signer',
        password: PASSWORD,
      });
      expect(signer.status).toBe(200);
      expect(admin.lastHtml).toContain('Chỉ hiện một lần');
      expect(admin.lastHtml).toContain('data:image/svg+xml;base64,');
      const key = /data-secret>([A-Z2-7]+)</.exec(admin.lastHtml)?.[1];
      expect(key).toBeDefined();
      const ky = new ConsoleClient(t.api);
      await ky.signIn('ky.gd', PASSWORD, key);
      expect((await ky.get('/console/SGD-HP')).status).toBe(200);
    });

    it('issues an API token shown once, which works until revoked; disabling ends the officer’s session at once', async () => {
      await admin.get('/console/SGD-HP/admin/officers/ad-moi');
      expect((await admin.post('/console/SGD-HP/admin/officers/ad-moi/tokens', { lifetimeDays: '7' })).status).toBe(200);
      const bearer = /data-secret>([^<]+)</.exec(admin.lastHtml)?.[1];
      expect(bearer).toBeDefined();
      expect((await t.request('GET', '/api/v1/authorities/SGD-HP/blank-ledger', { token: bearer! })).status).toBe(200);
      const page = await eventuallyHtml(admin, '/console/SGD-HP/admin/officers/ad-moi', (html) => html.includes('Còn hạn'));
      const revokePath = /action="(\/console\/SGD-HP\/admin\/officers\/ad-moi\/tokens\/[^"]+\/revoke)"/.exec(page)?.[1];
      expect((await admin.post(revokePath!, { reason: 'Hết dùng' })).status).toBe(303);
      expect((await t.request('GET', '/api/v1/authorities/SGD-HP/blank-ledger', { token: bearer! })).status).toBe(401);

      const moi = new ConsoleClient(t.api);
      await moi.signIn('moi.vb', PASSWORD);
      expect((await moi.get('/console/SGD-HP/blanks')).status).toBe(200);
      await admin.get('/console/SGD-HP/admin/officers/ad-moi');
      expect((await admin.post('/console/SGD-HP/admin/officers/ad-moi/disable', { reason: '' })).status).toBe(400);
      expect((await admin.post('/console/SGD-HP/admin/officers/ad-moi/disable', { reason: 'Chuyển công tác' })).status).toBe(303);
      expect((await moi.get('/console/SGD-HP/blanks')).status).toBe(303);
    });

    it('shows the directory and the holiday calendar; only the ministry publishes the calendar; other roles and districts are kept out', async () => {
      expect((await admin.get('/console/SGD-HP/admin/directory')).status).toBe(200);
      expect(admin.lastHtml).toContain('Phòng GDĐT Lê Chân');
      expect((await admin.get('/console/SGD-HP/admin/holidays?year=2028')).status).toBe(200);
      expect(admin.lastHtml).toContain('Lịch nghỉ lễ toàn quốc do quản trị viên của Bộ công bố.');
      const before = (await t.events()).length;
      const publish = await admin.post('/console/SGD-HP/admin/holidays', {
        year: '2028',
        holidays: '26/01/2028 Tết Nguyên đán',
        makeUpWorkingDays: '',
        source: 'TB 1',
      });
      expect(publish.status).toBe(403);
      expect((await t.events()).length).toBe(before);

      await officer('SGD-HP', 'ad-vanbang', ['registrar']);
      const r = new ConsoleClient(t.api);
      await r.signIn('ad-vanbang', PASSWORD);
      expect((await r.get('/console/SGD-HP/admin')).status).toBe(403);
      expect((await r.get('/console/SGD-HP/admin/directory')).status).toBe(200);
      const secret = (await officer('PGD-NQ', 'ad-ngoquyen', ['administrator'], { withTotp: true }))!;
      const d = new ConsoleClient(t.api);
      await d.signIn('ad-ngoquyen', PASSWORD, secret);
      expect((await d.get('/console/SGD-HP/admin')).status).toBe(403);
      await d.get('/console/PGD-NQ/admin/officers/new');
      const beforeCreate = (await t.events()).length;
      expect(
        (
          await d.post('/console/SGD-HP/admin/officers/new', {
            officerId: 'x-y',
            username: 'x.y',
            fullName: 'X',
            roles: 'registrar',
            password: PASSWORD,
          })
        ).status,
      ).toBe(403);
      expect((await t.events()).length).toBe(beforeCreate);
    });
  });

  describe('paper registers', () => {
    const bookPath = '/console/SGD-HP/legacy-books/SGD-HP-THPT-2001-v1';
    const line1 = {
      line: '1',
      registerNumber: '01/2001',
      serial: 'B 000801',
      fullName: 'Phạm Văn Số Một',
      birthDate: '1983',
      birthPlace: '?',
      sex: 'Nam',
      ethnicity: 'Kinh',
      school: 'Trường PTTH Ngô Quyền',
      classification: 'Khá',
      issueDate: '15/08/2001',
      signerName: 'Trần Văn Bình',
      signerTitle: 'Giám đốc',
      remarks: '-',
    };
    let typist: ConsoleClient;
    let checker: ConsoleClient;

    beforeAll(async () => {
      await officer('SGD-HP', 'lg-go', ['registrar']);
      await officer('SGD-HP', 'lg-soat', ['registrar']);
      typist = new ConsoleClient(t.api);
      await typist.signIn('lg-go', PASSWORD);
      checker = new ConsoleClient(t.api);
      await checker.signIn('lg-soat', PASSWORD);
    });

    it('registers a book, stores a page scan, types lines with marks keyboard-style, and refuses a bad line keeping what was typed', async () => {
      await typist.get('/console/SGD-HP/legacy-books');
      const bad = await typist.post('/console/SGD-HP/legacy-books', {
        kind: 'THPT',
        titleAsWritten: 'Sổ gốc cấp bằng tốt nghiệp PTTH',
        year: '2001',
        volume: '1',
        pageCount: 'mười',
      });
      expect(bad.status).toBe(400);
      expect(typist.lastHtml).toContain('href="#f-pageCount"');
      expect(typist.lastHtml).toContain('value="Sổ gốc cấp bằng tốt nghiệp PTTH"');
      const ok = await typist.post('/console/SGD-HP/legacy-books', {
        kind: 'THPT',
        titleAsWritten: 'Sổ gốc cấp bằng tốt nghiệp PTTH',
        year: '2001',
        volume: '1',
        pageCount: '10',
      });
      expect(ok.status).toBe(303);
      await eventuallyHtml(typist, '/console/SGD-HP/legacy-books', (html) => html.includes('SGD-HP-THPT-2001-v1'));

      await typist.get(`${bookPath}/pages/2`);
      const upload = (bytes: Buffer) => {
        const form = new FormData();
        form.append('_commandId', randomUUID());
        form.append('file', new Blob([bytes]), 'trang-2.png');
        return fetch(`${t.api}${bookPath}/pages/2/scans?_csrf=${encodeURIComponent(typist.csrf())}`, {
          method: 'POST',
          body: form,
          headers: { cookie: typist.cookieHeader() },
          redirect: 'manual',
        });
      };
      const notAScan = await upload(Buffer.from('GIF89a…'));
      expect(notAScan.status).toBe(400);
      expect(await notAScan.text()).toContain('href="#f-file"');
      const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from('page 2 of the 2001 book')]);
      expect((await upload(png)).status).toBe(303);
      const page = await eventuallyHtml(typist, `${bookPath}/pages/2`, (html) => html.includes('/scans/'));
      const scanPath = /src="([^"]+\/scans\/[0-9a-f]{64})"/.exec(page)?.[1];
      const scan = await typist.get(scanPath!);
      expect(scan.headers.get('content-type')).toBe('image/png');

      expect((await typist.post(`${bookPath}/pages/2/entries`, line1)).status).toBe(303);
      // A birth year after the issue date: refused beside the field, the line kept as typed.
      const before = (await t.events()).length;
      const wrong = await typist.post(`${bookPath}/pages/2/entries`, {
        ...line1,
        line: '2',
        serial: 'B 000802',
        registerNumber: '02/2001',
        fullName: 'Lê Thị Hai',
        birthDate: '2002',
      });
      expect(wrong.status).toBe(400);
      expect(typist.lastHtml).toContain('href="#f-birthDate"');
      expect(typist.lastHtml).toContain('value="Lê Thị Hai"');
      expect((await t.events()).length).toBe(before);
      expect(
        (
          await typist.post(`${bookPath}/pages/2/entries`, {
            ...line1,
            line: '2',
            serial: 'B 000802',
            registerNumber: '02/2001',
            fullName: 'Lê Thị Hai',
            birthDate: '5/1983',
          })
        ).status,
      ).toBe(303);
      const typed = await eventuallyHtml(typist, `${bookPath}/pages/2`, (html) => html.includes('Lê Thị Hai'));
      expect(typed).toContain('[không đọc được]');
      expect(typed).toContain('[để trống]');
      expect(typed).toContain('value="3"');
    });

    it('imports typed lines from Excel: a bad sheet lists every bad row with Excel’s row number and records nothing; the clean one is recorded', async () => {
      const sheet = async (birth: string) => {
        const workbook = new ExcelJS.Workbook();
        const ws = workbook.addWorksheet('Sổ gốc 2001');
        ws.addRow(['SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG — SỔ GỐC NHẬP LẠI']);
        ws.addRow([
          'Loại văn bằng',
          'Năm',
          'Tập',
          'Trang',
          'Dòng',
          'Số vào sổ',
          'Số hiệu',
          'Họ và tên',
          'Ngày sinh',
          'Nơi sinh',
          'Giới tính',
          'Dân tộc',
          'Trường',
          'Ngày cấp',
          'Người ký',
          'Chức vụ',
          'Ghi chú',
        ]);
        for (const n of [1, 2])
          ws.addRow([
            'PTTH',
            2001,
            1,
            3,
            n,
            `1${n}/2001`,
            `B 00090${n}`,
            `Vũ Văn Nhập ${n}`,
            n === 2 ? birth : '1983',
            'An Hải',
            'Nam',
            'Kinh',
            'Trường PTTH Ngô Quyền',
            new Date(Date.UTC(2001, 7, 15)),
            'Trần Văn Bình',
            'Giám đốc',
            '',
          ]);
        return Buffer.from(await workbook.xlsx.writeBuffer());
      };
      const upload = async (bytes: Buffer) => {
        await typist.get('/console/SGD-HP/legacy-books');
        const form = new FormData();
        form.append('_commandId', randomUUID());
        form.append('sheet', new Blob([bytes]), 'so-goc-2001.xlsx');
        return fetch(`${t.api}/console/SGD-HP/legacy-books/import?_csrf=${encodeURIComponent(typist.csrf())}`, {
          method: 'POST',
          body: form,
          headers: { cookie: typist.cookieHeader() },
          redirect: 'manual',
        });
      };
      const before = (await t.events()).length;
      const bad = await upload(await sheet('2002'));
      expect(bad.status).toBe(400);
      const html = await bad.text();
      expect(html).toMatch(/<td class="num">4<\/td><td>Ngày sinh<\/td>/);
      expect((await t.events()).length).toBe(before);
      const good = await upload(await sheet('1984'));
      expect(good.status).toBe(303);
      expect(good.headers.get('location')).toBe('/console/SGD-HP/legacy-books?done=imported');
    });

    it('the typist cannot check their own lines; a second officer confirms one and disputes another, listed for a third look', async () => {
      await typist.get(`${bookPath}/pages/2/check`);
      expect(typist.lastHtml).toContain('Không có dòng nào của người khác chờ bạn soát');
      await checker.get(`${bookPath}/pages/2/check`);
      const ids = [...checker.lastHtml.matchAll(/name="verdict-([^"]+)" value="ok"/g)].map((m) => m[1]!);
      expect(ids).toEqual(['p2-l1', 'p2-l2']);
      const done = await checker.post(`${bookPath}/pages/2/check`, {
        'verdict-p2-l1': 'ok',
        'verdict-p2-l2': 'wrong',
        'field-p2-l2': 'fullName',
        'reading-p2-l2': 'Lê Thị Hà',
      });
      expect(done.status).toBe(303);
      const book = await eventuallyHtml(checker, bookPath, (html) => html.includes('Lê Thị Hà'));
      expect(book).toContain('lg-soat');
      expect(book).toMatch(/<td>p2-l2<\/td>/);
    });

    it('keeps entry pages from an auditor and hides ethnicity from them; records a hand-over and refuses a bad one', async () => {
      await officer('SGD-HP', 'lg-thanhtra', ['auditor']);
      const auditor = new ConsoleClient(t.api);
      await auditor.signIn('lg-thanhtra', PASSWORD);
      expect((await auditor.get(bookPath)).status).toBe(200);
      expect(auditor.lastHtml).not.toContain('Kinh');
      expect((await auditor.get(`${bookPath}/pages/2`)).status).toBe(403);

      await typist.get('/console/SGD-HP/legacy-books/hand-over');
      const before = (await t.events()).length;
      const bad = await typist.post('/console/SGD-HP/legacy-books/hand-over', {
        fromCode: 'PGD-LC',
        kind: 'THCS',
        effectiveOn: '31/02/2026',
        minutesRef: 'BB-BG-1',
        books: 'Sổ THCS 2020',
      });
      expect(bad.status).toBe(400);
      expect(typist.lastHtml).toContain('href="#f-effectiveOn"');
      expect(typist.lastHtml).toContain('Sổ THCS 2020');
      expect((await t.events()).length).toBe(before);
      const handed = await typist.post('/console/SGD-HP/legacy-books/hand-over', {
        fromCode: 'PGD-LC',
        kind: 'THCS',
        effectiveOn: '20/05/2026',
        minutesRef: 'BB-BG-1',
        books: 'Sổ THCS 2020',
      });
      expect({
        status: handed.status,
        page: handed.status === 303 ? '' : typist.lastHtml.slice(typist.lastHtml.indexOf('<main'), typist.lastHtml.indexOf('<main') + 600),
      }).toEqual({ status: 303, page: '' });
    });
  });

  describe('hand-over by class list', () => {
    it('hands over the ticked diplomas of one class at once, each its own record; a resent form records nothing twice', async () => {
      const issued = await issueThptCohortOverHttp(t, { rows: 30 });
      await officer('SGD-HP', 'ho-phat', ['registrar']);
      const c = new ConsoleClient(t.api);
      await c.signIn('ho-phat', PASSWORD);
      await c.get('/console/SGD-HP/hand-over');
      const run = /<option value="([^"]+)">[^<]*THPT 2024/.exec(c.lastHtml)?.[1];
      expect(run).toBeDefined();
      await c.get(`/console/SGD-HP/hand-over?run=${encodeURIComponent(run!)}`);
      // The class with the most diplomas waiting.
      const klass = [...c.lastHtml.matchAll(/<option value="([^"]+ · [^"]+)">[^<]*\((\d+)\)<\/option>/g)].sort(
        (a, b) => Number(b[2]) - Number(a[2]),
      )[0]?.[1];
      expect(klass).toBeDefined();
      const path = `/console/SGD-HP/hand-over?run=${encodeURIComponent(run!)}&class=${encodeURIComponent(klass!.replace(/&amp;/g, '&'))}`;
      await c.get(path);
      const ids = [...c.lastHtml.matchAll(/name="diploma" value="([^"]+)"/g)].map((m) => m[1]!);
      expect(ids.length).toBeGreaterThan(1);
      expect(ids.every((id) => issued.some((e) => e.diplomaId === id))).toBe(true);
      const ticked = ids.slice(0, -1);
      const form = (deliveredOn: string) => {
        const body = new URLSearchParams({ _csrf: c.csrf(), _commandId: randomUUID(), deliveredOn, deliveredBy: 'Cán bộ ho-phat' });
        for (const id of ticked) body.append('diploma', id);
        return body;
      };
      const send = (body: URLSearchParams) =>
        fetch(`${t.api}${path}`, {
          method: 'POST',
          headers: { cookie: c.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
          body,
          redirect: 'manual',
        });
      // Before the issue date: every line refused with the rule's words and number, nothing recorded.
      const early = await send(form('25/07/2024'));
      expect(early.status).toBe(400);
      expect(await early.text()).toMatch(/trước ngày cấp .*\(quy tắc 5\)/);
      const body = form('20/08/2024');
      const first = await send(body);
      expect(first.status).toBe(200);
      expect(await first.text()).toContain(`Đã ghi nhận phát ${ticked.length} văn bằng.`);
      const delivered = async () =>
        (await t.events()).filter((e) => e.type === 'DiplomaDelivered' && ticked.includes((e.data as { diplomaId: string }).diplomaId))
          .length;
      expect(await delivered()).toBe(ticked.length);
      await send(body);
      expect(await delivered()).toBe(ticked.length);
      // The one left unticked still waits on the list.
      await c.get(path);
      expect([...c.lastHtml.matchAll(/name="diploma" value="([^"]+)"/g)].map((m) => m[1])).toEqual([ids.at(-1)]);
    });
  });
});
