import { searchKey, type GraduateField } from '@so-goc/domain';

/**
 * Headers as offices write them: with or without diacritics, in capitals, as the field codes of their
 * diploma software (HOTEN, NGAYTHANGNAMSINH: docs/domain.md §4.7), with hints in brackets
 * ("Ngày sinh (dd/mm/yyyy)") or required-field stars. Comparison ignores all of that, so each alias is
 * listed once. Columns not listed here (STT, Ghi chú, …) are ignored.
 */
const ALIASES: Readonly<Record<GraduateField, readonly string[]>> = {
  fullName: [
    'Họ và tên',
    'Họ tên',
    'Họ và tên học sinh',
    'Họ tên học sinh',
    'Họ và tên thí sinh',
    'Họ tên thí sinh',
    'Họ và tên người học',
    'Full name',
    'Name',
  ],
  birthDate: ['Ngày sinh', 'Ngày tháng năm sinh', 'Sinh ngày', 'Năm sinh', 'Date of birth', 'Birth date', 'DOB'],
  birthPlace: ['Nơi sinh', 'Place of birth', 'Birthplace'],
  sex: ['Giới tính', 'Giới', 'Phái', 'Nam/Nữ', 'Sex', 'Gender'],
  ethnicity: ['Dân tộc', 'Ethnicity'],
  nationalId: [
    'Số định danh cá nhân',
    'Số định danh',
    'Định danh cá nhân',
    'Mã định danh',
    'Mã định danh cá nhân',
    'Số ĐDCN',
    'CCCD',
    'Số CCCD',
    'Căn cước công dân',
    'Số căn cước công dân',
    'Số căn cước',
    'CMND/CCCD',
    'Số CMND/CCCD',
    'National ID',
  ],
  school: ['Trường', 'Học sinh trường', 'Tên trường', 'Trường học', 'Trường/Trung tâm', 'School'],
  className: ['Lớp', 'Tên lớp', 'Class'],
  classification: ['Xếp loại', 'Xếp loại tốt nghiệp', 'Classification'],
  trainingMode: ['Hình thức đào tạo', 'Hình thức', 'Hệ đào tạo', 'Loại hình đào tạo', 'Training mode'],
};

export function headerKey(header: string): string {
  return searchKey(header.replace(/\([^)]*\)/g, ' ')).replace(/[^a-z0-9]/g, '');
}

const FIELD_BY_KEY: ReadonlyMap<string, GraduateField> = new Map(
  (Object.entries(ALIASES) as [GraduateField, readonly string[]][]).flatMap(([field, aliases]) =>
    aliases.map((alias) => [headerKey(alias), field] as const),
  ),
);

export function fieldForHeader(header: string): GraduateField | undefined {
  return FIELD_BY_KEY.get(headerKey(header));
}

/** Exposed so a test can prove that no alias means two fields. */
export function headerAliasCount(): number {
  return Object.values(ALIASES).reduce((sum, aliases) => sum + aliases.length, 0);
}

export function headerAliasKeyCount(): number {
  return FIELD_BY_KEY.size;
}
