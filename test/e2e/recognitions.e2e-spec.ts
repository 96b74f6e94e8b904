import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { decodeQrCodes, qpdfCheck } from '@so-goc/documents/testing/pdf-checks';
import { pdfPageTexts } from '@so-goc/documents/testing/poppler';
import { readSheet } from '@so-goc/documents/testing/read-xlsx';
import { eventually, startTestSystem, type TestSystem } from '../support/embedded-system';
import { givenOfficer } from '../support/officers';

jest.setTimeout(120_000);

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const dossier = [
  { kind: 'diploma', name: 'High School Diploma (bản sao).pdf', sha256: sha('diploma') },
  { kind: 'translation', name: 'Bản dịch công chứng.pdf', sha256: sha('translation') },
  { kind: 'transcript', name: 'Transcript 2023-2026.pdf', sha256: sha('transcript') },
  { kind: 'study_evidence', name: 'Xác nhận thời gian học tập.pdf', sha256: sha('study') },
  { kind: 'verification_authorisation', name: 'Giấy cho phép xác minh.pdf', sha256: sha('authorisation') },
];
const application = (recognitionId: string, fullName: string, birthDate: string) => ({
  recognitionId,
  channel: 'online',
  receivedOn: '2026-09-07',
  applicant: {
    fullName,
    birthDate,
    birthPlace: 'Hải Phòng',
    nationality: 'Việt Nam',
    idDocument: { kind: 'CCCD', number: '031208000777' },
  },
  foreignDiploma: {
    title: 'High School Diploma',
    issuer: 'Lincoln High School, Portland, Oregon',
    country: 'Hoa Kỳ',
    issuedOn: '2026-06-12',
    number: 'LHS-2026-0419',
    levelSought: 'THPT',
  },
  dossier,
});

/**
 * Issue 18, item 4, over real HTTP: a foreign THPT-level diploma from application to recognition
 * document; the portal verifies the document by its QR and by its number; a refusal is written with
 * reasons and never verifies; another Sở can neither see nor act on the application.
 */
