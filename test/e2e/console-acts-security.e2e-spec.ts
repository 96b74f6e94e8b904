import { ACCESS_CONTROL_STREAM, accessControlDecider, type OfficerRole } from '@so-goc/domain';
import { handleCommand, SqliteEventStore } from '@so-goc/event-store';
import { cliContext } from '../../apps/cli/src/commands/create-admin';
import { ConsoleClient, enrolForConsole } from '../support/console-client';
import { startTestSystem, type TestSystem } from '../support/embedded-system';
import { issueThptCohortOverHttp, type IssuedEntry } from '../support/issued-over-http';

jest.setTimeout(240_000);

const PASSWORD = 'mật-khẩu-đủ-dài-2026';

/**
 * The console's after-issuance, copy and verification forms (issue 13) over real HTTP: an officer of another
 * authority is refused (403) on every page and every post and nothing is recorded; a post without its CSRF
 * token is refused and records nothing; a role that may not act is refused; bad input changes nothing; a
 * requester's ID number is shown to the registrar only.
 */
describe('Officers’ console: authorization and CSRF of the after-issuance, copy and verification forms', () => {
  let t: TestSystem;
  let issued: IssuedEntry[];

  async function officer(authorityCode: string, officerId: string, roles: OfficerRole[]): Promise<ConsoleClient> {
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
    await enrolForConsole(t, { authorityCode, officerId, username: officerId }, PASSWORD, false);
    const client = new ConsoleClient(t.api);
    await client.signIn(officerId, PASSWORD);
    return client;
  }

  const eventCount = async () => (await t.events()).length;

  const copyRequest = (serial: string, requestId: string) => ({
    serial,
    requestId,
    requesterKind: 'holder',
    requesterName: 'Trần Thị Mai',
    idKind: 'CCCD',
    idNumber: '031206000123',
    channel: 'counter',
    receivedDate: '20/11/2026',
    receivedTime: '15:20',
    copies: '2',
  });

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
    issued = await issueThptCohortOverHttp(t, { rows: 30 });
  });
  afterAll(() => t.stop());

  it('keeps a district officer out of the Sở’s new pages and forms: 403 everywhere, nothing recorded', async () => {
    const district = await officer('PGD-LC', 'cb-le-chan', ['registrar']);
    const { diplomaId, serial } = issued[3]!;
    expect((await district.get('/console/PGD-LC/copies')).status).toBe(200);
    for (const path of [
      '/console/SGD-HP/after-issuance',
      `/console/SGD-HP/diplomas/${diplomaId}`,
      `/console/SGD-HP/diplomas/${diplomaId}/corrections/new`,
      `/console/SGD-HP/diplomas/${diplomaId}/reissue`,
      `/console/SGD-HP/diplomas/${diplomaId}/revocation/notification`,
      '/console/SGD-HP/register-appendix/THPT/2024',
      '/console/SGD-HP/copies',
      '/console/SGD-HP/copies/receive',
      '/console/SGD-HP/copy-register/THPT/2026',
      '/console/SGD-HP/verification',
      '/console/SGD-HP/verification/new',
    ]) {
      expect({ path, status: (await district.get(path)).status }).toEqual({ path, status: 403 });
    }
    // Its own valid form token, sent to the other authority's forms.
    const before = await eventCount();
    for (const [path, fields] of [
      ['/console/SGD-HP/copies/receive/confirmed', copyRequest(serial, 'bs-x-1')],
      [
        `/console/SGD-HP/diplomas/${diplomaId}/corrections/new`,
        { requestId: 'cs-x-1', ground: 'civil_status_changed', changeField: 'birthPlace', changeAfter: 'Hải Phòng' },
      ],
      [`/console/SGD-HP/diplomas/${diplomaId}/revocation/publication`, { publishedOn: '03/02/2026', where: 'https://x' }],
      [
        '/console/SGD-HP/verification/new',
        { requestId: 'cv-x-1', organisation: 'X', letterNumber: '1', letterDate: '01/12/2026', receivedOn: '01/12/2026', people: 'A' },
      ],
    ] as const) {
      await district.get('/console/PGD-LC/copies/receive');
      const response = await district.post(path, fields);
      // Refused for the scope, not for the token.
      expect({ path, status: response.status, scope: district.lastHtml.includes('ngoài phạm vi') }).toEqual({
        path,
        status: 403,
        scope: true,
      });
    }
    expect(await eventCount()).toBe(before);
  });

  it('refuses a form posted without its CSRF token and records nothing; with the token the same form goes through', async () => {
    const registrar = await officer('SGD-HP', 'van-bang', ['registrar']);
    const { diplomaId, serial } = issued[5]!;
    await registrar.get('/console/SGD-HP/copies/receive');
    const before = await eventCount();
    for (const [path, fields] of [
      ['/console/SGD-HP/copies/receive/confirmed', copyRequest(serial, 'bs-csrf-1')],
      [`/console/SGD-HP/diplomas/${diplomaId}/revocation/notification`, { holderName: 'X', holderReceivedOn: '05/02/2026' }],
      [
        '/console/SGD-HP/verification/new',
        { requestId: 'cv-csrf-1', organisation: 'X', letterNumber: '1', letterDate: '01/12/2026', receivedOn: '01/12/2026', people: 'A' },
      ],
    ] as const) {
      const response = await registrar.post(path, fields, { csrf: false });
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
      expect(registrar.lastHtml).toContain('Biểu mẫu đã hết hạn');
    }
    expect(await eventCount()).toBe(before);

    await registrar.get('/console/SGD-HP/copies/receive');
    const sent = await registrar.post('/console/SGD-HP/copies/receive/confirmed', copyRequest(serial, 'bs-csrf-1'));
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe('/console/SGD-HP/copy-requests/bs-csrf-1?done=received');
    const received = (await t.events()).filter((e) => e.type === 'CopyRequestReceived');
    expect(received.map((e) => (e.metadata as { actor: unknown }).actor)).toEqual([
      { officerId: 'van-bang', role: 'registrar', authorityCode: 'SGD-HP' },
    ]);
    // Rule 49, as the page says it: Friday 15:20 → Monday 17:00.
    await registrar.get('/console/SGD-HP/copy-requests/bs-csrf-1');
    expect(registrar.lastHtml).toContain('17:00 thứ Hai 23/11/2026');
    expect(registrar.lastHtml).toContain('031206000123');
  });

  it('keeps bad input from changing anything and shows the form again with what was typed', async () => {
    const registrar = await officer('SGD-HP', 'lan-nt', ['registrar']);
    const { diplomaId } = issued[6]!;
    await registrar.get(`/console/SGD-HP/diplomas/${diplomaId}/corrections/new`);
    const before = await eventCount();
    const bad = await registrar.post(`/console/SGD-HP/diplomas/${diplomaId}/corrections/new`, {
      requestId: 'cs-bad-1',
      ground: 'civil_status_changed',
      changeField: 'birthDate',
      changeAfter: '31/02/2006',
      documentKind: 'Trích lục',
      documentNumber: '125/TLCC',
      documentDate: '02/03/2026',
      documentIssuedBy: 'UBND phường Lạch Tray',
      requestedBy: 'Nguyễn Thị Thuỷ',
      receivedOn: '05/03/2026',
      dossierCompleteOn: '05/03/2026',
    });
    expect(bad.status).toBe(400);
    expect(registrar.lastHtml).toContain('31/02/2006 không có thật trên lịch');
    expect(registrar.lastHtml).toContain('value="125/TLCC"');
    expect(await eventCount()).toBe(before);
  });

  it('lets an auditor read the counter’s lists but not act, and never shows it a requester’s ID number', async () => {
    const auditor = await officer('SGD-HP', 'thanh-tra', ['auditor']);
    const { diplomaId } = issued[7]!;
    expect((await auditor.get('/console/SGD-HP/copies')).status).toBe(200);
    expect((await auditor.get('/console/SGD-HP/copy-requests/bs-csrf-1')).status).toBe(200);
    expect(auditor.lastHtml).toContain('Trần Thị Mai');
    expect(auditor.lastHtml).not.toContain('031206000123');
    expect((await auditor.get(`/console/SGD-HP/diplomas/${diplomaId}`)).status).toBe(200);
    for (const path of [
      '/console/SGD-HP/copies/receive',
      `/console/SGD-HP/diplomas/${diplomaId}/corrections/new`,
      '/console/SGD-HP/verification/new',
    ]) {
      expect({ path, status: (await auditor.get(path)).status }).toEqual({ path, status: 403 });
    }
    await auditor.get('/console/SGD-HP/copies');
    const before = await eventCount();
    expect(
      (await auditor.post('/console/SGD-HP/copy-requests/bs-csrf-1/refusal/confirmed', { ground_requester_not_entitled: '1' })).status,
    ).toBe(403);
    expect(await eventCount()).toBe(before);
  });
});
