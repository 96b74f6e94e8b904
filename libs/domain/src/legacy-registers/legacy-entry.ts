import { isIsoDate, type IsoDate } from '../shared/dates';
import type { FieldProblem } from '../shared/errors';
import { birthDateBounds, parseBirthDate, type BirthDate } from '../graduates/birth-date';
import { characterCount, cleanText, hasForbiddenCharacters } from '../graduates/graduate-text';
import { searchKey } from '../graduates/vietnamese-names';
import type { Sex } from '../graduates/graduate';

/**
 * The columns of an old sổ gốc line (docs/domain.md §4.1), kept as the book wrote them: numbers and
 * serials in whatever format that year used, names and places under their old spelling and old
 * administrative names. Only dates and sex are read into a canonical form, because lookups and the
 * "born after issue" check need them; the typed text is what the register shows.
 */
export const LEGACY_ENTRY_FIELDS = [
  'registerNumber',
  'serial',
  'fullName',
  'birthDate',
  'birthPlace',
  'sex',
  'ethnicity',
  'school',
  'classification',
  'issueDate',
  'signerName',
  'signerTitle',
  'remarks',
] as const;
export type LegacyEntryField = (typeof LEGACY_ENTRY_FIELDS)[number];

/** Why a field has no value: the book left it empty, or the ink cannot be read. */
export const LEGACY_FIELD_MARKS = ['illegible', 'blank'] as const;
export type LegacyFieldMark = (typeof LEGACY_FIELD_MARKS)[number];

export interface LegacyEntryFields {
  readonly registerNumber: string | null;
  readonly serial: string | null;
  readonly fullName: string | null;
  /** "1980", "1980-05" or "1980-05-12": as precise as the book is. */
  readonly birthDate: BirthDate | null;
  readonly birthPlace: string | null;
  readonly sex: Sex | null;
  readonly ethnicity: string | null;
  readonly school: string | null;
  readonly classification: string | null;
  readonly issueDate: IsoDate | null;
  readonly signerName: string | null;
  readonly signerTitle: string | null;
  readonly remarks: string | null;
}

const MAX_LENGTH: Record<LegacyEntryField, number> = {
  registerNumber: 40,
  serial: 40,
  fullName: 120,
  birthDate: 20,
  birthPlace: 200,
  sex: 10,
  ethnicity: 60,
  school: 200,
  classification: 40,
  issueDate: 20,
  signerName: 120,
  signerTitle: 120,
  remarks: 500,
};

const SEX_BY_KEY: Readonly<Record<string, Sex>> = { nam: 'male', nu: 'female' };

const problem = (field: string, code: string, messageVi: string, messageEn: string): FieldProblem => ({
  field,
  code,
  messageVi,
  messageEn,
});

/** Reads one line's values into their stored form; every problem is named by `prefix.fields.<name>`. */
export function readLegacyFields(
  prefix: string,
  raw: Partial<Record<LegacyEntryField, string | null>>,
  marks: Partial<Record<LegacyEntryField, LegacyFieldMark>>,
): { fields: LegacyEntryFields; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const values = {} as Record<LegacyEntryField, string | null>;
  for (const name of LEGACY_ENTRY_FIELDS) {
    const path = `${prefix}.fields.${name}`;
    const input = raw[name];
    const text = typeof input === 'string' ? cleanText(input) : null;
    const value = text === null || text === '' ? null : text;
    const mark = marks[name];
    values[name] = null;
    if (mark !== undefined && !(LEGACY_FIELD_MARKS as readonly string[]).includes(mark)) {
      problems.push(
        problem(
          `${prefix}.marks.${name}`,
          'UNKNOWN_MARK',
          `Dấu của trường "${name}" phải là "illegible" (không đọc được) hoặc "blank" (sổ để trống).`,
          `The mark of "${name}" must be "illegible" or "blank".`,
        ),
      );
      continue;
    }
    if (value !== null && mark !== undefined) {
      problems.push(
        problem(
          path,
          'MARKED_FIELD_HAS_VALUE',
          `Trường "${name}" vừa có giá trị vừa được đánh dấu "${mark}".`,
          `"${name}" has a value and is also marked "${mark}".`,
        ),
      );
      continue;
    }
    // Rule 19: the register is copied exactly, so an empty field must say whether the book is empty there
    // or the typist could not read it; a silent gap would be indistinguishable from a typing slip.
    if (value === null) {
      if (mark === undefined && name !== 'remarks') {
        problems.push(
          problem(
            path,
            'FIELD_UNACCOUNTED',
            `Trường "${name}" trống: ghi rõ sổ để trống hay không đọc được.`,
            `"${name}" is empty: mark it blank in the book or illegible.`,
          ),
        );
      }
      continue;
    }
    if (characterCount(value) > MAX_LENGTH[name]) {
      problems.push(
        problem(
          path,
          'TOO_LONG',
          `Trường "${name}" dài quá ${MAX_LENGTH[name]} ký tự.`,
          `"${name}" is longer than ${MAX_LENGTH[name]} characters.`,
        ),
      );
      continue;
    }
    if (hasForbiddenCharacters(value)) {
      problems.push(
        problem(
          path,
          'FORBIDDEN_CHARACTERS',
          `Trường "${name}" chứa ký tự không được phép.`,
          `"${name}" contains characters that are not allowed.`,
        ),
      );
      continue;
    }
    const read = readValue(name, value);
    if (typeof read === 'object') {
      problems.push({ ...read, field: path });
      continue;
    }
    values[name] = read;
  }
  return { fields: { ...values, sex: values.sex as Sex | null }, problems };
}

function readValue(name: LegacyEntryField, value: string): string | FieldProblem {
  switch (name) {
    case 'birthDate': {
      const parsed = parseBirthDate(value);
      if (parsed.ok) return parsed.value;
      return problem(
        name,
        'BAD_BIRTH_DATE',
        `Ngày sinh "${value}" không hợp lệ (dd/mm/yyyy, mm/yyyy hoặc yyyy).`,
        `Birth date "${value}" is not valid (dd/mm/yyyy, mm/yyyy or yyyy).`,
      );
    }
    case 'issueDate': {
      const parsed = parseBirthDate(value);
      if (parsed.ok && isIsoDate(parsed.value)) return parsed.value;
      return problem(
        name,
        'BAD_ISSUE_DATE',
        `Ngày cấp "${value}" phải là một ngày đầy đủ có thật (dd/mm/yyyy).`,
        `Issue date "${value}" must be a full real date (dd/mm/yyyy).`,
      );
    }
    case 'sex': {
      const sex = SEX_BY_KEY[searchKey(value)];
      return sex ?? problem(name, 'BAD_SEX', `Giới tính "${value}" phải là "Nam" hoặc "Nữ".`, `Sex "${value}" must be "Nam" or "Nữ".`);
    }
    default:
      return value;
  }
}

/** Rule 25 by analogy: nobody is issued a diploma before being born, even when only the year is known. */
export function bornAfterIssue(birthDate: BirthDate | null, issueDate: IsoDate | null): boolean {
  return birthDate !== null && issueDate !== null && birthDateBounds(birthDate).earliest > issueDate;
}

/** Register numbers compare as written but without case and spacing noise ("12/THPT" = "12 / thpt"). */
export function registerNumberKey(registerNumber: string): string {
  return registerNumber.toLowerCase().replace(/\s+/g, '');
}
