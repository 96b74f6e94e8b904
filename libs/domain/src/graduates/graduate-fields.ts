/**
 * The columns of a graduate list: the register's holder columns (docs/domain.md §4.1, rows 2–7, 9, 10)
 * plus the registry-only national ID. Year and decision come from the decision the list belongs to,
 * serial and register number from printing, so they are not columns of the list.
 */
export const GRADUATE_FIELDS = [
  'fullName',
  'birthDate',
  'birthPlace',
  'sex',
  'ethnicity',
  'nationalId',
  'school',
  'className',
  'classification',
  'trainingMode',
] as const;
export type GraduateField = (typeof GRADUATE_FIELDS)[number];

/**
 * Class is not printed on the diploma (§4.7) and external candidates have none; classification exists
 * only where the template has it (§4.1 row 9, open question Q12). Every other column is required.
 */
export const OPTIONAL_GRADUATE_FIELDS: readonly GraduateField[] = ['className', 'classification'];
export const REQUIRED_GRADUATE_FIELDS: readonly GraduateField[] = GRADUATE_FIELDS.filter(
  (field) => !OPTIONAL_GRADUATE_FIELDS.includes(field),
);

/** The register's own headers: used to name a column when the file has none to quote. */
export const GRADUATE_FIELD_LABELS: Readonly<Record<GraduateField, string>> = {
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
};

/** Field → the header as it appears in the officer's file. */
export type GraduateColumns = Readonly<Partial<Record<GraduateField, string>>>;

export function columnName(columns: GraduateColumns | undefined, field: GraduateField): string {
  return columns?.[field] ?? GRADUATE_FIELD_LABELS[field];
}
