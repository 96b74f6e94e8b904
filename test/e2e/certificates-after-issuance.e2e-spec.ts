import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { pdfPageTexts } from '@so-goc/documents/testing/poppler';
import { givenOfficer } from '../support/officers';
import { startTestSystem, type TestSystem } from '../support/embedded-system';

/**
 * Issue 18, after issuance, over real HTTP: a certificate of a licensed centre is corrected (a dossier taken by the
 * registrar, decided by another officer, written into the register's appendix — rules 22, 27–35), copied from the
 * certificate register (rules 46–57, the same copy machinery as a diploma's) and its copy verified by the portal;
 * a revoked certificate gets no copy (rule 55), and another centre cannot act on the book.
 */
describe('Certificates after issuance: corrections and copies from the register (issue 18)', () => {
  let t: TestSystem;
  let registrar: string;
  let head: string;
  let otherCentre: string;
  const TT = '/api/v1/authorities/TTNN-HP';

  async function resultsList(names: [string, string][]): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Kết quả');
    sheet.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Nơi sinh', 'Ngoại ngữ', 'Khung năng lực', 'Bậc', 'Ngày thi', 'Hội đồng thi']);
    names.forEach(([name, birth], i) =>
      sheet.addRow([i + 1, name, birth, 'Hải Phòng', 'Tiếng Anh', 'Khung năng lực ngoại ngữ 6 bậc', 'B1', '20/06/2026', 'HĐ thi TTNN']),
    );
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  const ok = async (response: Promise<Response>, status = 201): Promise<Record<string, unknown>> => {
    const r = await response;
    const text = await r.text();
    if (r.status !== status) throw new Error(`${r.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const codeOf = async (r: Response): Promise<string> => ((await r.json()) as { code: string }).code;
  const portalAnswer = async (url: string, until: (body: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> => {
    for (let attempt = 0; ; attempt += 1) {
      const body = (await (await fetch(url)).json()) as Record<string, unknown>;
      if (until(body) || attempt > 300) return body;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const holder = (fullName: string) => ({
    kind: 'holder',
    fullName,
    idDocument: { kind: 'CCCD', number: '031200000001' },
  });

  beforeAll(async () => {
    t = await startTestSystem();
    for (const code of ['TTNN-HP', 'TTNN-HD']) {
      const registered = await t.request('POST', '/api/v1/authorities/SGD-HP/subordinates', {
        body: { code, name: `Trung tâm Ngoại ngữ ${code}`, kind: 'centre', registeredOn: '2020-01-01' },
      });
      expect(registered.status).toBe(201);
    }
    const licence = await t.request('POST', '/api/v1/authorities/SGD-HP/subordinates/TTNN-HP/licences', {
      body: {
        licenceId: 'ttnn-hp-2025',
        decisionRef: '512/QĐ-SGDĐT',
        decisionDate: '2025-01-05',
        scope: ['CC-NN'],
        validFrom: '2025-01-05',
        validTo: '2028-12-31',
      },
    });
    expect(licence.status).toBe(201);
    await t.given({
      type: 'RegisterSigner',
      signerId: 'gd-ttnn',
      authorityCode: 'TTNN-HP',
      fullName: 'Trần Văn Bình',
      title: 'Giám đốc',
      role: 'head',
      validFrom: '2020-01-01',
    });
    registrar = await givenOfficer(t.eventsFile, 'TTNN-HP', 'registrar-ttnn', ['registrar']);
    head = await givenOfficer(t.eventsFile, 'TTNN-HP', 'head-ttnn', ['registrar', 'signer']);
    otherCentre = await givenOfficer(t.eventsFile, 'TTNN-HD', 'registrar-hd', ['registrar', 'signer']);

    const form = new FormData();
    for (const [name, value] of Object.entries({
      kindCode: 'CC-NN',
      sessionId: 'hp-2026-06',
      sessionName: 'Kỳ thi tiếng Anh bậc 3 tháng 6/2026',
      decisionNumber: '245/QĐ-TTNN',
      decisionDate: '2026-07-01',
      signerName: 'Trần Văn Bình',
    }))
      form.append(name, value);
    const list = await resultsList([
      ['Nguyễn Thị Thuy', '18/09/2000'],
      ['Lê Văn Nam', '02/02/2001'],
      ['Phạm Minh Châu', '03/03/2002'],
    ]);
    form.append('file', new Blob([list]), 'ket-qua.xlsx');
    const issued = await fetch(`${t.api}${TT}/certificate-sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${registrar}`, 'idempotency-key': randomUUID() },
      body: form,
    });
    expect(issued.status).toBe(201);
  }, 60_000);
  afterAll(() => t.stop());

  it('corrects a certificate by a decision of another officer, into the register appendix; the entry is never edited', async () => {
    const id = 'TTNN-HP.CC-NN.2026.1';
    const dossier = {
      requestId: 'cs-cc-1',
      ground: 'civil_status_changed',
      changes: [{ field: 'fullName', after: 'Nguyễn  Thị Thuỷ ' }],
      document: { kind: 'Trích lục cải chính hộ tịch', number: '125/TLCC', date: '2026-07-20', issuedBy: 'UBND phường Lạch Tray' },
      requestedBy: 'Nguyễn Thị Thuỷ',
      receivedOn: '2026-07-22',
      dossierCompleteOn: '2026-07-22',
    };
    // Rule 27(b) concerns sex and ethnicity, which a certificate does not carry; rule 35: a no-op is refused.
    const badGround = await t.request('POST', `${TT}/certificates/${id}/correction-requests`, {
      token: registrar,
      body: { ...dossier, ground: 'ethnicity_or_sex_redetermined' },
    });
    expect(badGround.status).toBe(400);
    const noOp = await t.request('POST', `${TT}/certificates/${id}/correction-requests`, {
      token: registrar,
      body: { ...dossier, changes: [{ field: 'fullName', after: 'Nguyễn Thị Thuy' }] },
    });
    expect(await codeOf(noOp)).toBe('CORRECTION_CHANGES_NOTHING');
    // Another centre cannot take a dossier on this centre's book.
    const foreign = await t.request('POST', `/api/v1/authorities/TTNN-HD/certificates/${id}/correction-requests`, {
      token: otherCentre,
      body: dossier,
    });
    expect(foreign.status).toBe(403);
    expect(await t.events('certificate-register-TTNN-HP-CC-NN-2026')).toHaveLength(3); // the session: opened, listed, sealed (issue 20 item 2)

    const requested = await ok(t.request('POST', `${TT}/certificates/${id}/correction-requests`, { token: registrar, body: dossier }));
    // Rule 29 with the dated deadline table, as for a diploma: 3 working days under TT10/2026 from Wednesday 22/07/2026.
    expect(requested['dueBy']).toBe('2026-07-27');

    // Issue 17: the officer who took the dossier does not decide it; nothing is recorded.
    const decision = { decisionNumber: '52/QĐ-TTNN', decisionDate: '2026-07-24' };
    const byRequester = await t.request('POST', `${TT}/certificates/${id}/correction-requests/cs-cc-1/decision`, {
      token: registrar,
      body: decision,
    });
    expect(byRequester.status).toBe(403);
    expect(await codeOf(byRequester)).toBe('CORRECTION_DECIDED_BY_REQUESTER');
    const decided = await ok(
      t.request('POST', `${TT}/certificates/${id}/correction-requests/cs-cc-1/decision`, { token: head, body: decision }),
    );
    expect(decided['appendixLine']).toBe(1);
    const twice = await t.request('POST', `${TT}/certificates/${id}/correction-requests/cs-cc-1/refusal`, {
      token: head,
      body: { reasons: 'Đã giải quyết', refusedOn: '2026-07-24' },
    });
    expect(twice.status).toBe(409);

    const appendix = await ok(t.request('GET', `${TT}/certificate-register-appendix/CC-NN/2026`, { token: registrar }), 200);
    expect(appendix['rows']).toEqual([
      expect.objectContaining({
        appendixLine: 1,
        registerNumber: '000001/CC-NN-2026',
        decisionNumber: '52/QĐ-TTNN',
        changes: [{ field: 'fullName', before: 'Nguyễn Thị Thuy', after: 'Nguyễn Thị Thuỷ' }],
        decidedWithinDeadline: true,
      }),
    ]);
    const certificate = await ok(t.request('GET', `${TT}/certificates/${id}`, { token: registrar }), 200);
    expect(certificate['fullName']).toBe('Nguyễn Thị Thuy'); // rule 30: the entry is not edited
    expect(certificate['current']).toMatchObject({ fullName: 'Nguyễn Thị Thuỷ' });
    // The portal answers with the register as it stands (rule 57).
    const answer = await portalAnswer(certificate['verificationUrl'] as string, (b) => JSON.stringify(b).includes('Nguyễn Thị Thuỷ'));
    expect(answer).toMatchObject({ status: 'VALID', certificate: { fullName: 'Nguyễn Thị Thuỷ' } });

    // A refusal is written with reasons, by someone other than the clerk too.
    await ok(
      t.request('POST', `${TT}/certificates/TTNN-HP.CC-NN.2026.3/correction-requests`, {
        token: registrar,
        body: { ...dossier, requestId: 'cs-cc-3', changes: [{ field: 'birthDate', after: '04/03/2002' }] },
      }),
    );
    await ok(
      t.request('POST', `${TT}/certificates/TTNN-HP.CC-NN.2026.3/correction-requests/cs-cc-3/refusal`, {
        token: head,
        body: { reasons: 'Trích lục không khớp với người được cấp chứng chỉ', refusedOn: '2026-07-24' },
      }),
    );
  });

  it('issues copies from the certificate register that the portal verifies, and refuses a copy of a revoked one', async () => {
    const id = 'TTNN-HP.CC-NN.2026.1';
    // Another centre does not hold this register (rule 46): refused, nothing appended.
    const foreign = await t.request('POST', '/api/v1/authorities/TTNN-HD/copy-requests', {
      token: otherCentre,
      body: {
        requestId: 'bs-hd-1',
        diplomaId: id,
        requester: holder('Nguyễn Thị Thuỷ'),
        channel: 'counter',
        receivedAt: '2026-08-03T02:00:00Z',
        copies: 1,
      },
    });
    expect(foreign.status).toBe(403);
    expect(await t.events('copy-request-bs-hd-1')).toEqual([]);

    const received = await ok(
      t.request('POST', `${TT}/copy-requests`, {
        token: registrar,
        body: {
          requestId: 'bs-cc-1',
          diplomaId: id,
          requester: holder('Nguyễn Thị Thuỷ'),
          channel: 'counter',
          receivedAt: '2026-08-03T02:00:00Z',
          copies: 2,
        },
      }),
    );
    expect(received['refusal']).toBeNull();
    await ok(
      t.request('POST', `${TT}/copy-requests/bs-cc-1/copies`, {
        token: head,
        body: { issuedOn: '2026-08-04', issuePlace: 'Hải Phòng', signerId: 'gd-ttnn' },
      }),
    );
    // Numbered in the kind's own copy book (rule 52), with the register's content and the correction in force (rule 57).
    let book: { copies: { copyNumber: string; content: Record<string, unknown>; signerName: string }[] } = { copies: [] };
    for (let i = 0; i < 200 && book.copies.length < 2; i += 1) {
      book = (await ok(t.request('GET', `${TT}/copy-register/CC-NN/2026`, { token: registrar }), 200)) as typeof book;
      if (book.copies.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(book.copies.map((c) => c.copyNumber)).toEqual(['000001/BS-CC-NN-2026', '000002/BS-CC-NN-2026']);
    expect(book.copies[0]).toMatchObject({
      signerName: 'Trần Văn Bình',
      content: {
        kind: 'CC-NN',
        holder: { fullName: 'Nguyễn Thị Thuỷ' },
        originalRegisterNumber: '000001/CC-NN-2026',
        correctionDecisions: [{ decisionNumber: '52/QĐ-TTNN', decisionDate: '2026-07-24' }],
        credential: { inWordsVi: 'Chứng chỉ ngoại ngữ (tiếng Anh) theo Khung năng lực ngoại ngữ 6 bậc, Bậc 3' },
      },
    });

    // The kind's copy book as PDF and Excel, titled from its catalogue entry.
    const copyPdf = await t.request('GET', `${TT}/copy-register/CC-NN/2026/export.pdf`, { token: registrar });
    expect(copyPdf.status).toBe(200);
    const copyBytes = Buffer.from(await copyPdf.arrayBuffer());
    if (process.env['CERT_COPY_REGISTER_OUT']) writeFileSync(process.env['CERT_COPY_REGISTER_OUT'], copyBytes);
    const copyText = pdfPageTexts(copyBytes).join(' ').replace(/\s+/g, ' ');
    expect(copyText).toContain('SỔ CẤP BẢN SAO TỪ SỔ GỐC CẤP CHỨNG CHỈ NGOẠI NGỮ');
    expect(copyText).toContain('000002/BS-CC-NN-2026');
    const copyXlsx = await t.request('GET', `${TT}/copy-register/CC-NN/2026/export.xlsx`, { token: registrar });
    expect(copyXlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await copyXlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets[0]?.getSheetValues().flat().map(String)).toContain('000001/BS-CC-NN-2026');

    // The portal verifies the copy by the certificate's code and the copy number, like a diploma copy.
    const certificate = await ok(t.request('GET', `${TT}/certificates/${id}`, { token: registrar }), 200);
    const url = certificate['verificationUrl'] as string;
    const copyAnswer = await portalAnswer(`${url}?copy=${encodeURIComponent('000002/BS-CC-NN-2026')}`, (b) => b['status'] === 'VALID');
    expect(copyAnswer).toMatchObject({
      status: 'VALID',
      copy: { copyNumber: '000002/BS-CC-NN-2026', issuedOn: '2026-08-04', issuerCode: 'TTNN-HP' },
      certificate: { registerNumber: '000001/CC-NN-2026' },
    });
    const unknownCopy = (await (await fetch(`${url}?copy=${encodeURIComponent('000009/BS-CC-NN-2026')}`)).json()) as Record<
      string,
      unknown
    >;
    expect(unknownCopy).toMatchObject({ status: 'NOT_FOUND', certificate: null, copy: null });

    // Rule 55: a revoked certificate gets no copy; the counter gives the written refusal citing the decision.
    await ok(
      t.request('POST', `${TT}/certificates/TTNN-HP.CC-NN.2026.2/revocation`, {
        token: head,
        body: { decisionRef: '301/QĐ-TTNN', revokedOn: '2026-08-01', reason: 'Thi hộ' },
      }),
    );
    const refused = await ok(
      t.request('POST', `${TT}/copy-requests`, {
        token: registrar,
        body: {
          requestId: 'bs-cc-2',
          diplomaId: 'TTNN-HP.CC-NN.2026.2',
          requester: holder('Lê Văn Nam'),
          channel: 'counter',
          receivedAt: '2026-08-05T02:00:00Z',
          copies: 1,
        },
      }),
    );
    expect(refused['refusal']).toMatchObject({ grounds: ['diploma_revoked'], reasons: expect.stringContaining('301/QĐ-TTNN') });
    const issueAnyway = await t.request('POST', `${TT}/copy-requests/bs-cc-2/copies`, {
      token: head,
      body: { issuedOn: '2026-08-05', issuePlace: 'Hải Phòng', signerId: 'gd-ttnn' },
    });
    expect(issueAnyway.status).toBe(409);
    expect(await t.events('copy-register-TTNN-HP-CC-NN-2026')).toHaveLength(1);
  });
});
