import type { IsoDate } from '../shared/dates';
import { normalizeNfcDeep } from '../shared/nfc';
import { startsLikeFormula } from '../shared/validation';
import type { DiplomaKind } from '../regimes/legal-regimes';
import { ageOn, birthDateBounds, formatBirthDateVi, parseBirthDate, type BirthDate } from './birth-date';
import { canonicalEthnicity } from './ethnicities';
import { CLASSIFICATIONS_BY_KIND, parseClassification, parseSex, parseTrainingMode, type GraduateRecord } from './graduate';
import { columnName, GRADUATE_FIELDS, OPTIONAL_GRADUATE_FIELDS, type GraduateColumns, type GraduateField } from './graduate-fields';
import { characterCount, cleanText, hasForbiddenCharacters } from './graduate-text';
import { compactNationalId, isNationalId } from './national-id';
import { byRowThenColumn, type RowProblem } from './row-problem';

/** One data row as read from a file: the cell text of each field the file has, before any cleaning. */
export interface RawGraduateRow {
  readonly row: number;
  readonly values: Readonly<Partial<Record<GraduateField, string | null>>>;
}

export interface GraduateListContext {
  readonly kind: DiplomaKind;
  /** Date of the graduation-recognition decision the list belongs to (rule 4). */
  readonly decisionDate: IsoDate;
  readonly columns?: GraduateColumns;
}

/**
 * A valid row gives a record. An invalid one gives every problem it has, one per field, plus the fields
 * that did validate, so duplicates can still be looked for and the officer sees everything at once.
 */
export type GraduateRowResult =
  { readonly record: GraduateRecord } | { readonly problems: readonly RowProblem[]; readonly valid: Partial<GraduateRecord> };

/** Text copied as written onto the diploma and the registers; the other fields are parsed into values. */
const FREE_TEXT_FIELDS: readonly GraduateField[] = ['fullName', 'birthPlace', 'school', 'className'];

const MAX_LENGTH: Readonly<Partial<Record<GraduateField, number>>> = { fullName: 100, birthPlace: 100, school: 200, className: 20 };

// A margin far below the youngest real graduate (THCS at about 14) that still catches a mistyped year
// (2016 for 2006); and above any living person, so a stray 19xx typo is caught too.
export const MIN_GRADUATION_AGE = 10;
export const MAX_GRADUATION_AGE = 100;

/**
 * Checks one row against what the register must hold (docs/domain.md §4.1, §4.7). Pure: the decision
 * date arrives in the context, never from a clock. Text is NFC-normalised first, so a decomposed name
 * and its composed spelling give the same record.
 */
