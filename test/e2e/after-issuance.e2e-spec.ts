import ExcelJS from 'exceljs';
import { startTestSystem, type TestSystem } from '../support/embedded-system';
import { issueThptCohortOverHttp, type IssuedEntry } from '../support/issued-over-http';

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
    expect(
      (await t.request('POST', `${base}/cs-2026-01/decision`, { body: { decisionNumber: '45/QĐ-SGDĐT', decisionDate: '2026-03-10' } }))
        .status,
    ).toBe(201);

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
});
