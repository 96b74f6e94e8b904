import { Workbook } from 'exceljs';
import { readGraduateList, type GraduateList } from './read-graduate-list';
import { THPT_2024 } from './testing/fixture-files';

const HEADERS = [
  'STT',
  'Họ và tên',
  'Ngày sinh',
  'Nơi sinh',
  'Giới tính',
  'Dân tộc',
  'Số định danh cá nhân',
  'Trường',
  'Lớp',
  'Xếp loại',
  'Hình thức đào tạo',
];
const ROW = ['1', 'Lê Đình Quân', '18/09/2006', 'Điện Biên', 'Nam', 'Kinh', '022206193630', 'THPT An Dương', '12A3', '', 'Chính quy'];
const EXPECTED = {
  fullName: 'Lê Đình Quân',
  birthDate: '2006-09-18',
  birthPlace: 'Điện Biên',
  sex: 'male',
  ethnicity: 'Kinh',
  nationalId: '022206193630',
  school: 'THPT An Dương',
  className: '12A3',
  classification: null,
  trainingMode: 'regular',
};

const utf8 = (text: string) => new TextEncoder().encode(text);
const read = (bytes: Uint8Array, name = 'list.csv') => readGraduateList(bytes, name, THPT_2024);
const codes = (list: GraduateList) => list.problems.map((p) => `${p.row}:${p.code}`);

