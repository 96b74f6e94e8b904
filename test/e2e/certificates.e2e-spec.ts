import { randomUUID } from 'node:crypto';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { pdfPageTexts } from '@so-goc/documents/testing/poppler';
import { givenOfficer } from '../support/officers';
import { startTestSystem, type TestSystem } from '../support/embedded-system';

/**
 * Issue 18, done-when (b), over HTTP: a foreign-language centre licensed by the Sở issues a session's B1
 * certificates from a 500-row results list, hands them over, exports its register, revokes one; a centre
 * whose licence expired before the decision date, and one licensed for another kind, are refused (domain §8).
 */
describe('Certificates of a licensed foreign-language centre (issue 18)', () => {
  let t: TestSystem;
  let centre: string;
  let expiredCentre: string;

  const LAST_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
  const GIVEN = ['Thị Hoa', 'Văn Nam', 'Minh Châu', 'Thu Thủy', 'Quốc Bảo', 'Ngọc Ánh', 'Đức Anh', 'Thanh Hương'];

  async function resultsList(rows: number, edit?: (row: Record<string, unknown>, index: number) => void): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Kết quả');
    sheet.addRow(['DANH SÁCH THÍ SINH ĐẠT CHỨNG CHỈ TIẾNG ANH BẬC 3']);
    sheet.addRow([
      'STT',
      'Họ và tên',
      'Ngày sinh',
      'Nơi sinh',
      'Ngoại ngữ',
      'Khung năng lực',
      'Bậc',
      'Ngày thi',
      'Hội đồng thi',
      'Nghe',
      'Đọc',
      'Nói',
      'Viết',
    ]);
    for (let i = 0; i < rows; i += 1) {
      const row: Record<string, unknown> = {
        name: `${LAST_NAMES[i % 8] ?? ''} ${GIVEN[Math.floor(i / 8) % 8] ?? ''} ${String.fromCharCode(65 + Math.floor(i / 64))}${i % 10}`,
        birth: `${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/${1990 + (i % 15)}`,
        level: 'B1',
        listening: 6.5,
      };
      edit?.(row, i);
      sheet.addRow([
        i + 1,
        row['name'],
        row['birth'],
        'Hải Phòng',
        'Tiếng Anh',
        'Khung năng lực ngoại ngữ 6 bậc',
        row['level'],
        '20/06/2026',
        'Hội đồng thi TTNN Hải Phòng',
        row['listening'],
        7,
        6,
        5.5,
      ]);
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  function issue(authority: string, token: string, fields: Record<string, string>, file: Buffer): Promise<Response> {
    const form = new FormData();
    for (const [name, value] of Object.entries({
      kindCode: 'CC-NN',
      sessionName: 'Kỳ thi tiếng Anh bậc 3 tháng 6/2026',
      decisionNumber: '245/QĐ-TTNN',
      decisionDate: '2026-07-01',
      signerName: 'Trần Văn Bình',
      ...fields,
    })) {
      form.append(name, value);
    }
    form.append('file', new Blob([file]), 'ket-qua.xlsx');
    return fetch(`${t.api}/api/v1/authorities/${authority}/certificate-sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
      body: form,
    });
  }

  beforeAll(async () => {
    t = await startTestSystem();
    for (const [code, name] of [
      ['TTNN-HP', 'Trung tâm Ngoại ngữ Hải Phòng'],
      ['TTNN-CU', 'Trung tâm Ngoại ngữ Cũ'],
      ['TTTH-HP', 'Trung tâm Tin học Hải Phòng'],
    ] as const) {
      const registered = await t.request('POST', '/api/v1/authorities/SGD-HP/subordinates', {
        body: { code, name, kind: 'centre', registeredOn: '2020-01-01' },
      });
      expect(registered.status).toBe(201);
    }
    const grant = (centreCode: string, body: object) =>
      t.request('POST', `/api/v1/authorities/SGD-HP/subordinates/${centreCode}/licences`, { body });
    // The Sở licenses the centre by decision, for a scope of kinds, for a period (§8).
    expect(
      (
        await grant('TTNN-HP', {
          licenceId: 'ttnn-hp-2025',
          decisionRef: '512/QĐ-SGDĐT',
          decisionDate: '2025-01-05',
          scope: ['CC-NN'],
          validFrom: '2025-01-05',
          validTo: '2028-12-31',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await grant('TTNN-CU', {
          licenceId: 'ttnn-cu-2021',
          decisionRef: '77/QĐ-SGDĐT',
          decisionDate: '2021-03-01',
          scope: ['CC-NN'],
          validFrom: '2021-03-01',
          validTo: '2026-03-01',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await grant('TTTH-HP', {
          licenceId: 'ttth-hp-2024',
          decisionRef: '90/QĐ-SGDĐT',
          decisionDate: '2024-02-01',
          scope: ['CC-UDCNTT'],
          validFrom: '2024-02-01',
          validTo: null,
        })
      ).status,
    ).toBe(201);
    // Rules 6, 25: the centre's director signs its decisions, from the directory's signer records.
    await t.given({
      type: 'RegisterSigner',
      signerId: 'gd-ttnn',
      authorityCode: 'TTNN-HP',
      fullName: 'Trần Văn Bình',
      title: 'Giám đốc',
      role: 'head',
      validFrom: '2020-01-01',
    });
    // A former director whose mandate ended before the session's decision.
    await t.given({
      type: 'RegisterSigner',
      signerId: 'gd-ttnn-cu',
      authorityCode: 'TTNN-HP',
      fullName: 'Lê Thị Hằng',
      title: 'Giám đốc',
      role: 'head',
      validFrom: '2020-01-01',
      validTo: '2025-12-31',
    });
    centre = await givenOfficer(t.eventsFile, 'TTNN-HP', 'registrar-ttnn', ['registrar', 'signer']);
    expiredCentre = await givenOfficer(t.eventsFile, 'TTNN-CU', 'registrar-cu', ['registrar']);
  }, 60_000);
  afterAll(() => t.stop());

  it('only the Sở the centre sits under licenses it, and a licence names kinds of the catalogue form', async () => {
    const sideways = await t.request('POST', '/api/v1/authorities/SGD-HP/subordinates/TTNN-HP/licences', {
      body: { licenceId: 'bad', decisionRef: 'x', decisionDate: '2025-01-05', scope: ['cc nn'], validFrom: '2025-01-05' },
    });
    expect(sideways.status).toBe(400);
  });

  it('a centre whose licence expired before the decision date is refused, and so is a kind outside the licence', async () => {
    const expired = await issue('TTNN-CU', expiredCentre, { sessionId: 'cu-2026-06' }, await resultsList(3));
    expect(expired.status).toBe(422);
    expect(await expired.json()).toMatchObject({ code: 'LICENCE_EXPIRED', messageVi: expect.stringContaining('77/QĐ-SGDĐT') });

    const itCentre = await givenOfficer(t.eventsFile, 'TTTH-HP', 'registrar-tt', ['registrar']);
    const outOfScope = await issue('TTTH-HP', itCentre, { sessionId: 'th-2026-06' }, await resultsList(3));
    expect(outOfScope.status).toBe(422);
    expect(await outOfScope.json()).toMatchObject({ code: 'LICENCE_OUT_OF_SCOPE' });
    // Nothing was written to either book.
    expect(await t.events('certificate-register-TTNN-CU-CC-NN-2026')).toHaveLength(0);
  });

  it("rules 6, 25: a decision signed by someone who is not the centre's signer, or whose mandate ended, is refused at the signer field and records nothing", async () => {
    const stranger = await issue('TTNN-HP', centre, { sessionId: 'hp-ky-la', signerName: 'Hoàng Văn Lạ' }, await resultsList(3));
    expect(stranger.status).toBe(422);
    expect(await stranger.json()).toMatchObject({
      code: 'SIGNER_NOT_OF_AUTHORITY',
      field: 'decision.signerName',
      messageVi: expect.stringContaining('Hoàng Văn Lạ'),
      messageEn: expect.stringContaining('TTNN-HP'),
    });
    const ended = await issue('TTNN-HP', centre, { sessionId: 'hp-ky-cu', signerName: 'Lê Thị Hằng' }, await resultsList(3));
    expect(ended.status).toBe(422);
    expect(await ended.json()).toMatchObject({ code: 'SIGNER_NOT_ENTITLED_ON_DATE', messageVi: expect.stringContaining('2026-07-01') });
    const otherCentres = await issue('TTNN-HP', centre, { sessionId: 'hp-ky-id', signerId: 'gd-sgd-hp' }, await resultsList(3));
    expect(otherCentres.status).toBe(422);
    expect(await otherCentres.json()).toMatchObject({ code: 'SIGNER_NOT_OF_AUTHORITY', field: 'decision.signerId' });
    expect(await t.events('certificate-register-TTNN-HP-CC-NN-2026')).toHaveLength(0);
  });

  it('reports every bad row of a results list with the Excel row number and records nothing', async () => {
    const file = await resultsList(20, (row, i) => {
      if (i === 4) row['level'] = 'B2'; // a centre tests levels 1–3 only (TT 23/2017)
      if (i === 9) row['birth'] = '31/02/2005';
      if (i === 11) row['listening'] = 11;
    });
    const response = await issue('TTNN-HP', centre, { sessionId: 'hp-bad' }, file);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; fieldProblems: { field: string; code: string }[] };
    expect(body.code).toBe('RESULTS_LIST_REJECTED');
    expect(body.fieldProblems.map((p) => [p.field, p.code])).toEqual([
      ['row 7: level', 'ISSUER_LIMIT_EXCEEDED'],
      ['row 12: birthDate', 'BAD_BIRTH_DATE'],
      ['row 14: listening', 'BAD_SCORE'],
    ]);
    expect(await t.events('certificate-register-TTNN-HP-CC-NN-2026')).toHaveLength(0);
  });

  it('the licensed centre receives a lot of serial-numbered foreign-language certificate blanks', async () => {
    const receipt = await t.request('POST', '/api/v1/authorities/TTNN-HP/blank-lots', {
      token: centre,
      body: {
        lotId: 'TTNN-HP-2026-1',
        kind: 'CC-NN',
        templateVersion: 'CC-NN-TT21',
        prefix: 'NN',
        width: 6,
        from: 1,
        to: 600,
        supplier: 'Nhà in được Sở chỉ định',
        deliveryNote: { number: 'PGH-CC-01', date: '2026-06-25' },
        receivedBy: 'Lê Thị Mai',
        receivedOn: '2026-06-25',
        missing: [],
      },
    });
    expect(receipt.status).toBe(201);
    const serial = await t.request('GET', '/api/v1/authorities/TTNN-HP/blank-serials/NN%20000417', { token: centre });
    expect(serial.status).toBe(200);
  });

  it('issues 500 B1 certificates, prints them on blanks, signs, hands them over, exports the register and revokes one', async () => {
    const started = Date.now();
    const issued = await issue('TTNN-HP', centre, { sessionId: 'hp-2026-06' }, await resultsList(500));
    expect(issued.status).toBe(201);
    const issueMs = Date.now() - started;

    const again = await issue('TTNN-HP', centre, { sessionId: 'hp-2026-06' }, await resultsList(2));
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'SESSION_ALREADY_ISSUED' });

    const book = (await (
      await t.request('GET', '/api/v1/authorities/TTNN-HP/certificate-registers/CC-NN/2026', { token: centre })
    ).json()) as {
      sessions: { licence: { decisionRef: string }; first: number; last: number }[];
      certificates: { certificateId: string; registerNumber: string; status: string; values: Record<string, unknown> }[];
    };
    expect(book.sessions[0]).toMatchObject({ first: 1, last: 500, licence: { decisionRef: '512/QĐ-SGDĐT' } });
    expect(book.certificates).toHaveLength(500);
    expect(book.certificates[0]).toMatchObject({
      certificateId: 'TTNN-HP.CC-NN.2026.1',
      registerNumber: '000001/CC-NN-2026',
      status: 'ISSUED',
    });
    expect(book.certificates[499]?.registerNumber).toBe('000500/CC-NN-2026');
    expect(book.certificates[0]?.values).toMatchObject({
      language: 'EN',
      framework: 'KNLNN6-TT01',
      level: '3',
      examDate: '2026-06-20',
      listening: 6.5,
    });

    const one = (await (
      await t.request('GET', '/api/v1/authorities/TTNN-HP/certificates/TTNN-HP.CC-NN.2026.7', { token: centre })
    ).json()) as {
      inWordsVi: string;
      publicFields: { name: string }[];
    };
    expect(one.inWordsVi).toBe('Chứng chỉ ngoại ngữ (tiếng Anh) theo Khung năng lực ngoại ngữ 6 bậc, Bậc 3');
    expect(one.publicFields.map((f) => f.name)).toEqual(['language', 'framework', 'level', 'examDate']);

    // Rule 5: a certificate printed on blanks is handed over only once printed on its blank and signed.
    const ids = book.certificates.slice(0, 480).map((c) => c.certificateId);
    const handOverBody = {
      certificateIds: ids,
      handedOverOn: '2026-07-10',
      recipient: 'Thí sinh nhận trực tiếp',
      minutesRef: 'BB-BG-07/2026',
    };
    const early = await t.request('POST', '/api/v1/authorities/TTNN-HP/certificate-registers/CC-NN/2026/hand-overs', {
      token: centre,
      body: handOverBody,
    });
    expect(early.status).toBe(422);
    expect(await early.json()).toMatchObject({ code: 'CERTIFICATE_NOT_PRINTED', rule: 5 });

    // The print run on the centre's certificate blanks: 500 certificates + 2 spares reserved, in register order.
    const run = '/api/v1/authorities/TTNN-HP/certificate-print-runs/hp-2026-06-r1';
    const opened = await t.request('POST', '/api/v1/authorities/TTNN-HP/certificate-print-runs', {
      token: centre,
      body: {
        printRunId: 'hp-2026-06-r1',
        kindCode: 'CC-NN',
        year: 2026,
        lotId: 'TTNN-HP-2026-1',
        templateVersion: 'CC-NN-TT21',
        openedOn: '2026-07-02',
        spareBlanks: 2,
      },
    });
    expect(opened.status).toBe(201);
    const printRun = (await (await t.request('GET', run, { token: centre })).json()) as {
      entries: { certificateId: string; serialLabel: string; registerNumber: string }[];
    };
    expect(printRun.entries).toHaveLength(500);
    expect(printRun.entries[6]).toMatchObject({
      certificateId: 'TTNN-HP.CC-NN.2026.7',
      serialLabel: 'NN 000007',
      registerNumber: '000007/CC-NN-2026',
    });
    expect((await t.request('POST', `${run}/printing`, { token: centre, body: { printedOn: '2026-07-03' } })).status).toBe(201);
    const misprint = await t.request('POST', `${run}/misprints`, {
      token: centre,
      body: { certificateId: 'TTNN-HP.CC-NN.2026.2', note: 'Kẹt giấy', reprintedOn: '2026-07-03' },
    });
    expect(misprint.status).toBe(201);
    const signed = await t.request('POST', `${run}/signature`, {
      token: centre,
      body: { signerName: 'Trần Văn Bình', signerTitle: 'Giám đốc', issueDate: '2026-07-04', issuePlace: 'Hải Phòng' },
    });
    expect(signed.status).toBe(201);
    expect((await t.request('POST', `${run}/closing`, { token: centre, body: { closedOn: '2026-07-05' } })).status).toBe(201);
    // Every serial accounted for: 500 bound, 1 spoiled, the other spare back in stock (rule 16).
    const serialStatus = async (serial: string, until: string): Promise<string> => {
      for (let attempt = 0; ; attempt += 1) {
        const response = await t.request('GET', `/api/v1/authorities/TTNN-HP/blank-serials/${encodeURIComponent(serial)}`, {
          token: centre,
        });
        const status = response.status === 200 ? ((await response.json()) as { status: string }).status : String(response.status);
        if (status === until || attempt > 300) return status;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    expect(await serialStatus('NN 000002', 'spoiled')).toBe('spoiled');
    expect(await serialStatus('NN 000501', 'bound')).toBe('bound');
    expect(await serialStatus('NN 000502', 'in_stock')).toBe('in_stock');
    const printed = (await (
      await t.request('GET', '/api/v1/authorities/TTNN-HP/certificates/TTNN-HP.CC-NN.2026.2', { token: centre })
    ).json()) as { blank: { serialLabel: string; issueDate: string } };
    expect(printed.blank).toMatchObject({ serialLabel: 'NN 000501', issueDate: '2026-07-04' });

    // The print job: overlay for the blanks, preview for the archive; one page per certificate, with its QR.
    const renderJob = async (mode: 'overlay' | 'preview') => {
      const response = await t.request('POST', `${run}/documents`, { token: centre, body: { mode } });
      expect(response.status).toBe(201);
      expect(response.headers.get('content-type')).toContain('application/pdf');
      return Buffer.from(await response.arrayBuffer());
    };
    const renderStarted = Date.now();
    const overlay = await renderJob('overlay');
    console.log(`rendered the 500-certificate overlay print job over HTTP in ${Date.now() - renderStarted} ms`);
    const preview = await renderJob('preview');
    const pages = await pdfPageTexts(preview);
    expect(pages).toHaveLength(500);
    expect(pages[6]).toContain('CHỨNG CHỈ NGOẠI NGỮ');
    expect(pages[6]).toContain('NN 000007');
    expect(pages[6]).toContain('Hải Phòng, ngày 04 tháng 07 năm 2026');
    expect((await pdfPageTexts(overlay))[6]).not.toContain('NN 000007'); // pre-printed on the blank
    const pdfDir = mkdtempSync(join(tmpdir(), 'cert-pdf-'));
    let urlFromPdf = '';
    try {
      writeFileSync(join(pdfDir, 'run.pdf'), preview);
      // Asynchronously: the API serves from this process, and a blocked event loop lets its keep-alive sockets go stale.
      const exec = promisify(execFile);
      await exec('pdftoppm', ['-r', '110', '-f', '7', '-l', '7', '-png', join(pdfDir, 'run.pdf'), join(pdfDir, 'page')]);
      urlFromPdf = (await exec('zbarimg', ['--raw', '-q', join(pdfDir, 'page-007.png')])).stdout.trim();
    } finally {
      rmSync(pdfDir, { recursive: true, force: true });
    }

    const handOver = await t.request('POST', '/api/v1/authorities/TTNN-HP/certificate-registers/CC-NN/2026/hand-overs', {
      token: centre,
      body: handOverBody,
    });
    expect(handOver.status).toBe(201);

    const revoke = await t.request('POST', '/api/v1/authorities/TTNN-HP/certificates/TTNN-HP.CC-NN.2026.3/revocation', {
      token: centre,
      body: { decisionRef: '301/QĐ-TTNN', revokedOn: '2026-08-01', reason: 'Thi hộ' },
    });
    expect(revoke.status).toBe(201);
    const twice = await t.request('POST', '/api/v1/authorities/TTNN-HP/certificates/TTNN-HP.CC-NN.2026.3/revocation', {
      token: centre,
      body: { decisionRef: '302/QĐ-TTNN', revokedOn: '2026-08-02', reason: 'Thi hộ' },
    });
    expect(twice.status).toBe(422);
    const revoked = (await (
      await t.request('GET', '/api/v1/authorities/TTNN-HP/certificates/TTNN-HP.CC-NN.2026.3', { token: centre })
    ).json()) as {
      status: string;
    };
    expect(revoked.status).toBe('REVOKED');
    // Another centre cannot act on this centre's book.
    const foreign = await t.request('POST', '/api/v1/authorities/TTNN-CU/certificates/TTNN-HP.CC-NN.2026.4/revocation', {
      token: expiredCentre,
      body: { decisionRef: '1/QĐ', revokedOn: '2026-08-01', reason: 'x' },
    });
    expect(foreign.status).toBeGreaterThanOrEqual(400);
    expect((await t.request('GET', '/api/v1/authorities/TTNN-HP/certificates/TTNN-HP.CC-NN.2026.4', { token: centre })).status).toBe(200);

    const xlsx = await t.request('GET', '/api/v1/authorities/TTNN-HP/certificate-registers/CC-NN/2026/export.xlsx', { token: centre });
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const cells = workbook.worksheets[0]?.getSheetValues().flat().map(String) ?? [];
    expect(cells).toContain('000500/CC-NN-2026');
    expect(cells).toContain('NN 000501'); // the serial certificate 2 went onto after its misprint
    expect(cells.some((c) => c.includes('Bậc: Bậc 3'))).toBe(true);
    expect(cells.some((c) => c.startsWith('Đã thu hồi: 301/QĐ-TTNN'))).toBe(true);

    const pdf = await t.request('GET', '/api/v1/authorities/TTNN-HP/certificate-registers/CC-NN/2026/export.pdf', { token: centre });
    expect(pdf.status).toBe(200);
    const text = (await pdfPageTexts(Buffer.from(await pdf.arrayBuffer()))).join('\n');
    expect(text).toContain('SỔ GỐC CẤP CHỨNG CHỈ NGOẠI NGỮ');
    expect(text).toContain('000001/CC-NN-2026');
    expect(text).toContain('Tổng số chứng chỉ đã cấp: 500, trong đó 1 đã thu hồi.');
    console.log(`issued 500 certificates over HTTP in ${issueMs} ms`);

    // The portal verifies by the QR printed on the certificate: a phone reads the code, follows it.
    const scan = async (id: string): Promise<string> => {
      const png = await t.request('GET', `/api/v1/authorities/TTNN-HP/certificates/${id}/qr.png`, { token: centre });
      expect(png.headers.get('content-type')).toBe('image/png');
      const dir = mkdtempSync(join(tmpdir(), 'qr-'));
      try {
        writeFileSync(join(dir, 'qr.png'), Buffer.from(await png.arrayBuffer()));
        return execFileSync('zbarimg', ['--raw', '-q', join(dir, 'qr.png')])
          .toString('utf8')
          .trim();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const verify = async (url: string, until: string): Promise<Record<string, unknown>> => {
      for (let attempt = 0; ; attempt += 1) {
        const answer = (await (await fetch(url)).json()) as Record<string, unknown>;
        if (answer['status'] === until || attempt > 300) return answer;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const url7 = await scan('TTNN-HP.CC-NN.2026.7');
    expect(url7.startsWith(`${t.portalPublicUrl}/api/v1/certificates/`)).toBe(true);
    expect(url7).not.toContain('TTNN-HP.CC-NN'); // an unguessable code, not the sequential number
    // The QR read off the printed certificate's page is the same address.
    expect(urlFromPdf).toBe(url7);
    const valid = await verify(urlFromPdf, 'VALID');
    expect(valid).toMatchObject({
      status: 'VALID',
      certificate: {
        nameVi: 'Chứng chỉ ngoại ngữ (tiếng Anh) theo Khung năng lực ngoại ngữ 6 bậc, Bậc 3',
        registerNumber: '000007/CC-NN-2026',
        serial: 'NN 000007', // §5.1: the serial on the paper, to compare with the register
        issueDate: '2026-07-04',
        issuer: { code: 'TTNN-HP', name: 'Trung tâm Ngoại ngữ Hải Phòng' },
        decision: { number: '245/QĐ-TTNN', date: '2026-07-01' },
      },
    });
    // Rule 57: the exam council and the per-skill scores stay in the register.
    expect(JSON.stringify(valid)).not.toContain('Hội đồng thi');
    const revokedAnswer = await verify(await scan('TTNN-HP.CC-NN.2026.3'), 'REVOKED');
    expect(revokedAnswer).toMatchObject({ status: 'REVOKED', revocation: { decisionRef: '301/QĐ-TTNN', revokedOn: '2026-08-01' } });
    expect(await (await fetch(`${t.portal}/api/v1/certificates/AAAAAAAAAAAAAAAAAAAA`)).json()).toMatchObject({ status: 'NOT_FOUND' });
  }, 120_000);
});
