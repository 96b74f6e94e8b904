import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { fixture } from '@so-goc/documents/graduate-lists/testing/fixture-files';
import { pdfPageTexts } from '@so-goc/documents/testing/poppler';
import { eventually, startTestSystem, type TestSystem } from '../support/embedded-system';

jest.setTimeout(120_000);

interface Problem {
  code: string;
  messageVi: string;
  fieldProblems: { field: string; code: string; messageVi: string }[];
}

describe('Issuance over HTTP: decision upload, print run, signing, hand-over, sổ gốc (issue: issuance)', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
    // Issue 17: a Sở's papers are headed by its People's Committee (Nghị định 30/2020), set over HTTP.
    expect(
      (
        await t.request('POST', '/api/v1/authorities/SGD-HP/governing-body', {
          body: { governingBody: 'Ủy ban nhân dân thành phố Hải Phòng', effectiveOn: '2000-01-01' },
        })
      ).status,
    ).toBe(201);
    await t.given({
      type: 'RegisterSigner',
      signerId: 'gd-sgd-hp',
      authorityCode: 'SGD-HP',
      fullName: 'Nguyễn Văn An',
      title: 'Giám đốc',
      role: 'head',
      validFrom: '2020-01-15',
    });
    const roles = await t.request('POST', '/api/v1/authorities/SGD-HP/officers/admin-hp/roles', {
      body: { roles: ['administrator', 'registrar'], includeSubordinates: true },
    });
    expect(roles.status).toBe(201);
    const lot = {
      lotId: 'HP-2024-THPT-1',
      kind: 'THPT',
      templateVersion: 'TT21-2019',
      prefix: 'HP',
      width: 7,
      from: 200001,
      to: 212000,
      supplier: 'Nhà in Bộ GDĐT',
      deliveryNote: { number: 'PGH-0524', date: '2024-05-20' },
      receivedBy: 'Nguyễn Thị Lan',
      receivedOn: '2024-05-20',
    };
    expect((await t.request('POST', '/api/v1/authorities/SGD-HP/blank-lots', { body: lot })).status).toBe(201);
  });
  afterAll(() => t.stop());

  const upload = (fileName: string, decisionId: string, idempotencyKey: string = randomUUID()) => {
    const form = new FormData();
    for (const [name, value] of Object.entries({
      decisionId,
      number: '1234/QĐ-SGDĐT',
      date: '2024-07-20',
      kind: 'THPT',
      schoolYear: '2023-2024',
      examSession: 'Kỳ thi tốt nghiệp THPT năm 2024',
    }))
      form.append(name, value);
    form.append('file', new Blob([fixture(fileName)]), fileName);
    return fetch(`${t.api}/api/v1/authorities/SGD-HP/decisions`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${t.adminToken}`, 'idempotency-key': idempotencyKey },
    });
  };

  it('refuses the bad list with every bad row (row, column, code, Vietnamese message) and records nothing', async () => {
    const before = (await t.events()).length;
    const refused = await upload('graduates-thpt-2024-bad.xlsx', 'sgd-hp-bad-2024');
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as Problem;
    expect(problem.code).toBe('GRADUATE_LIST_REJECTED');
    expect(new Set(problem.fieldProblems.map((p) => Number(/^row (\d+)/.exec(p.field)?.[1])))).toEqual(
      new Set([7, 14, 21, 28, 35, 42, 56, 63, 70, 77, 84]),
    );
    expect(problem.fieldProblems.every((p) => p.code && p.messageVi)).toBe(true);
    expect((await t.events()).length).toBe(before);
  });

  it('records the 2,000-row XLSX once, prints, signs and hands over, and the sổ gốc shows it', async () => {
    const key = randomUUID();
    expect((await upload('graduates-thpt-2024.xlsx', 'sgd-hp-1234-2024', key)).status).toBe(201);
    // Idempotent upload: the same key records nothing new.
    const again = await upload('graduates-thpt-2024.xlsx', 'sgd-hp-1234-2024', key);
    expect(again.status).toBe(200);

    const open = await t.request('POST', '/api/v1/authorities/SGD-HP/print-runs', {
      body: {
        printRunId: 'thpt-2024-dot-1',
        decisionId: 'sgd-hp-1234-2024',
        lotId: 'HP-2024-THPT-1',
        templateVersion: 'TT21-2019',
        openedOn: '2024-08-05',
        spareBlanks: 3,
      },
    });
    expect(open.status).toBe(201);
    const badOpen = await t.request('POST', '/api/v1/authorities/SGD-HP/print-runs', {
      body: {
        printRunId: 'x',
        decisionId: 'sgd-hp-1234-2024',
        lotId: 'HP-2024-THPT-1',
        templateVersion: 'TT21-2019',
        openedOn: '05/08/2024',
      },
    });
    expect(badOpen.status).toBe(400);
    expect(((await badOpen.json()) as Problem).fieldProblems.map((p) => p.field).sort()).toEqual(['openedOn', 'printRunId']);

    expect(
      (await t.request('POST', '/api/v1/authorities/SGD-HP/print-runs/thpt-2024-dot-1/printing', { body: { printedOn: '2024-08-06' } }))
        .status,
    ).toBe(201);
    const run = (await (await eventually(() => t.request('GET', '/api/v1/authorities/SGD-HP/print-runs/thpt-2024-dot-1'))).json()) as {
      entries: { diplomaId: string; registerLabel: string; serial: string; fullName: string; birthDate: string }[];
    };
    expect(run.entries).toHaveLength(2000);
    const [first, second] = run.entries;
    expect(first).toMatchObject({ registerLabel: '000001/THPT-2024', serial: 'HP 0200001' });

    const misprint = await t.request('POST', '/api/v1/authorities/SGD-HP/print-runs/thpt-2024-dot-1/misprints', {
      body: { diplomaId: second!.diplomaId, note: 'Kẹt giấy', reprintedOn: '2024-08-06' },
    });
    expect(misprint.status).toBe(201);
    const lateSigner = await t.request('POST', '/api/v1/authorities/SGD-HP/print-runs/thpt-2024-dot-1/signature', {
      body: { signerId: 'gd-sgd-hp', issueDate: '2024-07-01', issuePlace: 'Hải Phòng' },
    });
    expect(lateSigner.status).toBe(422);
    expect((await lateSigner.json()) as Problem).toMatchObject({ code: 'DATE_TOO_EARLY' });
    // Issue 17: the registrar prepares; recording the signature is the signer's act (rules 6, 25).
    const byRegistrar = await t.request('POST', '/api/v1/authorities/SGD-HP/print-runs/thpt-2024-dot-1/signature', {
      body: { signerId: 'gd-sgd-hp', issueDate: '2024-08-14', issuePlace: 'Hải Phòng' },
    });
    expect(byRegistrar.status).toBe(403);
    expect((await byRegistrar.json()) as Problem).toMatchObject({ code: 'SIGNATURE_NEEDS_SIGNER_ROLE' });
    expect((await t.events('print-run-thpt-2024-dot-1')).map((e) => e.type)).not.toContain('PrintRunSigned');
    const asSigner = await t.request('POST', '/api/v1/authorities/SGD-HP/officers/admin-hp/roles', {
      body: { roles: ['administrator', 'registrar', 'signer'], includeSubordinates: true },
    });
    expect(asSigner.status).toBe(201);
    expect(
      (
        await t.request('POST', '/api/v1/authorities/SGD-HP/print-runs/thpt-2024-dot-1/signature', {
          body: { signerId: 'gd-sgd-hp', issueDate: '2024-08-14', issuePlace: 'Hải Phòng' },
        })
      ).status,
    ).toBe(201);

    const handOver = {
      recipient: { kind: 'proxy', fullName: 'Nguyễn Văn Hải', authorisationRef: 'Giấy ủy quyền 15/2024' },
      deliveredOn: '2024-08-20',
      deliveredBy: 'Nguyễn Thị Lan',
    };
    expect((await t.request('POST', `/api/v1/authorities/SGD-HP/diplomas/${first!.diplomaId}/delivery`, { body: handOver })).status).toBe(
      201,
    );
    const twice = await t.request('POST', `/api/v1/authorities/SGD-HP/diplomas/${first!.diplomaId}/delivery`, { body: handOver });
    expect(((await twice.json()) as Problem).code).toBe('DIPLOMA_ALREADY_DELIVERED');

    expect(
      (await t.request('POST', '/api/v1/authorities/SGD-HP/print-runs/thpt-2024-dot-1/closing', { body: { closedOn: '2024-08-25' } }))
        .status,
    ).toBe(201);

    // The sổ gốc, once the projector has caught up.
    let book: {
      sections: {
        signerName: string;
        entries: { registerLabel: string; serial: string; state: string; recipientName: string | null; notes: { type: string }[] }[];
      }[];
    } = { sections: [] };
    for (let i = 0; i < 200 && book.sections[0]?.entries[0]?.state !== 'delivered'; i += 1) {
      book = (await (await t.request('GET', '/api/v1/authorities/SGD-HP/register-books/THPT/2024')).json()) as typeof book;
      await new Promise((r) => setTimeout(r, 20));
    }
    const rows = book.sections[0]!.entries;
    expect(rows).toHaveLength(2000);
    expect(rows[0]).toMatchObject({ state: 'delivered', recipientName: 'Nguyễn Văn Hải', notes: [{ type: 'received_by_proxy' }] });
    expect(rows[1]).toMatchObject({ registerLabel: '000002/THPT-2024', serial: 'HP 0202001', notes: [{ type: 'serial_replaced' }] });

    const bySerial = (await (await t.request('GET', '/api/v1/authorities/SGD-HP/diplomas?serial=HP%200202001')).json()) as {
      diplomas: { diplomaId: string }[];
    };
    expect(bySerial.diplomas.map((d) => d.diplomaId)).toEqual([second!.diplomaId]);
    const incomplete = await t.request('GET', `/api/v1/authorities/SGD-HP/diplomas?fullName=${encodeURIComponent(first!.fullName)}`);
    expect(incomplete.status).toBe(400);

    // The book as officers file it: Excel and a printable PDF.
    const xlsx = await t.request('GET', '/api/v1/authorities/SGD-HP/register-books/THPT/2024/export.xlsx');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const cells = workbook.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toContain(first!.fullName);
    const pdf = await t.request('GET', '/api/v1/authorities/SGD-HP/register-books/THPT/2024/export.pdf');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const pages = pdfPageTexts(new Uint8Array(await pdf.arrayBuffer()));
    expect(pages[0]).toContain('SỔ GỐC CẤP BẰNG TỐT NGHIỆP');
    expect(pages[0]).toContain('ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG');
    expect(pages.join('\n')).toContain(first!.fullName);
  });
});
