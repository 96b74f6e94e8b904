import { readGraduateList, type GraduateList } from './read-graduate-list';
import { fixture, THCS_2024, THPT_2024 } from './testing/fixture-files';
import { readXlsxSheet } from './xlsx-sheet';

const rowCodes = (list: GraduateList) => list.problems.map((p) => `${p.row} ${p.column}: ${p.code}`);

describe('readGraduateList on the clean THPT 2024 list', () => {
  let csv: GraduateList;
  let xlsx: GraduateList;
  beforeAll(async () => {
    csv = await readGraduateList(fixture('graduates-thpt-2024.csv'), 'graduates-thpt-2024.csv', THPT_2024);
    xlsx = await readGraduateList(fixture('graduates-thpt-2024.xlsx'), 'graduates-thpt-2024.xlsx', THPT_2024);
  });

  it('reads 2,000 graduates and no problem from the CSV (UTF-8 with BOM)', () => {
    expect(csv.problems).toEqual([]);
    expect(csv.records).toHaveLength(2000);
    expect(csv.records[0]).toEqual({
      row: 2,
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
    });
    expect(csv.records.at(-1)?.row).toBe(2001);
  });

  it('reports which header it used for each field', () => {
    expect(csv.columns).toEqual({
      fullName: 'Họ và tên',
      birthDate: 'Ngày sinh',
      birthPlace: 'Nơi sinh',
      sex: 'Giới tính',
      ethnicity: 'Dân tộc',
      nationalId: 'Số định danh cá nhân',
      school: 'Trường',
      className: 'Lớp',
      classification: 'Xếp loại',
      trainingMode: 'Hình thức đào tạo',
    });
  });

  it('reads the same 2,000 records from the XLSX, whose dates are date cells and whose IDs became numbers', async () => {
    const sheet = await readXlsxSheet(fixture('graduates-thpt-2024.xlsx'));
    expect(sheet[1]?.cells[2]).toEqual(new Date('2006-09-18T00:00:00.000Z'));
    expect(sheet[1]?.cells[6]).toBe(22206193630);

    expect(xlsx.problems).toEqual([]);
    expect(xlsx.records).toHaveLength(2000);
    expect(xlsx.records).toEqual(csv.records);
  });

  it('restored the zeros: every ID has 12 digits, those of the provinces 001–009 lost two of them', () => {
    expect(xlsx.records.every((r) => /^\d{12}$/.test(r.nationalId))).toBe(true);
    expect(xlsx.records.filter((r) => r.nationalId.startsWith('00')).length).toBeGreaterThan(0);
  });

  it('measures reading and validating the 2,000-row XLSX (printed, not asserted)', async () => {
    const bytes = fixture('graduates-thpt-2024.xlsx');
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await readGraduateList(bytes, 'graduates-thpt-2024.xlsx', THPT_2024);
      runs.push(performance.now() - started);
    }
    const sorted = [...runs].sort((a, b) => a - b);
    console.info(
      `2,000-row XLSX read + validated: median ${sorted[2]?.toFixed(0)} ms, min ${sorted[0]?.toFixed(0)} ms, max ${sorted[4]?.toFixed(0)} ms over 5 runs`,
    );
  });
});

describe('readGraduateList on the THCS 2024 list with decomposed (NFD) names', () => {
  it('reads 500 graduates, all text in NFC, with their classification', async () => {
    const bytes = fixture('graduates-thcs-2024-nfd.csv');
    const raw = new TextDecoder().decode(bytes);
    expect(raw).not.toBe(raw.normalize('NFC'));

    const list = await readGraduateList(bytes, 'graduates-thcs-2024-nfd.csv', THCS_2024);
    expect(list.problems).toEqual([]);
    expect(list.records).toHaveLength(500);
    for (const record of list.records) {
      for (const value of Object.values(record)) if (typeof value === 'string') expect(value).toBe(value.normalize('NFC'));
    }
    expect(list.records[1]).toMatchObject({ row: 3, fullName: 'Nguyễn Phương Hạnh', birthPlace: 'Thanh Hóa', classification: 'Khá' });
    expect(list.records[1]?.fullName).toBe('Nguyễn Phương Hạnh'.normalize('NFC'));
    expect(new Set(list.records.map((r) => r.classification))).toEqual(new Set(['Giỏi', 'Khá', 'Trung bình']));
  });
});