async function xlsx(build: (sheet: import('exceljs').Worksheet) => void): Promise<Uint8Array> {
  const workbook = new Workbook();
  build(workbook.addWorksheet('Danh sách'));
  workbook.addWorksheet('Ghi chú').addRow(['Only the first sheet is read']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('CSV files as offices save them', () => {
  const csv = (rows: string[][], delimiter = ',') => rows.map((row) => row.join(delimiter)).join('\r\n');

  it.each([
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(csv([HEADERS, ROW]))])],
    ['UTF-8 without BOM', utf8(csv([HEADERS, ROW]))],
    ['";" as delimiter', utf8(`\uFEFF${csv([HEADERS, ROW], ';')}`)],
    [
      'UTF-16LE "Unicode text" with tabs',
      new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(csv([HEADERS, ROW], '\t'), 'utf16le'))]),
    ],
  ])('reads %s', async (_label, bytes) => {
    const list = await read(bytes);
    expect(list.problems).toEqual([]);
    expect(list.records).toEqual([{ row: 2, ...EXPECTED }]);
  });

  it('reads quoted values that hold the delimiter, quotes or line breaks', async () => {
    const text = `${HEADERS.join(';')}\n1;"Lê ""Tí"" Quân";18/09/2006;"Điện Biên; Việt Nam";Nam;Kinh;022206193630;"THPT An Dương";12A3;;Chính quy\n`;
    const list = await read(utf8(text));
    expect(list.records[0]).toMatchObject({ fullName: 'Lê "Tí" Quân', birthPlace: 'Điện Biên; Việt Nam' });
  });

  it('matches headers written without diacritics, in capitals, with hints and in another order', async () => {
    const headers = [
      'TT',
      'HO VA TEN',
      'NGAYTHANGNAMSINH',
      'GIOI TINH',
      'NOI SINH',
      'DAN TOC',
      'SO CCCD',
      'TRUONG',
      'LOP',
      'HINH THUC DAO TAO',
      'GHI CHU',
    ];
    const row = [
      '1',
      'Lê Đình Quân',
      '18/09/2006',
      'Nam',
      'Điện Biên',
      'Kinh',
      '022206193630',
      'THPT An Dương',
      '12A3',
      'Chính quy',
      'chuyển trường',
    ];
    const list = await read(utf8(csv([headers, row])));
    expect(list.problems).toEqual([]);
    expect(list.records).toEqual([{ row: 2, ...EXPECTED }]);
    expect(list.columns).toMatchObject({ fullName: 'HO VA TEN', nationalId: 'SO CCCD', sex: 'GIOI TINH' });
    expect(list.columns).not.toHaveProperty('classification');
  });

  it('names columns in problems as the file writes them', async () => {
    const list = await read(
      utf8(
        csv([
          ['HO TEN', 'NGAY SINH', 'NOI SINH', 'GIOI TINH', 'DAN TOC', 'CCCD', 'TRUONG', 'HE DAO TAO'],
          ['', '18/09/2006', 'Điện Biên', 'Nam', 'Kinh', '022206193630', 'THPT An Dương', 'Chính quy'],
        ]),
      ),
    );
    expect(list.problems).toEqual([
      expect.objectContaining({ row: 2, column: 'HO TEN', code: 'REQUIRED', messageVi: 'Cột "HO TEN" không được để trống.' }),
    ]);
  });

  it('keeps spreadsheet row numbers across blank lines and multi-line cells, and skips blank rows', async () => {
    const text = [
      HEADERS.join(','),
      ROW.join(','),
      '',
      ',,,,,,,,,,',
      '"3","Lê Văn\nAn",18/09/2006,Điện Biên,Nam,Kinh,022206193631,THPT An Dương,12A3,,Chính quy',
      ROW.join(',').replace('022206193630', '022206193632').replace('Lê Đình Quân', 'Lê Đình Quang'),
    ].join('\n');
    const list = await read(utf8(text));
    // The line break pasted into the name is refused; the row after it is still row 6.
    expect(codes(list)).toEqual(['5:MARKUP_IN_TEXT']);
    expect(list.records.map((r) => r.row)).toEqual([2, 6]);
  });

  it('skips rows that only carry a pre-filled STT', async () => {
    const list = await read(utf8(csv([HEADERS, ROW, ['2', '', '', '', '', '', '', '', '', '', ''], ['3']])));
    expect(list.problems).toEqual([]);
    expect(list.records).toHaveLength(1);
  });

  it('does not guess lost zeros in a CSV ID: text is taken as typed', async () => {
    const list = await read(utf8(csv([HEADERS, ROW.map((cell) => (cell === '022206193630' ? '22206193630' : cell))])));
    expect(codes(list)).toEqual(['2:BAD_NATIONAL_ID']);
  });

  it('stops at a missing required column with one problem per column on the header row', async () => {
    const list = await read(utf8(csv([HEADERS.filter((h) => h !== 'Dân tộc'), ROW.filter((c) => c !== 'Kinh')])));
    expect(list.problems).toEqual([expect.objectContaining({ row: 1, column: 'Dân tộc', field: 'ethnicity', code: 'MISSING_COLUMN' })]);
    expect(list.records).toEqual([]);
  });

  it('reports a list with a header and no rows, or no text at all', async () => {
    expect(codes(await read(utf8(`${HEADERS.join(',')}\r\n\r\n`)))).toEqual(['0:NO_ROWS']);
    expect(codes(await read(utf8('\uFEFF\r\n')))).toEqual(['0:NO_ROWS']);
    expect(codes(await read(new Uint8Array()))).toEqual(['0:NO_ROWS']);
  });

  it('reports a quote that never closes', async () => {
    expect(codes(await read(utf8(`${HEADERS.join(',')}\n1,"Lê Đình Quân,18/09/2006\n`)))).toEqual(['2:CSV_UNTERMINATED_QUOTE']);
  });

  it('refuses text that is not UTF-8 rather than garbling Vietnamese (Windows-1258 "CSV")', async () => {
    const cp1258 = new Uint8Array([...utf8('STT,H'), 0xd4, ...utf8(' va t'), 0xea, ...utf8('n\r\n')]);
    expect(codes(await read(cp1258))).toEqual(['0:BAD_ENCODING']);
  });
});

describe('telling the format by content', () => {
  it('reads a workbook whatever its name says', async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(HEADERS);
      sheet.addRow(ROW);
    });
    expect((await read(bytes, 'danh-sach.csv')).records).toEqual([{ row: 2, ...EXPECTED }]);
  });

  it('reads a CSV saved with an .xlsx name', async () => {
    expect((await read(utf8([HEADERS, ROW].map((r) => r.join(',')).join('\n')), 'danh-sach.xlsx')).records).toHaveLength(1);
  });

  it.each([
    ['a legacy .xls (OLE2)', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'UNSUPPORTED_FORMAT'],
    ['a web page saved as .xls', utf8('<html><body><table><tr><td>Họ và tên</td></tr></table></body></html>'), 'UNSUPPORTED_FORMAT'],
    [
      'an OpenDocument spreadsheet',
      new Uint8Array([
        0x50,
        0x4b,
        3,
        4,
        ...new Array<number>(26).fill(0),
        ...utf8('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'),
      ]),
      'UNSUPPORTED_FORMAT',
    ],
    ['a damaged workbook', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3, 4, 5]), 'UNREADABLE_FILE'],
  ])('refuses %s with one file problem', async (_label, bytes, code) => {
    const list = await read(bytes, 'danh-sach.xls');
    expect(list.problems).toEqual([expect.objectContaining({ row: 0, code, field: 'file' })]);
    expect(list.problems[0]?.messageVi).toContain('danh-sach.xls');
  });
});

