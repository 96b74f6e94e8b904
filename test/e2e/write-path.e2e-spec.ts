import { randomUUID } from 'node:crypto';
import { ACCESS_CONTROL_STREAM, accessControlDecider } from '@so-goc/domain';
import { handleCommand, SqliteEventStore } from '@so-goc/event-store';
import { generateOfficerToken } from '@so-goc/platform';
import { cliContext } from '../../apps/cli/src/commands/create-admin';
import { startTestSystem, type TestSystem } from '../support/embedded-system';
import { issueThptCohortOverHttp, type IssuedEntry } from '../support/issued-over-http';

jest.setTimeout(180_000);

/** Issue 12: authorization by the record, not the path; Idempotency-Key bound to its request; If-Match; rule 18 over HTTP. */
describe('One write path over HTTP (issue 12)', () => {
  let t: TestSystem;
  let issued: IssuedEntry[];
  const tokens: Record<string, string> = {};

  async function officerWithToken(
    store: SqliteEventStore,
    authorityCode: string,
    officerId: string,
    roles: ('registrar' | 'administrator' | 'signer')[],
  ): Promise<string> {
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
    const token = generateOfficerToken();
    await handleCommand(store, accessControlDecider, {
      stream: ACCESS_CONTROL_STREAM,
      context: cliContext('test-given'),
      command: { type: 'IssueToken', authorityCode, officerId, tokenId: token.tokenId, secretHash: token.secretHash, lifetimeDays: 1 },
    });
    return token.bearer;
  }

  beforeAll(async () => {
    t = await startTestSystem();
    issued = await issueThptCohortOverHttp(t, { rows: 6 });
    await t.given({
      type: 'RegisterAuthority',
      code: 'SGD-QN',
      name: 'Sở GDĐT Quảng Ninh',
      kind: 'province_department',
      parentCode: null,
      registeredOn: '2000-01-01',
    });
    await t.given({
      type: 'RegisterAuthority',
      code: 'THPT-NQ',
      name: 'Trường THPT Ngô Quyền',
      kind: 'school',
      parentCode: 'SGD-HP',
      registeredOn: '2000-01-01',
    });
    const store = new SqliteEventStore({ file: t.eventsFile });
    tokens.otherSo = await officerWithToken(store, 'SGD-QN', 'admin-qn', ['administrator', 'registrar', 'signer']);
    tokens.school = await officerWithToken(store, 'THPT-NQ', 'registrar-nq', ['registrar', 'signer']);
    await store.close();
    const copyLot = {
      lotId: 'HP-BS-2026',
      kind: 'THPT_COPY',
      templateVersion: 'TT21-2019',
      prefix: 'BS',
      width: 7,
      from: 1,
      to: 100,
      supplier: 'Nhà in',
      deliveryNote: { number: 'PGH-BS', date: '2026-01-05' },
      receivedBy: 'Lan',
      receivedOn: '2026-01-05',
    };
    expect((await t.request('POST', '/api/v1/authorities/SGD-HP/blank-lots', { body: copyLot })).status).toBe(201);
    const holder = issued[2]!;
    const copyRequest = {
      requestId: 'bs-hp-1',
      diplomaId: holder.diplomaId,
      requester: { kind: 'holder', fullName: holder.fullName, idDocument: { kind: 'CCCD', number: '031206000123' } },
      channel: 'counter',
      receivedAt: '2026-11-20T09:20:00+07:00',
      copies: 1,
    };
    expect((await t.request('POST', '/api/v1/authorities/SGD-HP/copy-requests', { body: copyRequest })).status).toBe(201);
    const letter = {
      requestId: 'cv-hp-1',
      organisation: 'Công an Hải Phòng',
      letterNumber: '1/PC02',
      letterDate: '2026-03-01',
      receivedOn: '2026-03-03',
      subjects: [{ fullName: holder.fullName, serial: holder.serial }],
    };
    expect((await t.request('POST', '/api/v1/authorities/SGD-HP/verification-requests', { body: letter })).status).toBe(201);
  });
  afterAll(() => t.stop());

  /** Every write that names one of Hải Phòng's records, as another authority would send it (valid bodies). */
  function writesOnHaiPhongRecords(code: string): { path: string; body: object }[] {
    const d = issued[0]!.diplomaId;
    const base = `/api/v1/authorities/${code}`;
    const revoke = { decisionNumber: '9/QĐ', decisionDate: '2026-03-02', ground: 'fraud', reasons: 'Giả mạo học bạ', source: 'police' };
    return [
      {
        path: `${base}/diplomas/${d}/delivery`,
        body: { recipient: { kind: 'holder', fullName: issued[0]!.fullName }, deliveredOn: '2024-08-20', deliveredBy: 'Lan' },
      },
      {
        path: `${base}/diplomas/${d}/loss`,
        body: {
          minutesRef: 'BB-1',
          policeUnit: 'CA',
          policeNotifiedAt: '2024-08-20T09:00',
          circumstances: 'Mất',
          reportedTo: ['Sở'],
          lostOn: '2024-08-20',
        },
      },
      {
        path: `${base}/diplomas/${d}/correction-requests`,
        body: {
          requestId: 'cs-x',
          ground: 'civil_status_changed',
          changes: [{ field: 'birthPlace', after: 'Quảng Ninh' }],
          document: { kind: 'Trích lục', number: '1/TL', date: '2026-03-02', issuedBy: 'UBND' },
          requestedBy: 'X',
          receivedOn: '2026-03-05',
          dossierCompleteOn: '2026-03-05',
        },
      },
      { path: `${base}/diplomas/${d}/correction-requests/cs-x/decision`, body: { decisionNumber: '45/QĐ', decisionDate: '2026-03-10' } },
      { path: `${base}/diplomas/${d}/correction-requests/cs-x/refusal`, body: { reasons: 'Không đủ căn cứ', refusedOn: '2026-03-10' } },
      { path: `${base}/diplomas/${d}/digital-issue`, body: { issuedOn: '2026-09-01', reference: 'CSDL-VB-1' } },
      {
        path: `${base}/diplomas/${d}/revocation-proposal`,
        body: { ground: 'fraud', reasons: 'Giả mạo học bạ', source: 'police', proposedOn: '2026-03-01' },
      },
      { path: `${base}/diplomas/${d}/revocation`, body: revoke },
      { path: `${base}/diplomas/${d}/revocation/publication`, body: { publishedOn: '2026-03-03', where: 'Cổng thông tin' } },
      {
        path: `${base}/diplomas/${d}/revocation/notification`,
        body: { recipients: [{ kind: 'holder', name: 'X' }], holderReceivedOn: '2026-03-04' },
      },
      { path: `${base}/diplomas/${d}/revocation/return`, body: { returnedOn: '2026-03-20', receivedBy: 'Lan' } },
      {
        path: `${base}/diplomas/${d}/reissue`,
        body: {
          decisionNumber: '7/QĐ',
          decisionDate: '2026-03-02',
          issuerError: 'Sai tên',
          changes: [],
          lotId: 'HP-BS-2026',
          issueDate: '2026-03-03',
          issuePlace: 'Quảng Ninh',
          signerId: 'gd-sgd-hp',
        },
      },
      { path: `${base}/print-runs/thpt-2024-dot-1/printing`, body: { printedOn: '2024-08-06' } },
      { path: `${base}/print-runs/thpt-2024-dot-1/misprints`, body: { diplomaId: d, note: 'Kẹt giấy', reprintedOn: '2024-08-06' } },
      {
        path: `${base}/print-runs/thpt-2024-dot-1/signature`,
        body: { signerId: 'gd-sgd-hp', issueDate: '2024-08-14', issuePlace: 'Hải Phòng' },
      },
      { path: `${base}/print-runs/thpt-2024-dot-1/closing`, body: { closedOn: '2024-08-25' } },
      {
        path: `${base}/blank-lots/HP-2024-THPT-1/spoilage`,
        body: { ranges: [{ from: 211000, to: 211000 }], reason: 'damaged', note: 'Rách', spoiledOn: '2024-09-01' },
      },
      {
        path: `${base}/blank-lots/HP-2024-THPT-1/returns`,
        body: { ranges: [{ from: 211000, to: 211000 }], document: { number: 'CV-1', date: '2024-09-01' }, returnedOn: '2024-09-01' },
      },
      {
        path: `${base}/copy-requests`,
        body: {
          requestId: 'bs-x',
          diplomaId: d,
          requester: { kind: 'holder', fullName: 'X', idDocument: { kind: 'CCCD', number: '031206000123' } },
          channel: 'counter',
          receivedAt: '2026-11-20T09:20:00+07:00',
          copies: 1,
        },
      },
      { path: `${base}/copy-requests/bs-hp-1/extension`, body: { workingDays: 2, reason: 'Cần xác minh' } },
      {
        path: `${base}/copy-requests/bs-hp-1/refusal`,
        body: { grounds: ['no_register_entry'], reasons: 'Không có trong sổ', refusedOn: '2026-11-21', letterRef: 'CV-2' },
      },
      {
        path: `${base}/copy-requests/bs-hp-1/copies`,
        body: { lotId: 'HP-BS-2026', issuedOn: '2026-11-23', issuePlace: 'Quảng Ninh', signerId: 'gd-sgd-hp' },
      },
      {
        path: `${base}/verification-requests/cv-hp-1/answer`,
        body: { responseLetterNumber: '1/SGDĐT', respondedOn: '2026-03-05', signerId: 'gd-sgd-hp' },
      },
    ];
  }

  it.each([
    ['an administrator of another Sở', 'otherSo', 'SGD-QN'],
    ['a school registrar under the Sở', 'school', 'THPT-NQ'],
  ])('refuses %s every write on Hải Phòng’s records with 403 or 404, recording nothing', async (_who, tokenName, code) => {
    const before = (await t.events()).length;
    const answered: string[] = [];
    for (const write of writesOnHaiPhongRecords(code)) {
      const response = await t.request('POST', write.path, { token: tokens[tokenName]!, body: write.body });
      const problem = (await response.json()) as { code: string };
      if (![403, 404].includes(response.status)) answered.push(`${write.path} → ${response.status} ${problem.code}`);
    }
    expect(answered).toEqual([]);
    expect((await t.events()).length).toBe(before);
  });

  it('refuses an Idempotency-Key reused for a different request (409, naming its first use) and records nothing for it', async () => {
    const key = randomUUID();
    const d = issued[1]!;
    const delivered = await t.request('POST', `/api/v1/authorities/SGD-HP/diplomas/${d.diplomaId}/delivery`, {
      headers: { 'idempotency-key': key },
      body: { recipient: { kind: 'holder', fullName: d.fullName }, deliveredOn: '2024-08-20', deliveredBy: 'Lan' },
    });
    expect(delivered.status).toBe(201);
    const resent = await t.request('POST', `/api/v1/authorities/SGD-HP/diplomas/${d.diplomaId}/delivery`, {
      headers: { 'idempotency-key': key },
      body: { recipient: { kind: 'holder', fullName: d.fullName }, deliveredOn: '2024-08-20', deliveredBy: 'Lan' },
    });
    expect(resent.status).toBe(200);
    const before = (await t.events()).length;
    const reused = await t.request('POST', `/api/v1/authorities/SGD-HP/diplomas/${d.diplomaId}/revocation`, {
      headers: { 'idempotency-key': key },
      body: { decisionNumber: '9/QĐ', decisionDate: '2026-03-02', ground: 'fraud', reasons: 'Giả mạo học bạ', source: 'police' },
    });
    expect(reused.status).toBe(409);
    const problem = (await reused.json()) as { code: string; detail?: string; messageEn?: string };
    expect(problem.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(JSON.stringify(problem)).toContain('/delivery');
    expect((await t.events()).length).toBe(before);
  });

  it('honours If-Match on a diploma write: a stale ETag gets 412 and records nothing, the current one succeeds', async () => {
    const d = issued[3]!;
    const first = await t.request('POST', `/api/v1/authorities/SGD-HP/diplomas/${d.diplomaId}/delivery`, {
      body: { recipient: { kind: 'holder', fullName: d.fullName }, deliveredOn: '2024-08-20', deliveredBy: 'Lan' },
    });
    const etag = first.headers.get('etag')!;
    const before = (await t.events()).length;
    const stale = await t.request('POST', `/api/v1/authorities/SGD-HP/diplomas/${d.diplomaId}/revocation`, {
      headers: { 'if-match': '"99"' },
      body: { decisionNumber: '9/QĐ', decisionDate: '2026-03-02', ground: 'fraud', reasons: 'Giả mạo học bạ', source: 'police' },
    });
    expect(stale.status).toBe(412);
    expect((await t.events()).length).toBe(before);
    const current = await t.request('POST', `/api/v1/authorities/SGD-HP/diplomas/${d.diplomaId}/revocation`, {
      headers: { 'if-match': etag },
      body: { decisionNumber: '9/QĐ', decisionDate: '2026-03-02', ground: 'fraud', reasons: 'Giả mạo học bạ', source: 'police' },
    });
    expect(current.status).toBe(201);
  });

  it('rule 18: a blank a print run holds cannot be reported lost, so the run never plans a diploma on missing paper', async () => {
    const before = (await t.events()).length;
    // HP 0200007 is the run's spare: the 6 diplomas took 200001–200006 ... and the lot reserves by count.
    const run = (await (await t.request('GET', '/api/v1/authorities/SGD-HP/print-runs/thpt-2024-dot-1')).json()) as {
      entries: { serial: string }[];
    };
    const serial = Number(run.entries[0]!.serial.split(' ')[1]);
    const lost = await t.request('POST', '/api/v1/authorities/SGD-HP/blank-lots/HP-2024-THPT-1/losses', {
      body: {
        ranges: [{ from: serial, to: serial }],
        minutesRef: 'BB-1',
        policeUnit: 'CA Ngô Quyền',
        policeNotifiedAt: '2024-08-11T09:00',
        circumstances: 'Mất',
        lostOn: '2024-08-11',
      },
    });
    expect(lost.status).toBe(422);
    expect(((await lost.json()) as { code: string }).code).toMatch(/BLANKS_HELD_BY_PRINT_RUN|BLANKS_CANNOT_BE_LOST/);
    expect((await t.events()).length).toBe(before);
  });
});
