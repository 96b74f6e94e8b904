import { createHash } from 'node:crypto';
import { ValueType, type Row, type Worksheet } from 'exceljs';
import { readSheet } from '../testing/read-xlsx';
import { registerAppendixToXlsx } from './register-appendix-xlsx';
import { GENERATED_AT, registerAppendixFixture, toNfd } from './testing/register-appendix-fixture';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const HEADER_ROW = 7;
const CHANGES = 8;
const NOTES = 12;

const cellTexts = (row: Row): unknown[] => (row.values as unknown[]).slice(1);
/** Appendix lines are the rows between the heading row and the footer whose STT cell holds a number. */
const appendixLines = (sheet: Worksheet): Row[] =>
  (sheet.getRows(HEADER_ROW + 1, sheet.rowCount - HEADER_ROW) ?? []).filter((r) => typeof r.getCell(1).value === 'number');

describe('registerAppendixToXlsx', () => {
  const input = registerAppendixFixture(12);
  let sheet: Worksheet;

  beforeAll(async () => {
    ({ sheet } = await readSheet(await registerAppendixToXlsx(input)));
  });

  it('opens with the book heading under the appendix title, then the twelve columns of §4.2, frozen and repeated in print', () => {
    expect([1, 2, 3, 4, 5].map((r) => sheet.getCell(r, 1).value)).toEqual([
      'Ủy ban nhân dân thành phố Hải Phòng',
      'Sở Giáo dục và Đào tạo Hải Phòng',
      'PHỤ LỤC SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG',
      'Loại văn bằng: Bằng tốt nghiệp THPT',
      'Năm: 2024',
    ]);
    expect(cellTexts(sheet.getRow(HEADER_ROW))).toEqual([
      'STT',
      'Số định danh',
      'Họ và tên',
      'Ngày sinh',
      'Số hiệu văn bằng đã cấp',
      'Số hiệu văn bằng mới',
      'Số vào sổ mới',
      'Nội dung chỉnh sửa/thay đổi',
      'Quyết định số, ngày',
      'Người nhận ký, ghi rõ họ tên',
      'Ngày nhận',
      'Ghi chú',
    ]);
    expect(sheet.name).toBe('Phụ lục THPT 2024');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` });
  });

  it('writes every line in row-number order, STT as a number and the national ID as text', () => {
    const lines = appendixLines(sheet);
    expect(lines.map((r) => r.getCell(1).value)).toEqual(input.rows.map((r) => r.rowNumber));
    expect(lines[0]?.getCell(1).type).toBe(ValueType.Number);
    expect(lines.map((r) => r.getCell(2).value)).toEqual(input.rows.map((r) => r.holderId));
    expect(lines[0]?.getCell(2).type).toBe(ValueType.String);
  });

  it('shows a correction and a reissue as the register reads them, the changes in words', () => {
    const [thuy, yen, hung, anh] = appendixLines(sheet);
    expect(cellTexts(thuy as Row)).toEqual([
      1,
      '031206001000',
      'Nguyễn Thị Thuỷ',
      '18/09/2006',
      'HP 0203435',
      '',
      '',
      'Ngày sinh: 18/09/2006 → 19/09/2006',
      '201/QĐ-SGDĐT ngày 01/10/2024',
      'Nguyễn Thị Thuỷ',
      '03/10/2024',
      'Chỉnh sửa\nSố vào sổ gốc: 000017/THPT-2024',
    ]);
    expect(cellTexts(yen as Row)).toEqual([
      2,
      '031206001037',
      'Đặng Hoàng Yến',
      '09/2006',
      'HP 0203422',
      'HP 0210001',
      '000005/THPT-2024/1',
      'Họ và tên: Đặng Hoàng Yên → Đặng Hoàng Yến',
      '215/QĐ-SGDĐT ngày 15/10/2024',
      'Đặng Văn Hùng',
      '21/10/2024',
      'Cấp lại\nSố vào sổ gốc: 000005/THPT-2024\nLỗi của cơ quan cấp: in sai tên',
    ]);
    expect([hung?.getCell(4).value, hung?.getCell(CHANGES).value, hung?.getCell(10).value, hung?.getCell(11).value]).toEqual([
      '2006',
      'Giới tính: Nữ → Nam; Dân tộc: Kinh → Tày',
      '',
      '',
    ]);
    expect(anh?.getCell(CHANGES).value).toBe(
      'Ngày sinh: 09/2006 → 12/09/2006; Nơi sinh: (trống) → Xã Tiên Lãng, huyện Tiên Lãng, Hải Phòng',
    );
    expect(anh?.getCell(NOTES).value).toBe('Chỉnh sửa\nSố vào sổ gốc: 000056/THPT-2024');
  });

  it('closes with the total, the dateline and the two signature places', () => {
    const rows = sheet.getRows(1, sheet.rowCount) ?? [];
    expect(rows.some((r) => r.getCell(1).value === 'Tổng số dòng phụ lục: 12, gồm 8 chỉnh sửa và 4 cấp lại.')).toBe(true);
    const roles = rows.find((r) => r.getCell(1).value === 'Người lập sổ');
    if (!roles) throw new Error('no signature places');
    expect(roles.getCell(8).value).toBe('Thủ trưởng đơn vị');
    expect(sheet.getRow(roles.number - 1).getCell(8).value).toBe('Hải Phòng, ngày 05 tháng 01 năm 2025');
    expect([sheet.getRow(roles.number + 1).getCell(1).value, sheet.getRow(roles.number + 1).getCell(8).value]).toEqual([
      '(Ký, ghi rõ họ tên)',
      '(Ký, ghi rõ họ tên, đóng dấu)',
    ]);
    expect(roles.number).toBeGreaterThan(appendixLines(sheet).at(-1)?.number ?? Infinity);
  });

  it('titles a THCS appendix and does without a superior body or any line', async () => {
    const { sheet: thcs } = await readSheet(
      await registerAppendixToXlsx({ ...registerAppendixFixture(0), kind: 'THCS', superiorName: null }),
    );
    expect([1, 2, 3].map((r) => thcs.getCell(r, 1).value)).toEqual([
      'Sở Giáo dục và Đào tạo Hải Phòng',
      'PHỤ LỤC SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC CƠ SỞ',
      'Loại văn bằng: Bằng tốt nghiệp THCS',
    ]);
    expect(appendixLines(thcs)).toEqual([]);
  });

  it('stores decomposed (NFD) input as composed (NFC) text, in the same bytes on every run and in any time zone', async () => {
    const nfd = toNfd(registerAppendixFixture(12));
    expect(nfd.rows[0]?.fullName).not.toBe('Nguyễn Thị Thuỷ');
    const bytes = await registerAppendixToXlsx(nfd);
    const { workbook, sheet: read } = await readSheet(bytes);
    expect(appendixLines(read).map((r) => [r.getCell(3).value, r.getCell(CHANGES).value])).toEqual(
      appendixLines(sheet).map((r) => [r.getCell(3).value, r.getCell(CHANGES).value]),
    );
    expect(appendixLines(read)[1]?.getCell(3).value).toBe('Đặng Hoàng Yến'.normalize('NFC'));
    expect(workbook.created).toEqual(new Date(GENERATED_AT));
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(sha256(await registerAppendixToXlsx(registerAppendixFixture(12)))).toBe(sha256(bytes));
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