describe('XLSX cells as offices fill them', () => {
  it('reads title blocks, rich text, formulas, hyperlinks, merged cells, number IDs and date cells', async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(['SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG']);
      sheet.addRow(['DANH SÁCH HỌC SINH ĐƯỢC CÔNG NHẬN TỐT NGHIỆP THPT NĂM 2024']);
      sheet.addRow([]);
      sheet.addRow(HEADERS.map((h) => h.toUpperCase()));
      sheet.addRow([
        1,
        { richText: [{ text: 'Lê Đình ' }, { font: { bold: true }, text: 'Quân' }] },
        new Date(Date.UTC(2006, 8, 18)),
        'Điện Biên',
        'Nam',
        'Kinh',
        22206193630,
        'THPT An Dương',
        '12A3',
        null,
        'Chính quy',
      ]);
      sheet.addRow([
        2,
        'Trần Thị Hoà',
        new Date(Date.UTC(2006, 0, 4, 23, 59, 59, 999)),
        { formula: 'D5', result: 'Điện Biên' },
        'Nữ',
        'Tày',
        1206861780,
        { text: 'THPT An Dương', hyperlink: 'https://example.edu.vn' },
        '12A1',
        null,
        'GDTX',
      ]);
      sheet.addRow([3, 'Phạm Văn Cường', 2006, 'Hải Phòng', 'Nam', 'Kinh', 12345, 'THPT Lê Chân', '12A2', 'Khá', 'Chính quy']);
      sheet.addRow([
        4,
        'Vũ Thị Dung',
        new Date(Date.UTC(2006, 4, 1)),
        'Hải Phòng',
        'Nữ',
        'Kinh',
        '031206000004',
        'THPT Lê Chân',
        12,
        null,
        'Chính quy',
      ]);
      sheet.addRow([
        5,
        'Đỗ Minh Hải',
        new Date(Date.UTC(2006, 4, 2)),
        'Hải Phòng',
        'Nam',
        'Kinh',
        '031206000005',
        null,
        12,
        null,
        'Chính quy',
      ]);
      sheet.mergeCells('H8:H9');
      for (const row of [5, 6]) sheet.getCell(`C${row}`).numFmt = 'dd/mm/yyyy';
    });
    const list = await read(bytes, 'danh-sach.xlsx');
    expect(codes(list)).toEqual(['7:BAD_NATIONAL_ID']);
    expect(list.problems[0]?.value).toBe('12345');
    expect(list.records).toEqual([
      { row: 5, ...EXPECTED },
      expect.objectContaining({
        row: 6,
        fullName: 'Trần Thị Hoà',
        birthDate: '2006-01-05',
        birthPlace: 'Điện Biên',
        nationalId: '001206861780',
        school: 'THPT An Dương',
        trainingMode: 'continuing',
      }),
      expect.objectContaining({ row: 8, className: '12', school: 'THPT Lê Chân' }),
      expect.objectContaining({ row: 9, school: 'THPT Lê Chân', birthDate: '2006-05-02' }),
    ]);
    expect(list.records).toHaveLength(4);
  });

  it('reads a year typed into a number cell as a partial birth date', async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(HEADERS);
      sheet.addRow([1, 'Phạm Văn Cường', 1988, 'Hải Phòng', 'Nam', 'Kinh', '031088000001', 'Trung tâm GDTX Hải Phòng', null, null, 'GDTX']);
    });
    expect((await read(bytes)).records[0]).toMatchObject({ birthDate: '1988', trainingMode: 'continuing', className: null });
  });
});
