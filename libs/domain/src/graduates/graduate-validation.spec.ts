import type { RowProblem } from './row-problem';
import type { GraduateRecord } from './graduate';
import { validateGraduateRow, type GraduateListContext, type GraduateRowResult, type RawGraduateRow } from './graduate-validation';

const CONTEXT: GraduateListContext = { kind: 'THPT', decisionDate: '2024-07-20' };

const GOOD: RawGraduateRow['values'] = {
  fullName: 'Lê Đình Quân',
  birthDate: '18/09/2006',
  birthPlace: 'Điện Biên',
  sex: 'Nam',
  ethnicity: 'Kinh',
  nationalId: '022206193630',
  school: 'THPT An Dương',
  className: '12A3',
  classification: '',
  trainingMode: 'Chính quy',
};

const validate = (values: RawGraduateRow['values'], context: GraduateListContext = CONTEXT, row = 5): GraduateRowResult =>
  validateGraduateRow({ row, values: { ...GOOD, ...values } }, context);

function recordOf(result: GraduateRowResult): GraduateRecord {
  if (!('record' in result)) throw new Error(`expected a record, got ${JSON.stringify(result.problems)}`);
  return result.record;
}

function problemsOf(result: GraduateRowResult): readonly RowProblem[] {
  if ('record' in result) throw new Error('expected problems, got a record');
  return result.problems;
}

const codes = (result: GraduateRowResult) => problemsOf(result).map((p) => `${p.field}:${p.code}`);

