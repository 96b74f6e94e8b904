import { createHash } from 'node:crypto';
import { ValueType, type Row, type Worksheet } from 'exceljs';
import { readSheet } from '../testing/read-xlsx';
import { COPY_REGISTER_COLUMNS } from './copy-register-export';
import { copyRegisterToXlsx } from './copy-register-xlsx';
import { GENERATED_AT, copyRegisterFixture, toNfd } from './testing/copy-register-fixture';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const HEADER_ROW = 7;
const COPY_NUMBER = 2;

const allRows = (sheet: Worksheet): Row[] => sheet.getRows(1, sheet.rowCount) ?? [];
const cellTexts = (row: Row): unknown[] => (row.values as unknown[]).slice(1);
/** Copy lines are the rows whose copy-number cell holds one. */
const copyLines = (sheet: Worksheet): Row[] =>
  allRows(sheet).filter((r) => /\/BS-THPT-2026$/.test(String(r.getCell(COPY_NUMBER).value ?? '')));

function rowStartingWith(sheet: Worksheet, text: string): Row {
  const row = allRows(sheet).find((r) => r.getCell(1).value === text);
  if (!row) throw new Error(`no row starts with "${text}"`);
  return row;
}

describe('copyRegisterToXlsx', () => {
  const input = copyRegisterFixture(40);
  let sheet: Worksheet;

  beforeAll(async () => {
    ({ sheet } = await readSheet(await copyRegisterToXlsx(input)));
  });

  it('opens with the superior, the issuing body, the title, the kind and the year, then one column per fact of §4.3', () => {
    expect([1, 2, 3, 4, 5].map((r) => sheet.getCell(r, 1).value)).toEqual([
      'Ủy ban nhân dân thành phố Hải Phòng',
      'Sở Giáo dục và Đào tạo Hải Phòng',
      'SỔ CẤP BẢN SAO TỪ SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG',
      'Loại văn bằng: Bằng tốt nghiệp THPT',
      'Năm: 2026',
    ]);
    expect(cellTexts(sheet.getRow(HEADER_ROW))).toEqual([...COPY_REGISTER_COLUMNS]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` });
  });

  it('writes one line per copy, in copy-number order, numbered through the book', () => {
    const lines = copyLines(sheet);
    expect(lines.map((r) => r.getCell(COPY_NUMBER).value)).toEqual(input.rows.map((r) => r.copyNumber));
    expect(lines.map((r) => r.getCell(1).value)).toEqual(input.rows.map((_, i) => i + 1));
    expect(lines[0]?.getCell(1).type).toBe(ValueType.Number);
    expect(lines[0]?.number).toBe(HEADER_ROW + 1);
  });

  it('writes the cells as the register reads them: dates dd/mm/yyyy, Vietnam time, relations and channels in words', () => {
    const [thuy, , yen, , hung, unknown] = copyLines(sheet);
    expect(cellTexts(thuy as Row)).toEqual([
      1,
      '000001/BS-THPT-2026',
      'BS 0000012',
      '02/03/2026',
      '031206010000',
      'Nguyễn Thị Thuỷ',
      '18/09/2006',
      'Hải Phòng',
      'HP 0203418',
      '000001/THPT-2024',
      '10/08/2024',
      '125/QĐ-SGDĐT',
      'Nguyễn Thị Thuỷ',
      'Người được cấp văn bằng',
      'CCCD 031206010000',
      '',
      'Tại bộ phận một cửa',
      '02/03/2026 14:20',
      'Nguyễn Thị Thuỷ',
      '02/03/2026',
      '',
    ]);
    expect(cellTexts(yen as Row).slice(4, 8)).toEqual(['', 'Đặng Hoàng Yến', '09/2006', 'Xã Tiên Lãng, huyện Tiên Lãng, Hải Phòng']);
    expect(cellTexts(yen as Row).slice(11, 16)).toEqual([
      '',
      'Đặng Văn Hùng',
      'Người được ủy quyền',
      'CCCD 031206000123',
      'Giấy ủy quyền số 15/UQ-2026 ngày 01/03/2026',
    ]);
    expect(yen?.getCell(21).value).toBe('Đã chỉnh sửa theo QĐ 201/QĐ-SGDĐT, 215/QĐ-SGDĐT');
    // Received at 16:05 Vietnam time, given with its +07:00 offset.
    expect([hung?.getCell(7).value, hung?.getCell(14).value, hung?.getCell(17).value, hung?.getCell(18).value]).toEqual([
      '2006',
      'Cha, mẹ của người được cấp',
      'Qua bưu chính',
      '03/03/2026 16:05',
    ]);
    // A relation without a label yet reaches the paper as its code; a copy not yet collected has no signature.
    expect([unknown?.getCell(14).value, unknown?.getCell(17).value, unknown?.getCell(19).value, unknown?.getCell(20).value]).toEqual([
      'guardian_ad_litem',
      'Trực tuyến',
      '',
      '',
    ]);
    expect(unknown?.getCell(21).value).toBe('Gửi qua bưu chính, phiếu gửi EMS EB123456789VN');
  });

  it('closes with the total and the two signature places', () => {
    expect(
      rowStartingWith(
        sheet,
        'Tổng số bản sao vào sổ: 40, từ số 000001/BS-THPT-2026 đến số 000040/BS-THPT-2026, cấp từ sổ gốc của 20 văn bằng.',
      ),
    ).toBeDefined();
    const roles = rowStartingWith(sheet, 'Người lập sổ');
    expect(roles.getCell(14).value).toBe('Thủ trưởng đơn vị');
    expect(sheet.getRow(roles.number - 1).getCell(14).value).toBe('Hải Phòng, ngày 06 tháng 03 năm 2026');
    expect(roles.number).toBeGreaterThan(copyLines(sheet).at(-1)?.number ?? Infinity);
  });

  it('titles a THCS book, does without a superior body, and closes an empty year with a zero total', async () => {
    const { sheet: thcs } = await readSheet(
      await copyRegisterToXlsx({ ...copyRegisterFixture(0), kind: 'THCS', superiorName: null, place: undefined }),
    );
    expect(thcs.getCell('A1').value).toBe('Sở Giáo dục và Đào tạo Hải Phòng');
    expect(thcs.getCell('A2').value).toBe('SỔ CẤP BẢN SAO TỪ SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC CƠ SỞ');
    expect(rowStartingWith(thcs, 'Tổng số bản sao vào sổ: 0.')).toBeDefined();
    expect(copyLines(thcs)).toEqual([]);
  });

  it('refuses a received time without an offset rather than guess the zone', async () => {
    const input = copyRegisterFixture(2);
    input.rows[0] = { ...(input.rows[0] as (typeof input.rows)[number]), receivedAt: '2026-03-02T14:20:00' };
    await expect(copyRegisterToXlsx(input)).rejects.toThrow(RangeError);
  });

  it('stores decomposed (NFD) input as composed (NFC) text, in identical bytes', async () => {
    const nfd = toNfd(copyRegisterFixture(10));
    expect(nfd.rows[0]?.fullName).not.toBe('Nguyễn Thị Thuỷ');
    const bytes = await copyRegisterToXlsx(nfd);
    const { sheet: read } = await readSheet(bytes);
    expect(copyLines(read).map((r) => r.getCell(6).value)).toEqual(copyRegisterFixture(10).rows.map((r) => r.fullName.normalize('NFC')));
    expect(sha256(bytes)).toBe(sha256(await copyRegisterToXlsx(copyRegisterFixture(10))));
  });

  it('is deterministic: dated from generatedAt, byte-identical across runs and server time zones', async () => {
    const { workbook } = await readSheet(await copyRegisterToXlsx(input));
    expect(workbook.created).toEqual(new Date(GENERATED_AT));
    const first = sha256(await copyRegisterToXlsx(copyRegisterFixture(40)));
    expect(sha256(await copyRegisterToXlsx(copyRegisterFixture(40)))).toBe(first);
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(sha256(await copyRegisterToXlsx(copyRegisterFixture(40)))).toBe(first);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