/**
 * The bad list, read by hand (data row = spreadsheet row; the header is row 1). Twelve rows were
 * spoiled; the extra-spaces one (row 49) is cleaned, not refused.
 */
const BAD_ROWS = [
  '7 Ngày sinh: BAD_DATE', //                             31/02/2006
  '14 Họ và tên: REQUIRED', //                            empty name
  '21 Ngày sinh: BAD_DATE', //                            15/13/2006
  '28 Giới tính: UNKNOWN_SEX', //                         "M"
  '35 Ngày sinh: FUTURE_BIRTH_DATE', //                   01/01/2025
  '42 Số định danh cá nhân: DUPLICATE_NATIONAL_ID_IN_FILE', // 034206911454, as row 2
  '56 Ngày sinh: BAD_DATE', //                            "ngày 5 tháng 9"
  '63 Số định danh cá nhân: BAD_NATIONAL_ID', //          12345
  '70 Họ và tên: MARKUP_IN_TEXT', //                      Trần Thị <script>alert(1)</script>
  '77 Nơi sinh: TOO_LONG', //                             300 × "x"
  '84 Dân tộc: UNKNOWN_ETHNICITY', //                     "Không rõ"
];

describe.each(['graduates-thpt-2024-bad.csv', 'graduates-thpt-2024-bad.xlsx'])('readGraduateList on %s', (name) => {
  let list: GraduateList;
  beforeAll(async () => {
    list = await readGraduateList(fixture(name), name, THPT_2024);
  });

  it('reports every bad row at once, with its row number, column and code', () => {
    expect(rowCodes(list)).toEqual(BAD_ROWS);
  });

  it('explains each problem in Vietnamese and English and quotes the bad value', () => {
    for (const problem of list.problems) {
      expect(problem.messageVi).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵóòọõỏôộổỗồốơờớợởỡéèẻẹẽêếềệểễúùụủũưựữửừứíìịỉĩýỳỷỵỹđ]/i);
      expect(problem.messageEn.length).toBeGreaterThan(10);
    }
    expect(list.problems.find((p) => p.row === 42)?.messageVi).toBe('Số định danh cá nhân 034206911454 trùng với dòng 2.');
    expect(list.problems.find((p) => p.row === 28)?.value).toBe('M');
    expect(list.problems.find((p) => p.row === 63)?.value).toBe('12345');
  });

  it('cleans the extra spaces of row 49 instead of refusing the row', () => {
    expect(list.records.find((r) => r.row === 49)).toMatchObject({
      fullName: 'Nguyễn Văn An',
      nationalId: '034206660563',
      ethnicity: "H'Mông",
    });
  });

  it('holds back every row with a problem and keeps the 189 others for preview', () => {
    expect(list.records).toHaveLength(200 - BAD_ROWS.length);
    const bad = new Set(list.problems.map((p) => p.row));
    expect(list.records.some((r) => bad.has(r.row))).toBe(false);
  });
});

describe('readGraduateList against earlier decisions', () => {
  it('reports people of the file that an earlier decision already recognised (rule 1)', async () => {
    const clean = await readGraduateList(fixture('graduates-thpt-2024.csv'), 'x.csv', THPT_2024);
    const [first, second] = clean.records;
    if (!first || !second) throw new Error('fixture too short');
    const earlier = [
      {
        nationalId: first.nationalId,
        fullName: first.fullName,
        birthDate: first.birthDate,
        school: first.school,
        decisionRef: '812/QĐ-SGDĐT',
      },
      {
        nationalId: '001206000001',
        fullName: second.fullName.normalize('NFD').toUpperCase(),
        birthDate: second.birthDate,
        school: second.school,
        decisionRef: '95/QĐ-SGDĐT',
      },
    ];
    const list = await readGraduateList(fixture('graduates-thpt-2024.csv'), 'x.csv', { ...THPT_2024, earlier });
    expect(rowCodes(list)).toEqual([
      '2 Họ và tên: DUPLICATE_PERSON_IN_EARLIER_DECISION',
      '2 Số định danh cá nhân: DUPLICATE_NATIONAL_ID_IN_EARLIER_DECISION',
      '3 Họ và tên: DUPLICATE_PERSON_IN_EARLIER_DECISION',
    ]);
    expect(list.problems[1]?.messageVi).toContain('812/QĐ-SGDĐT');
    expect(list.problems[2]?.messageVi).toContain('95/QĐ-SGDĐT');
    expect(list.records).toHaveLength(1998);
  });
});
