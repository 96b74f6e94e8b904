import { appendixClosing, noteText, rowTexts, totalLine } from './register-appendix-content';
import {
  REGISTER_APPENDIX_COLUMNS,
  REGISTER_APPENDIX_TITLE,
  registerAppendixTitle,
  type RegisterAppendixChange,
} from './register-appendix-export';
import { appendixActionLabel, changeText, changesText } from './register-appendix-labels';
import { registerAppendixFixture } from './testing/register-appendix-fixture';

describe('register appendix wording', () => {
  it('words each changed field in Vietnamese: dates as precisely as known, sex as Nam/Nữ', () => {
    const changes: RegisterAppendixChange[] = [
      { field: 'birthDate', before: '2006-09-18', after: '2006-09-19' },
      { field: 'fullName', before: 'Đặng Hoàng Yên', after: 'Đặng Hoàng Yến' },
      { field: 'birthDate', before: '2006', after: '2006-09' },
      { field: 'birthPlace', before: 'Thái Bình', after: 'Quảng Ninh' },
      { field: 'sex', before: 'female', after: 'male' },
      { field: 'ethnicity', before: 'Kinh', after: 'Sán Dìu' },
    ];
    expect(changes.map(changeText)).toEqual([
      'Ngày sinh: 18/09/2006 → 19/09/2006',
      'Họ và tên: Đặng Hoàng Yên → Đặng Hoàng Yến',
      'Ngày sinh: 2006 → 09/2006',
      'Nơi sinh: Thái Bình → Quảng Ninh',
      'Giới tính: Nữ → Nam',
      'Dân tộc: Kinh → Sán Dìu',
    ]);
    expect(changesText(changes.slice(0, 2))).toBe('Ngày sinh: 18/09/2006 → 19/09/2006; Họ và tên: Đặng Hoàng Yên → Đặng Hoàng Yến');
    expect(changesText([])).toBe('');
  });

  it('marks a value the register did not have, prints unknown codes as they are, and refuses a malformed date', () => {
    expect(changeText({ field: 'birthPlace', before: ' ', after: 'Hải Phòng' })).toBe('Nơi sinh: (trống) → Hải Phòng');
    expect(changeText({ field: 'sex', before: 'nu', after: 'male' })).toBe('Giới tính: nu → Nam');
    expect(changeText({ field: 'schoolName', before: 'A', after: 'B' } as unknown as RegisterAppendixChange)).toBe('schoolName: A → B');
    expect(appendixActionLabel('revocation')).toBe('revocation');
    expect(() => changeText({ field: 'birthDate', before: '2006-09-18', after: '2006-13' })).toThrow(RangeError);
  });

  it('titles the appendix after its book and lists the columns of §4.2', () => {
    expect(REGISTER_APPENDIX_TITLE).toBe('PHỤ LỤC SỔ GỐC CẤP BẰNG TỐT NGHIỆP');
    expect(registerAppendixTitle('THPT')).toBe('PHỤ LỤC SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG');
    expect(registerAppendixTitle('THCS')).toBe('PHỤ LỤC SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC CƠ SỞ');
    expect(REGISTER_APPENDIX_COLUMNS).toHaveLength(12);
  });

  it('fills a line: the act and the book line in the notes, the decision with its date, nothing for what is not yet known', () => {
    const [thuy, yen, hung] = registerAppendixFixture(3).rows;
    if (!thuy || !yen || !hung) throw new Error('fixture too short');
    expect(rowTexts(thuy)).toEqual([
      '1',
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
    expect(noteText(yen)).toBe('Cấp lại\nSố vào sổ gốc: 000005/THPT-2024\nLỗi của cơ quan cấp: in sai tên');
    expect(rowTexts(hung).slice(9)).toEqual(['', '', 'Chỉnh sửa\nSố vào sổ gốc: 000043/THPT-2024']);
  });

  it('counts corrections and reissues, and dates the closing even without a place', () => {
    const appendix = registerAppendixFixture(4);
    expect(totalLine(appendix)).toBe('Tổng số dòng phụ lục: 4, gồm 3 chỉnh sửa và 1 cấp lại.');
    expect(appendixClosing(appendix).dateline).toBe('Hải Phòng, ngày 05 tháng 01 năm 2025');
    const { place: _place, ...unplaced } = appendix;
    expect(appendixClosing({ ...unplaced, rows: [], generatedAt: '2024-12-31T18:00:00.000Z' })).toEqual({
      total: 'Tổng số dòng phụ lục: 0, gồm 0 chỉnh sửa và 0 cấp lại.',
      dateline: '……………, ngày 01 tháng 01 năm 2025',
    });
  });
});