describe('validateGraduateRow', () => {
  it('turns a good row into a record of canonical values', () => {
    expect(recordOf(validate({}))).toEqual({
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
  });

  it('composes decomposed (NFD) text before anything else', () => {
    const nfd = (text: string) => text.normalize('NFD');
    const record = recordOf(
      validate(
        {
          fullName: nfd('Nguyễn Phương Hạnh'),
          birthPlace: nfd('Thanh Hóa'),
          sex: nfd('Nữ'),
          ethnicity: nfd("H'Mông"),
          school: nfd('THCS Đằng Hải'),
          classification: nfd('Khá'),
        },
        { kind: 'THCS', decisionDate: '2024-06-10' },
      ),
    );
    expect(record.fullName).toBe('Nguyễn Phương Hạnh'.normalize('NFC'));
    expect(record.birthPlace).toBe('Thanh Hóa'.normalize('NFC'));
    expect(record.school).toBe('THCS Đằng Hải'.normalize('NFC'));
    expect(record).toMatchObject({ sex: 'female', ethnicity: "H'Mông", classification: 'Khá' });
  });

  it('cleans spaces instead of refusing them: trims, collapses runs, turns non-breaking spaces into spaces', () => {
    const record = recordOf(validate({ fullName: 'Nguyễn  Văn   An ', birthPlace: '\u00a0Hải\u00a0Phòng', school: ' THPT  Lê Chân' }));
    expect(record).toMatchObject({ fullName: 'Nguyễn Văn An', birthPlace: 'Hải Phòng', school: 'THPT Lê Chân' });
  });

  it.each([
    ['Nam', 'male'],
    ['nam', 'male'],
    ['NAM', 'male'],
    ['Nữ', 'female'],
    ['nữ', 'female'],
    ['Nu', 'female'],
    [' Nữ ', 'female'],
  ])('reads sex %j as %s', (sex, expected) => {
    expect(recordOf(validate({ sex })).sex).toBe(expected);
  });

  it.each(['M', 'F', 'Male', 'Nam/Nữ', '1'])('refuses sex %j with UNKNOWN_SEX', (sex) => {
    expect(codes(validate({ sex }))).toEqual(['sex:UNKNOWN_SEX']);
  });

  it.each([
    ['Chính quy', 'regular'],
    ['chinh quy', 'regular'],
    ['CQ', 'regular'],
    ['Giáo dục thường xuyên', 'continuing'],
    ['GDTX', 'continuing'],
  ])('reads training mode %j as %s', (trainingMode, expected) => {
    expect(recordOf(validate({ trainingMode })).trainingMode).toBe(expected);
  });

  it('refuses an unknown training mode', () => {
    expect(codes(validate({ trainingMode: 'Tại chức' }))).toEqual(['trainingMode:UNKNOWN_TRAINING_MODE']);
  });

  it.each(['THCS', 'THPT'] as const)('accepts an empty or a known classification for %s (Q12 unresolved)', (kind) => {
    const context = { kind, decisionDate: '2024-07-20' };
    expect(recordOf(validate({ classification: '' }, context)).classification).toBeNull();
    expect(recordOf(validate({ classification: 'gioi' }, context)).classification).toBe('Giỏi');
    expect(recordOf(validate({ classification: 'Trung Bình' }, context)).classification).toBe('Trung bình');
    expect(recordOf(validate({ classification: 'TB' }, context)).classification).toBe('Trung bình');
    expect(codes(validate({ classification: 'Xuất sắc' }, context))).toEqual(['classification:UNKNOWN_CLASSIFICATION']);
  });

  it('accepts a list without class or classification columns', () => {
    const { className: _c, classification: _x, ...rest } = GOOD;
    expect(recordOf(validateGraduateRow({ row: 2, values: rest }, CONTEXT))).toMatchObject({ className: null, classification: null });
  });

  it('keeps partial birth dates of old records', () => {
    expect(recordOf(validate({ birthDate: '09/2006' })).birthDate).toBe('2006-09');
    expect(recordOf(validate({ birthDate: '2006' })).birthDate).toBe('2006');
  });

  it('restores nothing itself but accepts a grouped ID', () => {
    expect(recordOf(validate({ nationalId: '022 206 193 630' })).nationalId).toBe('022206193630');
  });

  it.each([
    ['31/02/2006', 'BAD_DATE', 'không có thật'],
    ['15/13/2006', 'BAD_DATE', 'không có thật'],
    ['ngày 5 tháng 9', 'BAD_DATE', 'dd/mm/yyyy'],
    ['01/01/2025', 'FUTURE_BIRTH_DATE', 'sau ngày quyết định'],
    ['2025', 'FUTURE_BIRTH_DATE', 'sau ngày quyết định'],
    ['01/01/2016', 'IMPLAUSIBLE_AGE', '8 tuổi'],
    ['1920', 'IMPLAUSIBLE_AGE', '103 tuổi'],
  ])('refuses birth date %j with %s', (birthDate, code, words) => {
    const [problem] = problemsOf(validate({ birthDate }));
    expect(problem).toMatchObject({ row: 5, field: 'birthDate', column: 'Ngày sinh', code, value: birthDate });
    expect(problem?.messageVi).toContain(words);
  });

  it('refuses a partial date only when every day it stands for is implausible', () => {
    // Born in 2014: 10 on 20/07/2024 only if born by 20/07/2014, so the year alone is not refused.
    expect(recordOf(validate({ birthDate: '2014' })).birthDate).toBe('2014');
    expect(codes(validate({ birthDate: '08/2014' }))).toEqual(['birthDate:IMPLAUSIBLE_AGE']);
  });

  it.each(['12345', '22206193630', '0222061936301', '02220619363O', '000206193630', '099206193630'])(
    'refuses national ID %j',
    (nationalId) => {
      expect(codes(validate({ nationalId }))).toEqual(['nationalId:BAD_NATIONAL_ID']);
    },
  );

  it.each([
    ['fullName', 'Trần Thị <script>alert(1)</script>'],
    ['fullName', 'Trần Thị\nBình'],
    ['fullName', 'Trần\u200bThị Bình'],
    ['birthPlace', 'Hải Phòng\u0007'],
    ['school', 'THPT <b>An Dương</b>'],
  ] as const)('refuses markup or control characters in %s', (field, value) => {
    expect(codes(validate({ [field]: value }))).toEqual([`${field}:MARKUP_IN_TEXT`]);
  });

  it('limits lengths: name 100, place 100, school 200, class 20', () => {
    expect(
      recordOf(
        validate({ fullName: `Nguyễn ${'A'.repeat(93)}`, birthPlace: 'x'.repeat(100), school: 's'.repeat(200), className: 'c'.repeat(20) }),
      ),
    ).toBeDefined();
    const result = validate({
      fullName: `Nguyễn ${'A'.repeat(94)}`,
      birthPlace: 'x'.repeat(300),
      school: 's'.repeat(201),
      className: 'c'.repeat(21),
    });
    expect(codes(result)).toEqual(['fullName:TOO_LONG', 'birthPlace:TOO_LONG', 'school:TOO_LONG', 'className:TOO_LONG']);
    expect(problemsOf(result)[1]?.messageVi).toBe('Cột "Nơi sinh" dài 300 ký tự, vượt quá giới hạn 100 ký tự.');
  });

  it('counts characters, not UTF-16 units or decomposed marks, toward a limit', () => {
    expect(recordOf(validate({ className: 'Ạ'.normalize('NFD').repeat(20) })).className).toBe('Ạ'.repeat(20));
  });

  it('reports every problem of a row at once, and the fields that did validate', () => {
    const result = validate({
      fullName: '  ',
      birthDate: '31/02/2006',
      sex: 'M',
      ethnicity: 'Không rõ',
      nationalId: '12345',
      trainingMode: '',
    });
    expect(codes(result)).toEqual([
      'fullName:REQUIRED',
      'birthDate:BAD_DATE',
      'sex:UNKNOWN_SEX',
      'ethnicity:UNKNOWN_ETHNICITY',
      'nationalId:BAD_NATIONAL_ID',
      'trainingMode:REQUIRED',
    ]);
    expect('valid' in result && result.valid).toEqual({
      birthPlace: 'Điện Biên',
      school: 'THPT An Dương',
      className: '12A3',
      classification: null,
    });
  });

  it('names the column as the file wrote it, in Vietnamese and English', () => {
    const [problem] = problemsOf(
      validateGraduateRow({ row: 9, values: { ...GOOD, fullName: '' } }, { ...CONTEXT, columns: { fullName: 'HO VA TEN' } }),
    );
    expect(problem).toEqual({
      row: 9,
      column: 'HO VA TEN',
      field: 'fullName',
      code: 'REQUIRED',
      messageVi: 'Cột "HO VA TEN" không được để trống.',
      messageEn: '"HO VA TEN" must not be empty.',
    });
  });

  it('treats a missing required value like an empty one', () => {
    const { ethnicity: _e, ...rest } = GOOD;
    expect(codes(validateGraduateRow({ row: 3, values: rest }, CONTEXT))).toEqual(['ethnicity:REQUIRED']);
  });
});

describe('validateGraduateRow refuses text a spreadsheet would run as a formula (issue 16)', () => {
  it.each(['=HYPERLINK("http://evil.example","Bấm")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(1+1)', '  =1+1'])(
    'a full name, place, school or class starting like %j',
    (attack) => {
      expect(codes(validate({ fullName: attack, birthPlace: attack, school: attack, className: attack }))).toEqual([
        'fullName:FORMULA_TRIGGER',
        'birthPlace:FORMULA_TRIGGER',
        'school:FORMULA_TRIGGER',
        'className:FORMULA_TRIGGER',
      ]);
    },
  );

  it('keeps the characters where real names have them: a hyphen or @ inside, not at the start', () => {
    expect(
      recordOf(validate({ fullName: 'Nguyễn Thị Thu-Hà', birthPlace: 'Bà Rịa - Vũng Tàu', school: 'THPT Số 1 @ Tiên Lãng' })).birthPlace,
    ).toBe('Bà Rịa - Vũng Tàu');
  });

  it('still refuses control characters in names (rule on markup and control characters)', () => {
    expect(codes(validate({ fullName: 'Lê\u0007Quân' }))).toEqual(['fullName:MARKUP_IN_TEXT']);
  });
});
