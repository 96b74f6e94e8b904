import ExcelJS from 'exceljs';
import { readLegacyEntries } from './read-legacy-entries';

async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sổ');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const HEADER = [
  'TT',
  'Loại bằng',
  'Năm',
  'Quyển',
  'Trang',
  'Dòng',
  'Số vào sổ gốc',
  'Số hiệu văn bằng',
  'HỌ TÊN',
  'Năm sinh',
  'Quê quán',
  'Nam/Nữ',
  'Ngày ký',
];

describe('Typed paper registers from XLSX (issue 14 §4): the tolerant reader, row by row', () => {
  it('finds the header under a title, reads old kind names, partial birth dates and the typists’ marks', async () => {
    const bytes = await workbook([
      ['SỔ GỐC CẤP BẰNG TỐT NGHIỆP PHỔ THÔNG CƠ SỞ — NHẬP LẠI'],
      HEADER,
      [1, 'Phổ thông cơ sở', 1989, 2, 14, 7, '7', '', 'Lê Thị Lụa', 1974, '[không đọc được]', 'Nữ', new Date(Date.UTC(1989, 5, 30))],
    ]);
    const sheet = await readLegacyEntries(bytes, 'so-cu.xlsx');
    expect(sheet.problems).toEqual([]);
    expect(sheet.rows).toEqual([
      {
        row: 3,
        kind: 'THCS',
        year: 1989,
        volume: 2,
        entry: {
          page: 14,
          line: 7,
          fields: {
            registerNumber: '7',
            serial: null,
            fullName: 'Lê Thị Lụa',
            birthDate: '1974',
            birthPlace: null,
            sex: 'Nữ',
            ethnicity: null,
            school: null,
            classification: null,
            issueDate: '30/06/1989',
            signerName: null,
            signerTitle: null,
          },
          marks: {
            serial: 'blank',
            birthPlace: 'illegible',
            ethnicity: 'blank',
            school: 'blank',
            classification: 'blank',
            signerName: 'blank',
            signerTitle: 'blank',
          },
        },
      },
    ]);
  });

  it('reports every bad place cell with the row Excel shows, and returns no rows', async () => {
    const bytes = await workbook([HEADER, [1, 'Bằng cử nhân', 1989, 2, 14, 7], [2, 'THCS', 'năm 89', 2, 'x', 8]]);
    const sheet = await readLegacyEntries(bytes, 'so-cu.xlsx');
    expect(sheet.rows).toEqual([]);
    expect(sheet.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, 'Loại bằng', 'BAD_KIND'],
      [3, 'Năm', 'BAD_NUMBER'],
      [3, 'Trang', 'BAD_NUMBER'],
    ]);
  });

  it('refuses a file without the place columns', async () => {
    const sheet = await readLegacyEntries(
      await workbook([
        ['Họ và tên', 'Ngày sinh', 'Nơi sinh', 'Giới tính'],
        ['A', '1970', 'B', 'Nam'],
      ]),
      'x.xlsx',
    );
    expect(sheet.problems.map((p) => p.code)).toEqual([
      'MISSING_COLUMN',
      'MISSING_COLUMN',
      'MISSING_COLUMN',
      'MISSING_COLUMN',
      'MISSING_COLUMN',
    ]);
  });
});
