import { createHash } from 'node:crypto';
import { ValueType, type Row, type Worksheet } from 'exceljs';
import { readSheet } from '../testing/read-xlsx';
import { registerBookToXlsx } from './register-book-xlsx';
import { GENERATED_AT, registerBookFixture, toNfd } from './testing/register-book-fixture';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const HEADER_ROW = 7;
const REGISTER_NUMBER = 12;

const allRows = (sheet: Worksheet): Row[] => sheet.getRows(1, sheet.rowCount) ?? [];
const cellTexts = (row: Row): unknown[] => (row.values as unknown[]).slice(1);
/** Register lines are the rows whose register-number cell holds one. */
const registerLines = (sheet: Worksheet): Row[] =>
  allRows(sheet).filter((r) => /\/THPT-2024$/.test(String(r.getCell(REGISTER_NUMBER).value ?? '')));

function rowStartingWith(sheet: Worksheet, text: string): Row {
  const row = allRows(sheet).find((r) => r.getCell(1).value === text);
  if (!row) throw new Error(`no row starts with "${text}"`);
  return row;
}

describe('registerBookToXlsx', () => {
  const input = registerBookFixture(40);
  let sheet: Worksheet;

  beforeAll(async () => {
    ({ sheet } = await readSheet(await registerBookToXlsx(input)));
  });

  it('opens with the superior, the issuing body, the title, the kind and the year, then the fifteen columns of §4.1', () => {
    expect([1, 2, 3, 4, 5].map((r) => sheet.getCell(r, 1).value)).toEqual([
      'Ủy ban nhân dân thành phố Hải Phòng',
      'Sở Giáo dục và Đào tạo Hải Phòng',
      'SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG',
      'Loại văn bằng: Bằng tốt nghiệp THPT',
      'Năm: 2024',
    ]);
    expect(cellTexts(sheet.getRow(HEADER_ROW))).toEqual([
      'STT',
      'Họ và tên',
      'Ngày tháng năm sinh',
      'Nơi sinh',
      'Giới tính',
      'Dân tộc',
      'Học sinh trường / Lớp',
      'Năm tốt nghiệp',
      'Xếp loại',
      'Hình thức đào tạo',
      'Số hiệu văn bằng',
      'Số vào sổ gốc',
      'Người nhận ký, ghi rõ họ tên',
      'Ngày nhận',
      'Ghi chú',
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` });
  });

  it('heads each section with its decision, exam session, signer, issue date and place', () => {
    expect([8, 9, 10, 11].map((r) => sheet.getCell(r, 1).value)).toEqual([
      'Quyết định công nhận tốt nghiệp số 125/QĐ-SGDĐT ngày 20/07/2024',
      'Kỳ thi: Kỳ thi tốt nghiệp THPT năm 2024',
      'Người ký văn bằng: Nguyễn Văn An (Giám đốc)',
      'Ngày cấp: 10/08/2024 – Nơi cấp: Hải Phòng',
    ]);
    const second = rowStartingWith(sheet, 'Quyết định công nhận tốt nghiệp số 140/QĐ-SGDĐT ngày 05/09/2024');
    expect(sheet.getCell(second.number + 1, 1).value).toBe('Người ký văn bằng: Trần Thị Bình (Phó Giám đốc)');
    expect(sheet.getRow(second.number - 1).getCell(REGISTER_NUMBER).value).toBe('000020/THPT-2024');
    expect(sheet.getRow(second.number + 3).getCell(REGISTER_NUMBER).value).toBe('000021/THPT-2024');
  });

  it('writes every line in register-number order, numbered through the book', () => {
    const lines = registerLines(sheet);
    const expected = input.sections.flatMap((s) => s.rows);
    expect(lines.map((r) => r.getCell(REGISTER_NUMBER).value)).toEqual(expected.map((r) => r.registerNumber));
    expect(lines.map((r) => r.getCell(1).value)).toEqual(expected.map((_, i) => i + 1));
    expect(lines[0]?.getCell(1).type).toBe(ValueType.Number);
  });

  it('writes the cells as the register reads them: partial birth dates, Nam/Nữ, dd/mm/yyyy text, notes in words', () => {
    const [thuy, yen, hung, anh] = registerLines(sheet);
    expect(cellTexts(thuy as Row)).toEqual([
      1,
      'Nguyễn Thị Thuỷ',
      '18/09/2006',
      'Hải Phòng',
      'Nữ',
      'Kinh',
      'Trường THPT Ngô Quyền, lớp 12A1',
      '2024',
      'Giỏi',
      'Chính quy',
      'HP 0203418',
      '000001/THPT-2024',
      'Nguyễn Thị Thuỷ',
      '20/08/2024',
      'Phôi HP 0203417 in hỏng (In sai) ngày 12/08/2024, thay bằng phôi HP 0203418',
    ]);
    expect(cellTexts(yen as Row).slice(1, 10)).toEqual([
      'Đặng Hoàng Yến',
      '09/2006',
      'Xã Tiên Lãng, huyện Tiên Lãng, Hải Phòng',
      'Nữ',
      'Sán Dìu',
      'Trường THPT Lê Quý Đôn',
      '2024',
      '',
      'Giáo dục thường xuyên',
    ]);
    expect(yen?.getCell(15).value).toBe('Người nhận thay: Đặng Văn Hùng (giấy ủy quyền 15/UQ-2024)');
    expect([
      hung?.getCell(2).value,
      hung?.getCell(3).value,
      hung?.getCell(5).value,
      hung?.getCell(11).value,
      hung?.getCell(13).value,
      hung?.getCell(14).value,
    ]).toEqual(['Lê Quốc Hưng', '2006', 'Nam', '', '', '']);
    expect(anh?.getCell(15).value).toBe('Mất trước khi phát, biên bản 03/BB-SGDĐT ngày 25/08/2024, đã báo Công an phường Lê Chân');
    expect(anh?.getCell(3).type).toBe(ValueType.String);
  });

  it('closes with the total and the two signature places', () => {
    expect(rowStartingWith(sheet, 'Tổng số văn bằng vào sổ: 40, theo 2 quyết định công nhận tốt nghiệp.')).toBeDefined();
    const roles = rowStartingWith(sheet, 'Người lập sổ');
    expect(roles.getCell(9).value).toBe('Thủ trưởng đơn vị');
    expect(sheet.getRow(roles.number - 1).getCell(9).value).toBe('Hải Phòng, ngày 05 tháng 01 năm 2025');
    expect([sheet.getRow(roles.number + 1).getCell(1).value, sheet.getRow(roles.number + 1).getCell(9).value]).toEqual([
      '(Ký, ghi rõ họ tên)',
      '(Ký, ghi rõ họ tên, đóng dấu)',
    ]);
    expect(roles.number).toBeGreaterThan(registerLines(sheet).at(-1)?.number ?? Infinity);
  });

  it('titles a THCS book and does without a superior body', async () => {
    const { sheet: thcs } = await readSheet(await registerBookToXlsx({ ...registerBookFixture(3, 1), kind: 'THCS', superiorName: null }));
    expect(thcs.getCell('A1').value).toBe('Sở Giáo dục và Đào tạo Hải Phòng');
    expect(thcs.getCell('A2').value).toBe('SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC CƠ SỞ');
    expect(thcs.getCell('A3').value).toBe('Loại văn bằng: Bằng tốt nghiệp THCS');
  });

  it('stores decomposed (NFD) input as composed (NFC) text, in identical bytes', async () => {
    const nfd = toNfd(registerBookFixture(10));
    expect(nfd.sections[0]?.rows[0]?.fullName).not.toBe('Nguyễn Thị Thuỷ');
    const bytes = await registerBookToXlsx(nfd);
    const { sheet: read } = await readSheet(bytes);
    expect(registerLines(read).map((r) => r.getCell(2).value)).toEqual(
      registerBookFixture(10).sections.flatMap((s) => s.rows.map((r) => r.fullName.normalize('NFC'))),
    );
    expect(read.getCell('A1').value).toBe('Ủy ban nhân dân thành phố Hải Phòng'.normalize('NFC'));
    expect(sha256(bytes)).toBe(sha256(await registerBookToXlsx(registerBookFixture(10))));
  });

  it('is deterministic: dated from generatedAt, byte-identical across runs and server time zones', async () => {
    const { workbook } = await readSheet(await registerBookToXlsx(input));
    expect(workbook.created).toEqual(new Date(GENERATED_AT));
    const first = sha256(await registerBookToXlsx(registerBookFixture(40)));
    expect(sha256(await registerBookToXlsx(registerBookFixture(40)))).toBe(first);
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(sha256(await registerBookToXlsx(registerBookFixture(40)))).toBe(first);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