describe('Recognition of a foreign diploma (§8, TT 13/2021 amended by TT 07/2024), end to end', () => {
  let t: TestSystem;
  let otherSo: string;
  const HP = '/api/v1/authorities/SGD-HP';

  const ok = async (response: Promise<Response>, status = 201): Promise<Record<string, unknown>> => {
    const r = await response;
    const text = await r.text();
    if (r.status !== status) throw new Error(`${r.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const portalPage = async (path: string, form?: Record<string, string>): Promise<{ status: string | undefined; page: string }> => {
    const response = await fetch(`${t.portalPublicUrl}${path}`, {
      ...(form
        ? { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }
        : {}),
    });
    const page = await response.text();
    return { status: /data-status="([A-Z_]+)"/.exec(page)?.[1], page };
  };
  const readWhenProjected = async (path: string, until: (body: Record<string, unknown>) => boolean) => {
    for (let i = 0; i < 200; i += 1) {
      const response = await t.request('GET', path);
      if (response.status === 200) {
        const body = (await response.json()) as Record<string, unknown>;
        if (until(body)) return body;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`never projected: ${path}`);
  };

  beforeAll(async () => {
    t = await startTestSystem();
    await t.given({
      type: 'RegisterSigner',
      signerId: 'gd-sgd-hp',
      authorityCode: 'SGD-HP',
      fullName: 'Nguyễn Văn An',
      title: 'Giám đốc',
      role: 'head',
      validFrom: '2020-01-15',
    });
    const roles = await t.request('POST', `${HP}/officers/admin-hp/roles`, {
      body: { roles: ['administrator', 'registrar', 'signer'], includeSubordinates: true },
    });
    expect(roles.status).toBeLessThan(300);
    await t.given({
      type: 'RegisterAuthority',
      code: 'SGD-QN',
      name: 'Sở Giáo dục và Đào tạo Quảng Ninh',
      kind: 'province_department',
      parentCode: null,
      registeredOn: '2000-01-01',
    });
    otherSo = await givenOfficer(t.eventsFile, 'SGD-QN', 'qn-officer', ['registrar', 'signer']);
  });
  afterAll(() => t.stop());

  it('takes a foreign THPT-level diploma from application to a recognition document the portal verifies', async () => {
    const received = await ok(
      t.request('POST', `${HP}/recognitions`, { body: application('cn-2026-0001', 'Trần Minh Khôi', '2008-02-14') }),
    );
    // 20 working days from Monday 07/09/2026.
    expect(received['dueOn']).toBe('2026-10-05');
    await ok(
      t.request('POST', `${HP}/recognitions/cn-2026-0001/verification`, {
        body: { sentOn: '2026-09-09', letterNumber: '1502/SGDĐT-QLCL', addressee: 'Lincoln High School, Portland, Oregon' },
      }),
    );
    await ok(
      t.request('POST', `${HP}/recognitions/cn-2026-0001/verification-answer`, {
        body: { answeredOn: '2026-10-20', outcome: 'confirmed', reference: 'Email của nhà trường ngày 20/10/2026' },
      }),
    );

    // Another Sở: refused through its own route and through ours, and nothing is appended.
    const before = (await t.events('recognition-cn-2026-0001')).length;
    const decide = { decidedOn: '2026-10-26', equivalentTo: 'THPT', signerId: 'gd-sgd-hp' };
    const viaOurs = await t.request('POST', `${HP}/recognitions/cn-2026-0001/recognition`, { token: otherSo, body: decide });
    expect(viaOurs.status).toBe(403);
    const viaTheirs = await t.request('POST', '/api/v1/authorities/SGD-QN/recognitions/cn-2026-0001/recognition', {
      token: otherSo,
      body: decide,
    });
    expect(viaTheirs.status).toBe(403);
    expect(((await viaTheirs.json()) as { code: string }).code).toBe('RECORD_OF_ANOTHER_AUTHORITY');
    const peek = await t.request('GET', '/api/v1/authorities/SGD-QN/recognitions/cn-2026-0001', { token: otherSo });
    expect(peek.status).toBe(404);
    expect((await t.events('recognition-cn-2026-0001')).length).toBe(before);
    expect(await t.events('recognition-register-SGD-QN-2026')).toEqual([]);

    const recognised = await ok(t.request('POST', `${HP}/recognitions/cn-2026-0001/recognition`, { body: decide }));
    expect(recognised['documentNumber']).toBe('000001/CNVB-2026');
    expect((await t.events('recognition-register-SGD-HP-2026')).length).toBe(1);

    await readWhenProjected(`${HP}/recognitions/cn-2026-0001`, (b) => b['status'] === 'recognised');
    const response = await eventually(() => t.request('GET', `${HP}/recognitions/cn-2026-0001/document.pdf`));
    expect(response.status).toBe(200);
    const pdf = new Uint8Array(await response.arrayBuffer());
    expect(response.headers.get('x-content-sha256')).toBe(createHash('sha256').update(pdf).digest('hex'));
    qpdfCheck(pdf);
    if (process.env['RECOGNITION_PDF_OUT']) writeFileSync(process.env['RECOGNITION_PDF_OUT'], pdf);
    const text = pdfPageTexts(pdf)[0]!.replace(/\s+/g, ' ');
    for (const expected of [
      'GIẤY CÔNG NHẬN VĂN BẰNG',
      'SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG',
      'Số: 000001/CNVB-2026',
      'Hải Phòng, ngày 26 tháng 10 năm 2026',
      'Trần Minh Khôi',
      '14/02/2008',
      'Lincoln High School, Portland, Oregon (Hoa Kỳ)',
      'Bằng tốt nghiệp trung học phổ thông của Việt Nam',
      'Thông tư 13/2021/TT-BGDĐT',
      'Nguyễn Văn An',
    ])
      expect(text).toContain(expected);
    // The same decision renders to the same bytes.
    const again = new Uint8Array(await (await t.request('GET', `${HP}/recognitions/cn-2026-0001/document.pdf`)).arrayBuffer());
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);

    const [url] = decodeQrCodes(pdf);
    expect(url).toMatch(new RegExp(`^${t.portalPublicUrl}/cong-nhan/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
    const scanned = await portalPage(url!.slice(t.portalPublicUrl.length));
    expect(scanned.status).toBe('VALID');
    expect(scanned.page).toContain('Trần Minh Khôi');
    expect(scanned.page).toContain('000001/CNVB-2026');
    expect(scanned.page).toContain('Bằng tốt nghiệp trung học phổ thông của Việt Nam');
    expect(scanned.page).not.toContain('031208000777');

    const token = url!.slice(url!.lastIndexOf('/') + 1);
    const flipped = token.slice(0, 30) + (token[30] === 'A' ? 'B' : 'A') + token.slice(31);
    expect((await portalPage(`/cong-nhan/${flipped}`)).status).toBe('FORGED');

    const formPage = await fetch(`${t.portalPublicUrl}/cong-nhan`);
    expect(formPage.status).toBe(200);
    expect(await formPage.text()).toContain('Số giấy công nhận');
    expect((await portalPage('/cong-nhan', { documentNumber: '000001/CNVB-2026', birthDate: '14/02/2008' })).status).toBe('VALID');
    expect((await portalPage('/cong-nhan', { documentNumber: '000001/CNVB-2026', birthDate: '15/02/2008' })).status).toBe('NOT_FOUND');
  });

  it('writes a refusal with its reasons, gives it no document, and the portal does not verify it', async () => {
    // Sent twice with its Idempotency-Key (a lost answer, a retry): received once.
    const key = { 'idempotency-key': '6f1c2a9e-3b7d-4c1e-9a55-0d2f4e8b7c10' };
    const body = application('cn-2026-0002', 'Lê Thị Hoà', '2008-05-03');
    await ok(t.request('POST', `${HP}/recognitions`, { body, headers: key }));
    const retried = await t.request('POST', `${HP}/recognitions`, { body, headers: key });
    expect(retried.status).toBeLessThan(300);
    expect(((await retried.json()) as { alreadyHandled: boolean }).alreadyHandled).toBe(true);
    expect(await t.events('recognition-cn-2026-0002')).toHaveLength(1);
    await ok(
      t.request('POST', `${HP}/recognitions/cn-2026-0002/verification`, {
        body: { sentOn: '2026-09-10', letterNumber: '1511/SGDĐT-QLCL', addressee: 'Lincoln High School, Portland, Oregon' },
      }),
    );
    await ok(
      t.request('POST', `${HP}/recognitions/cn-2026-0002/verification-answer`, {
        body: { answeredOn: '2026-10-21', outcome: 'not_confirmed', reference: 'Thư của nhà trường ngày 21/10/2026' },
      }),
    );
    const notRecognisable = await t.request('POST', `${HP}/recognitions/cn-2026-0002/recognition`, {
      body: { decidedOn: '2026-10-27', equivalentTo: 'THPT', signerId: 'gd-sgd-hp' },
    });
    expect(((await notRecognisable.json()) as { code: string }).code).toBe('FOREIGN_ISSUER_DID_NOT_CONFIRM');
    const tooShort = await t.request('POST', `${HP}/recognitions/cn-2026-0002/refusal`, {
      body: { refusedOn: '2026-10-27', letterNumber: '1720/SGDĐT-QLCL', reasons: 'Không đạt', signerId: 'gd-sgd-hp' },
    });
    expect(tooShort.status).toBe(400);
    const reasons =
      'Cơ sở giáo dục nước ngoài trả lời không cấp văn bằng số LHS-2026-0419 cho người đề nghị; văn bằng không được công nhận.';
    await ok(
      t.request('POST', `${HP}/recognitions/cn-2026-0002/refusal`, {
        body: { refusedOn: '2026-10-27', letterNumber: '1720/SGDĐT-QLCL', reasons, signerId: 'gd-sgd-hp' },
      }),
    );
    const refused = await readWhenProjected(`${HP}/recognitions/cn-2026-0002`, (b) => b['status'] === 'refused');
    expect(refused['refusal']).toMatchObject({ letterNumber: '1720/SGDĐT-QLCL', reasons, signerName: 'Nguyễn Văn An', late: false });
    expect((await t.request('GET', `${HP}/recognitions/cn-2026-0002/document.pdf`)).status).toBe(412);
    const letter = await t.request('GET', `${HP}/recognitions/cn-2026-0002/refusal.pdf`);
    expect(letter.status).toBe(200);
    const letterPdf = new Uint8Array(await letter.arrayBuffer());
    qpdfCheck(letterPdf);
    if (process.env['RECOGNITION_REFUSAL_OUT']) writeFileSync(process.env['RECOGNITION_REFUSAL_OUT'], letterPdf);
    // Lines may break after a hyphen (LHS-2026-0419): join them back for the comparison.
    const letterText = pdfPageTexts(letterPdf).join(' ').replace(/\s+/g, ' ').replace(/- /g, '-');
    for (const expected of [
      'Số: 1720/SGDĐT-QLCL',
      'V/v từ chối công nhận văn bằng',
      'Kính gửi: Lê Thị Hoà',
      reasons,
      'cơ sở cấp không xác nhận văn bằng',
    ])
      expect(letterText).toContain(expected);
    // A refusal carries no QR: there is nothing for the portal to vouch for.
    expect(decodeQrCodes(letterPdf)).toEqual([]);
    expect((await t.request('GET', `${HP}/recognitions/cn-2026-0001/refusal.pdf`)).status).toBe(412);
    // The next number would be 000002: a refused application never holds one, so nothing answers to it.
    expect((await portalPage('/cong-nhan', { documentNumber: '000002/CNVB-2026', birthDate: '03/05/2008' })).status).toBe('NOT_FOUND');

    const register = await readWhenProjected(`${HP}/recognition-register/2026`, (b) => (b['rows'] as unknown[]).length === 2);
    expect(register['rows']).toEqual([
      expect.objectContaining({ documentNumber: '000001/CNVB-2026', fullName: 'Trần Minh Khôi' }),
      expect.objectContaining({ documentNumber: null, fullName: 'Lê Thị Hoà', outcome: expect.stringContaining(reasons) }),
    ]);
    const xlsx = await t.request('GET', `${HP}/recognition-register/2026/export.xlsx`);
    expect(xlsx.status).toBe(200);
    const { sheet } = await readSheet(Buffer.from(await xlsx.arrayBuffer()));
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells.join(' ')).toContain('000001/CNVB-2026');
    expect(cells.join(' ')).toContain('Lê Thị Hoà');
    const registerPdf = await t.request('GET', `${HP}/recognition-register/2026/export.pdf`);
    expect(registerPdf.status).toBe(200);
    const registerText = pdfPageTexts(new Uint8Array(await registerPdf.arrayBuffer())).join(' ');
    expect(registerText).toContain('SỔ THEO DÕI CÔNG NHẬN VĂN BẰNG');
    expect(registerText).toContain('Trần Minh Khôi');
  });

  it('revokes a recognition document by a signed decision with reasons; the portal then answers REVOKED', async () => {
    await ok(t.request('POST', `${HP}/recognitions`, { body: application('cn-2026-0003', 'Đỗ Gia Hân', '2008-07-21') }));
    const recognised = await ok(
      t.request('POST', `${HP}/recognitions/cn-2026-0003/recognition`, {
        body: { decidedOn: '2026-10-28', equivalentTo: 'THPT', signerId: 'gd-sgd-hp' },
      }),
    );
    const documentNumber = recognised['documentNumber'] as string;
    await readWhenProjected(`${HP}/recognitions/cn-2026-0003`, (b) => b['status'] === 'recognised');
    const pdf = new Uint8Array(
      await (await eventually(() => t.request('GET', `${HP}/recognitions/cn-2026-0003/document.pdf`))).arrayBuffer(),
    );
    const [url] = decodeQrCodes(pdf);
    expect((await portalPage(url!.slice(t.portalPublicUrl.length))).status).toBe('VALID');

    const reasons = 'Cơ sở giáo dục nước ngoài xác nhận văn bằng nộp trong hồ sơ không do cơ sở cấp; hồ sơ gian lận.';
    const revocation = { decisionNumber: '1890/QĐ-SGDĐT', revokedOn: '2026-11-20', grounds: ['foreign_diploma_not_genuine'], reasons };
    // A registrar prepares the decision, the signer signs it (issue 17); another Sở cannot act; nothing appended.
    const before = (await t.events('recognition-cn-2026-0003')).length;
    const registrar = await givenOfficer(t.eventsFile, 'SGD-HP', 'hp-registrar-only', ['registrar']);
    const byRegistrar = await t.request('POST', `${HP}/recognitions/cn-2026-0003/revocation`, {
      token: registrar,
      body: { ...revocation, signerId: 'gd-sgd-hp' },
    });
    expect(byRegistrar.status).toBe(403);
    expect(((await byRegistrar.json()) as { code: string }).code).toBe('SIGNATURE_NEEDS_SIGNER_ROLE');
    const byOther = await t.request('POST', `${HP}/recognitions/cn-2026-0003/revocation`, {
      token: otherSo,
      body: { ...revocation, signerId: 'gd-sgd-hp' },
    });
    expect(byOther.status).toBe(403);
    // Without reasons worth the name, or grounds, nothing is recorded either.
    const noReasons = await t.request('POST', `${HP}/recognitions/cn-2026-0003/revocation`, {
      body: { ...revocation, reasons: 'Gian lận', signerId: 'gd-sgd-hp' },
    });
    expect(noReasons.status).toBe(400);
    const noGrounds = await t.request('POST', `${HP}/recognitions/cn-2026-0003/revocation`, {
      body: { ...revocation, grounds: [], signerId: 'gd-sgd-hp' },
    });
    expect(noGrounds.status).toBe(400);
    expect((await t.events('recognition-cn-2026-0003')).length).toBe(before);

    await ok(t.request('POST', `${HP}/recognitions/cn-2026-0003/revocation`, { body: { ...revocation, signerId: 'gd-sgd-hp' } }));
    const revoked = await readWhenProjected(`${HP}/recognitions/cn-2026-0003`, (b) => b['status'] === 'revoked');
    expect(revoked['revocation']).toMatchObject({ decisionNumber: '1890/QĐ-SGDĐT', documentNumber, reasons, signerName: 'Nguyễn Văn An' });
    // Terminal: a second revocation is a conflict; a refused application has no document to revoke.
    const again = await t.request('POST', `${HP}/recognitions/cn-2026-0003/revocation`, {
      body: { ...revocation, signerId: 'gd-sgd-hp' },
    });
    expect(again.status).toBe(409);
    const refusedOne = await t.request('POST', `${HP}/recognitions/cn-2026-0002/revocation`, {
      body: { ...revocation, signerId: 'gd-sgd-hp' },
    });
    expect(((await refusedOne.json()) as { code: string }).code).toBe('RECOGNITION_NOT_RECOGNISED');

    // The portal: the QR and the number both answer REVOKED with the decision, never VALID.
    const scanned = await portalPage(url!.slice(t.portalPublicUrl.length));
    expect(scanned.status).toBe('REVOKED');
    expect(scanned.page).toContain('1890/QĐ-SGDĐT');
    expect(scanned.page).toContain(reasons);
    const typed = await portalPage('/cong-nhan', { documentNumber, birthDate: '21/07/2008' });
    expect(typed.status).toBe('REVOKED');
  });

  it('refuses an application received by a body that is not a Sở, appending nothing', async () => {
    await t.given({
      type: 'RegisterAuthority',
      code: 'THPT-NQ',
      name: 'Trường THPT Ngô Quyền',
      kind: 'school',
      parentCode: 'SGD-HP',
      registeredOn: '2000-01-01',
    });
    const school = await givenOfficer(t.eventsFile, 'THPT-NQ', 'nq-registrar', ['registrar']);
    const response = await t.request('POST', '/api/v1/authorities/THPT-NQ/recognitions', {
      token: school,
      body: application('cn-2026-0099', 'Phạm Văn Bình', '2008-01-01'),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('NOT_COMPETENT_FOR_RECOGNITION');
    expect(await t.events('recognition-cn-2026-0099')).toEqual([]);
  });
});
