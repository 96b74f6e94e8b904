import { findDuplicates, type DuplicateCandidate, type EarlierGraduate } from './duplicates';

const person = (
  row: number,
  nationalId: string,
  fullName: string,
  birthDate = '2006-03-23',
  school = 'THPT An Dương',
): DuplicateCandidate => ({ row, nationalId, fullName, birthDate, school });

const summary = (problems: ReturnType<typeof findDuplicates>) => problems.map((p) => `${p.row}:${p.code}`);

describe('findDuplicates', () => {
  it('finds nothing in a list of different people', () => {
    expect(findDuplicates([person(2, '034206911454', 'Phạm Gia Hoà'), person(3, '034206878346', 'Vũ Thành Anh')])).toEqual([]);
  });

  it('reports a national ID repeated inside the file on the later row, naming the first', () => {
    const problems = findDuplicates([
      person(42, '034206911454', 'Phạm Diệu Trang'),
      person(2, '034206911454', 'Phạm Gia Hoà'),
      person(90, '034206911454', 'Lê Văn Tám'),
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        row: 42,
        field: 'nationalId',
        column: 'Số định danh cá nhân',
        code: 'DUPLICATE_NATIONAL_ID_IN_FILE',
        messageVi: 'Số định danh cá nhân 034206911454 trùng với dòng 2.',
      }),
      expect.objectContaining({
        row: 90,
        code: 'DUPLICATE_NATIONAL_ID_IN_FILE',
        messageEn: 'National ID 034206911454 is the same as on row 2.',
      }),
    ]);
  });

  it('reports the same person twice in a file whatever the diacritics, case or tone placement', () => {
    const problems = findDuplicates([
      person(2, '031206000001', 'Nguyễn Ngọc Thủy'),
      person(7, '031206000002', 'nguyen ngoc THUỶ'),
      person(9, '031206000003', 'Nguyễn Ngọc Thuỷ', '2006-03-23', 'thpt an duong'),
      person(11, '031206000004', 'Nguyễn Ngọc Thủy', '2006-03-24'),
      person(12, '031206000005', 'Nguyễn Ngọc Thủy', '2006-03-23', 'THPT Kiến An'),
    ]);
    expect(summary(problems)).toEqual(['7:DUPLICATE_PERSON_IN_FILE', '9:DUPLICATE_PERSON_IN_FILE']);
    expect(problems[0]).toMatchObject({
      field: 'fullName',
      column: 'Họ và tên',
      messageVi: 'Trùng người với dòng 2: cùng họ tên, ngày sinh và trường (nguyen ngoc THUỶ, 23/03/2006, THPT An Dương).',
    });
  });

  it('needs equally precise birth dates to call two people the same', () => {
    expect(
      findDuplicates([person(2, '031206000001', 'Lê Văn Hoà', '2006'), person(3, '031206000002', 'Lê Văn Hòa', '2006-03-23')]),
    ).toEqual([]);
  });

  it('checks rows that failed validation with whatever did validate', () => {
    expect(summary(findDuplicates([person(2, '034206911454', 'Phạm Gia Hoà'), { row: 5, nationalId: '034206911454' }]))).toEqual([
      '5:DUPLICATE_NATIONAL_ID_IN_FILE',
    ]);
  });

  describe('against earlier decisions (rule 1)', () => {
    const earlier: EarlierGraduate[] = [
      {
        nationalId: '034206911454',
        fullName: 'Phạm Gia Hoà',
        birthDate: '2006-04-29',
        school: 'THPT Thái Phiên',
        decisionRef: '1234/QĐ-SGDĐT ngày 15/07/2023',
      },
      {
        nationalId: '030206000777',
        fullName: 'Trần Thị Thủy',
        birthDate: '2006-01-05',
        school: 'THPT An Dương',
        decisionRef: '1234/QĐ-SGDĐT ngày 15/07/2023',
      },
    ];

    it('reports a national ID already recognised, naming the earlier decision', () => {
      const problems = findDuplicates([person(4, '034206911454', 'Phạm Gia Hòa', '2006-04-29', 'THPT Thái Phiên')], earlier, {
        nationalId: 'CCCD',
        fullName: 'HO TEN',
      });
      expect(summary(problems)).toEqual(['4:DUPLICATE_NATIONAL_ID_IN_EARLIER_DECISION', '4:DUPLICATE_PERSON_IN_EARLIER_DECISION']);
      expect(problems[0]).toMatchObject({ column: 'CCCD', value: '034206911454' });
      expect(problems[0]?.messageVi).toContain('quyết định 1234/QĐ-SGDĐT ngày 15/07/2023');
      expect(problems[1]).toMatchObject({ column: 'HO TEN', field: 'fullName' });
    });

    it('reports the same person under a different ID', () => {
      const problems = findDuplicates([person(6, '030206999999', 'TRAN THI THUY', '2006-01-05')], earlier);
      expect(summary(problems)).toEqual(['6:DUPLICATE_PERSON_IN_EARLIER_DECISION']);
      expect(problems[0]?.messageEn).toBe(
        'TRAN THI THUY, 05/01/2006, THPT An Dương was already recognised by decision 1234/QĐ-SGDĐT ngày 15/07/2023; a diploma is issued once (rule 1).',
      );
    });
  });
});