export function validateGraduateRow(raw: RawGraduateRow, context: GraduateListContext): GraduateRowResult {
  const values = normalizeNfcDeep(raw.values);
  const problems: RowProblem[] = [];
  const valid: { -readonly [K in keyof GraduateRecord]?: GraduateRecord[K] } = {};

  const report = (field: GraduateField, code: string, messageVi: string, messageEn: string, value?: string) => {
    problems.push({
      row: raw.row,
      column: columnName(context.columns, field),
      field,
      code,
      messageVi,
      messageEn,
      ...(value === undefined ? {} : { value }),
    });
  };

  /** Cleaned text of a field; null when empty and allowed to be; undefined once a problem is reported. */
  const text = (field: GraduateField): string | null | undefined => {
    const column = columnName(context.columns, field);
    const value = cleanText(values[field] ?? '');
    if (value === '') {
      if (OPTIONAL_GRADUATE_FIELDS.includes(field)) return null;
      report(field, 'REQUIRED', `Cột "${column}" không được để trống.`, `"${column}" must not be empty.`);
      return undefined;
    }
    if (hasForbiddenCharacters(value)) {
      report(
        field,
        'MARKUP_IN_TEXT',
        `Cột "${column}" chứa ký tự không được phép (dấu < >, ký tự điều khiển, xuống dòng hoặc ký tự ẩn).`,
        `"${column}" contains characters that are not allowed (< >, control characters, line breaks or invisible characters).`,
        value,
      );
      return undefined;
    }
    // No name, place, school or class starts with = + - @; in a spreadsheet such a cell is a formula (issue 16).
    if (FREE_TEXT_FIELDS.includes(field) && startsLikeFormula(value)) {
      report(
        field,
        'FORMULA_TRIGGER',
        `Cột "${column}" không được bắt đầu bằng dấu = + - hoặc @.`,
        `"${column}" must not start with =, +, - or @.`,
        value,
      );
      return undefined;
    }
    const max = MAX_LENGTH[field];
    if (max !== undefined && characterCount(value) > max) {
      report(
        field,
        'TOO_LONG',
        `Cột "${column}" dài ${characterCount(value)} ký tự, vượt quá giới hạn ${max} ký tự.`,
        `"${column}" is ${characterCount(value)} characters long; the limit is ${max}.`,
        value,
      );
      return undefined;
    }
    return value;
  };

  const fullName = text('fullName');
  if (fullName) valid.fullName = fullName;
  const birthPlace = text('birthPlace');
  if (birthPlace) valid.birthPlace = birthPlace;
  const school = text('school');
  if (school) valid.school = school;
  const className = text('className');
  if (className !== undefined) valid.className = className;

  const birthText = text('birthDate');
  if (birthText) {
    const birthDate = checkBirthDate(birthText, context, (code, vi, en) => report('birthDate', code, vi, en, birthText));
    if (birthDate) valid.birthDate = birthDate;
  }

  const sexText = text('sex');
  if (sexText) {
    const sex = parseSex(sexText);
    if (sex) valid.sex = sex;
    else
      report(
        'sex',
        'UNKNOWN_SEX',
        `Giới tính "${sexText}" không hợp lệ; ghi "Nam" hoặc "Nữ".`,
        `Sex "${sexText}" is not valid; write "Nam" or "Nữ".`,
        sexText,
      );
  }

  const ethnicityText = text('ethnicity');
  if (ethnicityText) {
    const ethnicity = canonicalEthnicity(ethnicityText);
    if (ethnicity) valid.ethnicity = ethnicity;
    else
      report(
        'ethnicity',
        'UNKNOWN_ETHNICITY',
        `Dân tộc "${ethnicityText}" không có trong danh mục 54 dân tộc Việt Nam.`,
        `Ethnicity "${ethnicityText}" is not one of Vietnam's 54 ethnic groups.`,
        ethnicityText,
      );
  }

  const idText = text('nationalId');
  if (idText) {
    const nationalId = compactNationalId(idText);
    if (isNationalId(nationalId)) valid.nationalId = nationalId;
    else
      report(
        'nationalId',
        'BAD_NATIONAL_ID',
        `Số định danh cá nhân "${idText}" phải gồm đúng 12 chữ số, bắt đầu bằng mã tỉnh 001–096.`,
        `National ID "${idText}" must be exactly 12 digits starting with a province code 001–096.`,
        idText,
      );
  }

  const classificationText = text('classification');
  if (classificationText === null) valid.classification = null;
  else if (classificationText) {
    const allowed = CLASSIFICATIONS_BY_KIND[context.kind];
    const classification = parseClassification(classificationText);
    if (allowed.length === 0) {
      report(
        'classification',
        'CLASSIFICATION_NOT_ALLOWED',
        `Bằng tốt nghiệp ${context.kind} không ghi xếp loại; để trống cột này.`,
        `${context.kind} diplomas carry no classification; leave this column empty.`,
        classificationText,
      );
    } else if (classification && allowed.includes(classification)) valid.classification = classification;
    else
      report(
        'classification',
        'UNKNOWN_CLASSIFICATION',
        `Xếp loại "${classificationText}" không hợp lệ; để trống hoặc ghi một trong: ${allowed.join(', ')}.`,
        `Classification "${classificationText}" is not valid; leave it empty or write one of: ${allowed.join(', ')}.`,
        classificationText,
      );
  }

  const modeText = text('trainingMode');
  if (modeText) {
    const trainingMode = parseTrainingMode(modeText);
    if (trainingMode) valid.trainingMode = trainingMode;
    else
      report(
        'trainingMode',
        'UNKNOWN_TRAINING_MODE',
        `Hình thức đào tạo "${modeText}" không hợp lệ; ghi "Chính quy" hoặc "Giáo dục thường xuyên" (GDTX).`,
        `Training mode "${modeText}" is not valid; write "Chính quy" or "Giáo dục thường xuyên" (GDTX).`,
        modeText,
      );
  }

  if (problems.length > 0) return { problems: problems.sort(byRowThenColumn(GRADUATE_FIELDS)), valid };
  // Rebuilt in field order so every record serialises the same way whatever order the checks ran in.
  return { record: Object.fromEntries(GRADUATE_FIELDS.map((field) => [field, valid[field]])) as unknown as GraduateRecord };
}

function checkBirthDate(
  text: string,
  context: GraduateListContext,
  report: (code: string, messageVi: string, messageEn: string) => void,
): BirthDate | undefined {
  const parsed = parseBirthDate(text);
  if (!parsed.ok) {
    if (parsed.reason === 'impossible')
      report('BAD_DATE', `Ngày sinh "${text}" không có thật trên lịch.`, `Date of birth "${text}" is not a real calendar date.`);
    else
      report(
        'BAD_DATE',
        `Ngày sinh "${text}" không đúng dạng ngày/tháng/năm (dd/mm/yyyy); hồ sơ cũ chỉ có tháng/năm hoặc năm thì ghi mm/yyyy hoặc yyyy.`,
        `Date of birth "${text}" is not dd/mm/yyyy (old records may give mm/yyyy or yyyy).`,
      );
    return undefined;
  }
  const { earliest, latest } = birthDateBounds(parsed.value);
  const shown = formatBirthDateVi(parsed.value);
  const decision = formatBirthDateVi(context.decisionDate);
  if (earliest > context.decisionDate) {
    report(
      'FUTURE_BIRTH_DATE',
      `Ngày sinh ${shown} sau ngày quyết định công nhận tốt nghiệp (${decision}).`,
      `Date of birth ${shown} is after the graduation decision date (${context.decisionDate}).`,
    );
    return undefined;
  }
  // A partial date is only refused when every day it can stand for gives an implausible age.
  const oldestPossible = ageOn(earliest, context.decisionDate);
  const youngestPossible = ageOn(latest, context.decisionDate);
  if (oldestPossible < MIN_GRADUATION_AGE || youngestPossible > MAX_GRADUATION_AGE) {
    const age = oldestPossible < MIN_GRADUATION_AGE ? oldestPossible : youngestPossible;
    report(
      'IMPLAUSIBLE_AGE',
      `Với ngày sinh ${shown}, người học ${age} tuổi vào ngày quyết định (${decision}); tuổi khi tốt nghiệp phải từ ${MIN_GRADUATION_AGE} đến ${MAX_GRADUATION_AGE}, hãy kiểm tra lại năm sinh.`,
      `Born ${shown}, the graduate is ${age} on the decision date (${context.decisionDate}); a graduate must be ${MIN_GRADUATION_AGE} to ${MAX_GRADUATION_AGE}.`,
    );
    return undefined;
  }
  return parsed.value;
}
