import { fieldForHeader, headerAliasCount, headerAliasKeyCount } from './header-aliases';
import { locateColumns } from './locate-columns';
import type { SheetRow } from './sheet';

const FIXTURE_HEADERS = [
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
const sheet = (...rows: string[][]): SheetRow[] => rows.map((cells, index) => ({ row: index + 1, cells }));

describe('header matching', () => {
  it.each([
    ['Họ và tên', 'fullName'],
    ['Ho va ten', 'fullName'],
    ['HỌ VÀ TÊN', 'fullName'],
    ['Họ tên', 'fullName'],
    ['HOTEN', 'fullName'],
    ['Họ và tên (*)', 'fullName'],
    ['Ngày sinh', 'birthDate'],
    ['Ngay sinh', 'birthDate'],
    ['NGAYTHANGNAMSINH', 'birthDate'],
    ['Ngày, tháng, năm sinh', 'birthDate'],
    ['Ngày sinh (dd/mm/yyyy)', 'birthDate'],
    ['Nơi sinh', 'birthPlace'],
    ['NOI SINH', 'birthPlace'],
    ['Giới tính', 'sex'],
    ['gioi tinh', 'sex'],
    ['Dân tộc', 'ethnicity'],
    ['DAN TOC', 'ethnicity'],
    ['Số định danh cá nhân', 'nationalId'],
    ['So dinh danh', 'nationalId'],
    ['CCCD', 'nationalId'],
    ['Số CCCD', 'nationalId'],
    ['Số CMND/CCCD', 'nationalId'],
    ['Trường', 'school'],
    ['HOCSINHTRUONG', 'school'],
    ['Lớp', 'className'],
    ['LOP', 'className'],
    ['Xếp loại', 'classification'],
    ['XEPLOAITOTNGHIEP', 'classification'],
    ['Hình thức đào tạo', 'trainingMode'],
    ['HINHTHUCDAOTAO', 'trainingMode'],
    ['Họ và tên'.normalize('NFD'), 'fullName'],
  ])('reads %j as %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it.each(['STT', 'Ghi chú', 'Số hiệu văn bằng', ''])('ignores %j', (header) => {
    expect(fieldForHeader(header)).toBeUndefined();
  });

  it('lists each alias once, so none can mean two fields', () => {
    expect(headerAliasKeyCount()).toBe(headerAliasCount());
  });
});

describe('locateColumns', () => {
  it('maps the fixture header row, keeping each header as written', () => {
    const located = locateColumns(sheet(FIXTURE_HEADERS));
    expect('layout' in located && located.layout.headerRow).toBe(1);
    expect('layout' in located && located.layout.headers).toMatchObject({
      fullName: 'Họ và tên',
      nationalId: 'Số định danh cá nhân',
      trainingMode: 'Hình thức đào tạo',
    });
    expect('layout' in located && located.layout.indexOf.get('nationalId')).toBe(6);
  });

  it('finds the header under a title block', () => {
    const located = locateColumns(
      sheet(['SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG'], ['DANH SÁCH HỌC SINH ĐƯỢC CÔNG NHẬN TỐT NGHIỆP THPT NĂM 2024'], [], FIXTURE_HEADERS),
    );
    expect('layout' in located && located.layout.headerRow).toBe(4);
  });

  it('reports each missing required column once, on the header row, and nothing about optional ones', () => {
    const located = locateColumns(sheet(['STT', 'Họ và tên', 'Ngày sinh', 'Nơi sinh', 'Giới tính', 'Trường']));
    expect('problems' in located && located.problems.map((p) => [p.row, p.code, p.field, p.column])).toEqual([
      [1, 'MISSING_COLUMN', 'ethnicity', 'Dân tộc'],
      [1, 'MISSING_COLUMN', 'nationalId', 'Số định danh cá nhân'],
      [1, 'MISSING_COLUMN', 'trainingMode', 'Hình thức đào tạo'],
    ]);
  });

  it('refuses two columns that mean the same field', () => {
    const located = locateColumns(sheet([...FIXTURE_HEADERS, 'CCCD']));
    expect('problems' in located && located.problems.map((p) => [p.code, p.field, p.column])).toEqual([
      ['DUPLICATE_COLUMN', 'nationalId', 'Số định danh cá nhân, CCCD'],
    ]);
  });
});
