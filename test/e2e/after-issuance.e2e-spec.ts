import ExcelJS from 'exceljs';
import { diplomaStream } from '@so-goc/domain';
import { SqliteEventStore } from '@so-goc/event-store';
import { startTestSystem, type TestSystem } from '../support/embedded-system';
import { issueThptCohortOverHttp, type IssuedEntry } from '../support/issued-over-http';
import { givenOfficer } from '../support/officers';

jest.setTimeout(180_000);

describe('Corrections and reissue over HTTP, into the register appendix (issue: after issuance)', () => {
  let t: TestSystem;
  let issued: IssuedEntry[];
  beforeAll(async () => {
    t = await startTestSystem();
    issued = await issueThptCohortOverHttp(t);
  });
  afterAll(() => t.stop());

  it('records a correction request, refuses a no-op, decides it, reissues another diploma, and exports the appendix', async () => {
    const [corrected, misnamed] = [issued[3]!, issued[4]!];
    const base = `/api/v1/authorities/SGD-HP/diplomas/${corrected.diplomaId}/correction-requests`;
    const request = {
      requestId: 'cs-2026-01',
      ground: 'civil_status_changed',
      changes: [{ field: 'birthPlace', after: 'Phường Lạch Tray, thành phố Hải Phòng' }],
      document: { kind: 'Trích lục cải chính hộ tịch', number: '125/TLCC', date: '2026-03-02', issuedBy: 'UBND phường Lạch Tray' },
      requestedBy: corrected.fullName,
      receivedOn: '2026-03-05',
      dossierCompleteOn: '2026-03-05',
    };
    const noOp = await t.request('POST', base, {
      body: { ...request, requestId: 'cs-noop', changes: [{ field: 'birthDate', after: corrected.birthDate }] },
    });
    expect(noOp.status).toBe(422);
    expect((await noOp.json()) as { code: string; rule: number }).toMatchObject({ code: 'CORRECTION_CHANGES_NOTHING' });
    const badGround = await t.request('POST', base, { body: { ...request, requestId: 'cs-bad', ground: 'wish' } });
    expect(badGround.status).toBe(400);
    expect((await t.request('POST', base, { body: request })).status).toBe(201);
    // Issue 17 (rule 32): the officer who took the dossier may not record the decision — 403, nothing
    // recorded; the Giám đốc's account records it.
    const decision = { decisionNumber: '45/QĐ-SGDĐT', decisionDate: '2026-03-10' };
    const bySameOfficer = await t.request('POST', `${base}/cs-2026-01/decision`, { body: decision });
    expect(bySameOfficer.status).toBe(403);
    expect(await bySameOfficer.json()).toMatchObject({ code: 'CORRECTION_DECIDED_BY_REQUESTER', field: 'requestId', rule: 32 });
    const refusedBySame = await t.request('POST', `${base}/cs-2026-01/refusal`, {
      body: { reasons: 'Không đủ căn cứ', refusedOn: '2026-03-10' },
    });
    expect(refusedBySame.status).toBe(403);
    const head = await givenOfficer(t.eventsFile, 'SGD-HP', 'giam-doc-hp', ['signer']);
    expect((await t.request('POST', `${base}/cs-2026-01/decision`, { token: head, body: decision })).status).toBe(201);

    const lot = {
      lotId: 'HP-2026-THPT-1',
      kind: 'THPT',
      templateVersion: 'TT21-2019',
      prefix: 'HP',
      width: 7,
      from: 300001,
      to: 300100,
      supplier: 'Nhà in',
      deliveryNote: { number: 'PGH-26', date: '2026-01-05' },
      receivedBy: 'Lan',
      receivedOn: '2026-01-05',
    };
    expect((await t.request('POST', '/api/v1/authorities/SGD-HP/blank-lots', { body: lot })).status).toBe(201);
    const reissue = await t.request('POST', `/api/v1/authorities/SGD-HP/diplomas/${misnamed.diplomaId}/reissue`, {
      body: {
        decisionNumber: '7/QĐ-SGDĐT',
        decisionDate: '2026-03-02',
        issuerError: 'Ghi sai họ tên so với quyết định',
        changes: [{ field: 'fullName', after: `${misnamed.fullName} Anh` }],
        lotId: 'HP-2026-THPT-1',
        issueDate: '2026-03-03',
        issuePlace: 'Hải Phòng',
        signerId: 'gd-sgd-hp',
      },
    });
    expect(reissue.status).toBe(201);

    let rows: { action: string; newSerial: string | null }[] = [];
    for (let i = 0; i < 200 && rows.length < 2; i += 1) {
      rows = ((await (await t.request('GET', '/api/v1/authorities/SGD-HP/register-appendix/THPT/2024')).json()) as { rows: typeof rows })
        .rows;
      if (rows.length < 2) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(rows).toEqual([
      expect.objectContaining({ action: 'correction', newSerial: null }),
      expect.objectContaining({ action: 'reissue', newSerial: 'HP 0300001' }),
    ]);
    const xlsx = await t.request('GET', '/api/v1/authorities/SGD-HP/register-appendix/THPT/2024/export.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const cells = workbook.worksheets[0]!.getSheetValues().flat().map(String).join('\n');
    expect(cells).toContain('HP 0300001');
    expect(cells).toContain('45/QĐ-SGDĐT');

    // Issue 17, rule 55: a copy of the replaced paper is refused at the counter, in writing, citing the new serial.
    const copyRequest = {
      requestId: 'bs-2026-0099',
      diplomaId: misnamed.diplomaId,
      requester: { kind: 'holder', fullName: misnamed.fullName, idDocument: { kind: 'CCCD', number: '031206000123' } },
      channel: 'counter',
      receivedAt: '2026-03-10T02:00:00Z',
      copies: 1,
    };
    const atCounter = await t.request('POST', '/api/v1/authorities/SGD-HP/copy-requests', { body: copyRequest });
    expect(atCounter.status).toBe(201);
    const answer = (await atCounter.json()) as {
      events: { type: string }[];
      refusal: { grounds: string[]; reasons: string; letterRef: string } | null;
    };
    expect(answer.events.map((e) => e.type)).toEqual(['CopyRequestReceived', 'CopyRequestRefused']);
    expect(answer.refusal).toMatchObject({ grounds: ['diploma_superseded'], letterRef: 'bs-2026-0099/TC' });
    expect(answer.refusal?.reasons).toContain('HP 0300001');
  });

  it('a revocation proposed by one officer is decided by another: the proposer is refused 403 and nothing is recorded (issue 17, rules 41, 42)', async () => {
    const target = issued[7]!;
    const url = `/api/v1/authorities/SGD-HP/diplomas/${target.diplomaId}`;
    const proposal = { ground: 'fraud', reasons: 'Công văn 9/CV-CAHP: học bạ giả', source: 'police', proposedOn: '2026-01-28' };
    expect((await t.request('POST', `${url}/revocation-proposal`, { body: proposal })).status).toBe(201);
    const decision = {
      decisionNumber: '99/QĐ-SGDĐT',
      decisionDate: '2026-02-01',
      ground: 'fraud',
      reasons: 'Học bạ giả',
      source: 'police',
    };
    const byProposer = await t.request('POST', `${url}/revocation`, { body: decision });
    expect(byProposer.status).toBe(403);
    expect(await byProposer.json()).toMatchObject({ code: 'REVOCATION_DECIDED_BY_PROPOSER', field: 'decisionNumber', rule: 42 });
    // Nothing was recorded: the diploma's stream holds the proposal and no decision.
    const store = new SqliteEventStore({ file: t.eventsFile });
    try {
      const stream = await store.readStream(diplomaStream(target.diplomaId));
      expect(stream.events.map((e) => e.type)).toContain('DiplomaRevocationProposed');
      expect(stream.events.map((e) => e.type)).not.toContain('DiplomaRevoked');
    } finally {
      await store.close();
    }
    const head = await givenOfficer(t.eventsFile, 'SGD-HP', 'giam-doc-hp-2', ['signer']);
    const byHead = await t.request('POST', `${url}/revocation`, { token: head, body: decision });
    expect(byHead.status).toBe(201);
    expect(((await byHead.json()) as { events: { type: string }[] }).events.map((e) => e.type)).toEqual(['DiplomaRevoked']);
  });

  it('records a 2024 diploma back-issued as a digital record in 2026, once; not before the medium existed (domain §0.5)', async () => {
    const url = `/api/v1/authorities/SGD-HP/diplomas/${issued[8]!.diplomaId}/digital-issue`;
    const tooEarly = await t.request('POST', url, { body: { issuedOn: '2025-03-01', reference: 'CSDL-VB-1' } });
    expect(tooEarly.status).toBe(422);
    expect(await tooEarly.json()).toMatchObject({ code: 'DIGITAL_MEDIUM_NOT_AVAILABLE', field: 'issuedOn' });
    const recorded = await t.request('POST', url, { body: { issuedOn: '2026-09-01', reference: 'CSDL-VB-2024-000009' } });
    expect(recorded.status).toBe(201);
    expect(((await recorded.json()) as { events: { type: string }[] }).events.map((e) => e.type)).toEqual(['DiplomaIssuedDigitally']);
    const store = new SqliteEventStore({ file: t.eventsFile });
    try {
      const stream = await store.readStream(diplomaStream(issued[8]!.diplomaId));
      // The stream opens with the paper original's issuance (issue 12), then the digital record.
      expect(stream.events.map((e) => e.type)).toEqual(['DiplomaIssued', 'DiplomaIssuedDigitally']);
      expect(stream.events[1]!.data).toEqual(
        expect.objectContaining({ issuedOn: '2026-09-01', reference: 'CSDL-VB-2024-000009', deadline: null, withinDeadline: null }),
      );
    } finally {
      await store.close();
    }
    const other = await t.request('POST', url, { body: { issuedOn: '2026-09-02', reference: 'CSDL-VB-2024-999999' } });
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ code: 'DIGITAL_DIPLOMA_ALREADY_ISSUED' });
  });
});
