import ExcelJS from 'exceljs';
import { inkShare, pdfPageTexts, renderGray } from '@so-goc/documents/testing/poppler';
import { eventually, startTestSystem, type TestSystem } from '../support/embedded-system';

describe('Blanks over HTTP (issue: blank ledger)', () => {
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
      type: 'RegisterAuthority',
      code: 'PGD-TN',
      name: 'Phòng GDĐT huyện Thuỷ Nguyên',
      kind: 'district_office',
      parentCode: 'SGD-HP',
      registeredOn: '2000-01-01',
    });
    await t.given({
      type: 'RegisterAuthority',
      code: 'SGD-QN',
      name: 'Sở GDĐT Quảng Ninh',
      kind: 'province_department',
      parentCode: null,
      registeredOn: '2000-01-01',
    });
    // The first administrator also records acts in this test.
    const roles = await t.request('POST', '/api/v1/authorities/SGD-HP/officers/admin-hp/roles', {
      body: { roles: ['administrator', 'registrar'], includeSubordinates: true },
    });
    expect(roles.status).toBe(201);
  });
  afterAll(() => t.stop());

  const lot = {
    lotId: 'HP-2024-THPT-1',
    kind: 'THPT',
    templateVersion: 'TT21/2019',
    prefix: 'HP',
    width: 7,
    from: 200001,
    to: 212000,
    supplier: 'Nhà in Bộ GDĐT',
    deliveryNote: { number: 'PGH-0524', date: '2024-05-20' },
    receivedBy: 'Nguyễn Thị Lan',
    receivedOn: '2024-05-20',
    missing: [{ from: 211981, to: 212000 }],
  };

  it('receives a lot, hands part of it to a district office, and answers where a serial is', async () => {
    expect((await t.request('POST', '/api/v1/authorities/SGD-HP/blank-lots', { body: lot })).status).toBe(201);
    const overlapping = await t.request('POST', '/api/v1/authorities/SGD-HP/blank-lots', {
      body: { ...lot, lotId: 'HP-2024-THPT-2', from: 211000, to: 215000, missing: [] },
    });
    expect(overlapping.status).toBe(422);
    expect((await overlapping.json()) as { code: string; messageVi: string }).toMatchObject({
      code: 'BLANK_RANGE_OVERLAPS',
      messageVi: expect.stringContaining('HP-2024-THPT-1'),
    });

    const handover = {
      ranges: [{ from: 200001, to: 202500 }],
      handover: { number: 'BB-GN-01', date: '2024-06-01' },
      allocatedOn: '2024-06-01',
    };
    expect(
      (
        await t.request('POST', '/api/v1/authorities/SGD-HP/blank-lots/HP-2024-THPT-1/allocations', {
          body: { ...handover, toAuthority: 'PGD-TN' },
        })
      ).status,
    ).toBe(201);
    const sideways = await t.request('POST', '/api/v1/authorities/SGD-HP/blank-lots/HP-2024-THPT-1/allocations', {
      body: { ...handover, ranges: [{ from: 203001, to: 203010 }], toAuthority: 'SGD-QN' },
    });
    expect(((await sideways.json()) as { code: string }).code).toBe('RECEIVER_NOT_SUBORDINATE');

    const serial = (await (await eventually(() => t.request('GET', '/api/v1/authorities/SGD-HP/blank-serials/HP%200201234'))).json()) as {
      serial: string;
      status: string;
      holder: string;
      history: { movement: string }[];
    };
    expect(serial).toMatchObject({ serial: 'HP 0201234', status: 'in_stock', holder: 'PGD-TN' });
    expect(serial.history.map((h) => h.movement)).toEqual(['receipt', 'allocation_out', 'allocation_in']);

    const reconciliation = (await (
      await t.request('GET', '/api/v1/authorities/SGD-HP/blank-reconciliation?kind=THPT&from=2024-01-01&to=2099-12-31')
    ).json()) as Record<string, unknown>;
    expect(reconciliation).toMatchObject({ received: 11980, allocatedOut: 2500, closing: 9480, balanced: true, breaks: [] });
  });

  it('refuses an officer acting on blanks its authority does not hold, recording nothing', async () => {
    const before = (await t.events()).length;
    const response = await t.request('POST', '/api/v1/authorities/PGD-TN/blank-lots/HP-2024-THPT-1/spoilage', {
      body: { ranges: [{ from: 205000, to: 205001 }], reason: 'damaged', note: 'Rách', spoiledOn: '2024-07-01' },
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('BLANKS_NOT_HELD');
    expect((await t.events()).length).toBe(before);
  });

  it('exports the ledger and the destruction minutes as Excel and PDF files an officer can file', async () => {
    const members = [
      { fullName: 'Nguyễn Văn An', title: 'Giám đốc', role: 'Chủ tịch hội đồng' },
      { fullName: 'Trần Thị Bình', title: 'Trưởng phòng Kế hoạch – Tài chính', role: 'Thành viên' },
      { fullName: 'Lê Văn Cường', title: 'Chánh Thanh tra', role: 'Thư ký' },
    ];
    const spoil = await t.request('POST', '/api/v1/authorities/SGD-HP/blank-lots/HP-2024-THPT-1/spoilage', {
      body: { ranges: [{ from: 203417, to: 203417 }], reason: 'misprint', note: 'Kẹt giấy khi in', spoiledOn: '2024-08-05' },
    });
    expect(spoil.status).toBe(201);
    const destroy = await t.request('POST', '/api/v1/authorities/SGD-HP/blank-lots/HP-2024-THPT-1/destructions', {
      body: {
        ranges: [{ from: 203417, to: 203417 }],
        councilDecision: { number: '45/QĐ-SGDĐT', date: '2024-12-01' },
        members,
        method: 'Nghiền',
        place: 'Trụ sở Sở',
        minutesRef: 'BB-HUY-2024-01',
        destroyedOn: '2024-12-10',
      },
    });
    expect(destroy.status).toBe(201);

    const xlsx = await eventually(() => t.request('GET', '/api/v1/authorities/SGD-HP/blank-destructions/BB-HUY-2024-01.xlsx'));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const ledgerXlsx = await t.request('GET', '/api/v1/authorities/SGD-HP/blank-ledger.xlsx?kind=THPT');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await ledgerXlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const cells = workbook.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toEqual(expect.arrayContaining(['Nhận phôi', 'HP 0200001–HP 0211980']));

    const pdf = await t.request('GET', '/api/v1/authorities/SGD-HP/blank-destructions/BB-HUY-2024-01.pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/bien-ban-huy-phoi-BB-HUY-2024-01\.pdf/);
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    const text = pdfPageTexts(bytes).join('\n');
    expect(text).toContain('HP 0203417');
    expect(text).toContain('Trần Thị Bình');
    expect(text).toContain('ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG');
    expect(inkShare(renderGray(bytes, { dpi: 50 }))).toBeGreaterThan(0.02);

    const missing = await t.request('GET', '/api/v1/authorities/SGD-HP/blank-destructions/KHONG-CO.pdf');
    expect(missing.status).toBe(404);
  });
});
