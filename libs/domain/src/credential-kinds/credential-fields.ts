import type { IsoDate } from '../shared/dates';
import { isIsoDate } from '../shared/dates';
import { DomainError, type FieldProblem } from '../shared/errors';
import { requireText } from '../shared/validation';
import type { AuthorityKind } from '../authorities/authority';
import { issuerRulesFor } from './credential-catalogue';
import type { ChoiceValue, CredentialField, CredentialKindEntry, IssuerRule } from './credential-kind';

/** The values of one credential's own fields after validation: codes for choices, numbers for scores. */
export type CredentialFieldValues = Readonly<Record<string, string | number | readonly string[]>>;

export interface CheckedFields {
  readonly values: CredentialFieldValues;
  readonly problems: readonly FieldProblem[];
}

const squash = (text: string): string => text.normalize('NFC').trim().replace(/\s+/g, ' ').toUpperCase();

function findChoice(field: { values: readonly ChoiceValue[] }, raw: unknown): ChoiceValue | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const wanted = squash(String(raw));
  return field.values.find(
    (value) =>
      squash(value.code) === wanted || squash(value.vi) === wanted || (value.aliases ?? []).some((alias) => squash(alias) === wanted),
  );
}

function problem(field: string, code: string, vi: string, en: string): FieldProblem {
  return { field, code, messageVi: vi, messageEn: en };
}

function usableOn(value: ChoiceValue, date: IsoDate): boolean {
  return (value.validFrom === undefined || value.validFrom <= date) && (value.validTo === undefined || date <= value.validTo);
}

function dateProblem(field: CredentialField, value: ChoiceValue, date: IsoDate): FieldProblem {
  return problem(
    field.name,
    'VALUE_NOT_IN_FORCE',
    `"${value.vi}" (${field.labelVi}) không dùng được vào ngày ${date} (hiệu lực ${value.validFrom ?? '…'} – ${value.validTo ?? 'nay'}).`,
    `"${value.en}" (${field.labelEn}) cannot be used on ${date} (in force ${value.validFrom ?? '…'} – ${value.validTo ?? 'open'}).`,
  );
}

/**
 * Checks one credential's fields against its catalogue entry (issue 18 item 1), on the act's date: required
 * fields, choices (aliases accepted, values in force on the date, a value belonging to another field's value),
 * dates, scores within range and step. Returns every problem at once, each naming its field, so an imported
 * results list can report them per row like the graduate list does.
 */
export function checkCredentialFields(
  entry: CredentialKindEntry,
  input: Readonly<Record<string, unknown>>,
  actDate: IsoDate,
): CheckedFields {
  if (entry.fields === 'graduate-list') {
    throw new Error(`Credential kind ${entry.code} carries the graduate-list fields; validate it with the graduate module`);
  }
  const fields = entry.fields;
  const values: Record<string, string | number | readonly string[]> = {};
  const problems: FieldProblem[] = [];
  for (const field of fields) {
    const raw = input[field.name];
    const empty =
      raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '') || (Array.isArray(raw) && raw.length === 0);
    if (empty) {
      if (field.required) {
        problems.push(problem(field.name, 'REQUIRED', `Thiếu "${field.labelVi}".`, `"${field.labelEn}" is required.`));
      }
      continue;
    }
    switch (field.type) {
      case 'text': {
        const found = requireText(field.name, raw, field.maxLength);
        if (found) problems.push(found);
        else values[field.name] = String(raw).normalize('NFC').trim();
        break;
      }
      case 'date': {
        // Officers type dd/mm/yyyy; files and APIs send ISO. Both are read, and the ISO form is kept.
        const typed = typeof raw === 'string' ? raw.trim() : '';
        const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(typed);
        const text = dmy ? `${dmy[3] ?? ''}-${(dmy[2] ?? '').padStart(2, '0')}-${(dmy[1] ?? '').padStart(2, '0')}` : typed;
        if (!isIsoDate(text)) {
          problems.push(
            problem(
              field.name,
              'BAD_DATE',
              `"${field.labelVi}" phải là ngày dạng YYYY-MM-DD.`,
              `"${field.labelEn}" must be a date YYYY-MM-DD.`,
            ),
          );
        } else if (text > actDate) {
          problems.push(
            problem(
              field.name,
              'DATE_AFTER_ACT',
              `"${field.labelVi}" (${text}) sau ngày ${actDate}.`,
              `"${field.labelEn}" (${text}) is after ${actDate}.`,
            ),
          );
        } else values[field.name] = text;
        break;
      }
      case 'score': {
        const number = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim().replace(',', '.')) : Number.NaN;
        const onStep = Number.isFinite(number) && Math.abs(Math.round(number / field.step) * field.step - number) < 1e-9;
        if (!Number.isFinite(number) || number < field.min || number > field.max || !onStep) {
          problems.push(
            problem(
              field.name,
              'BAD_SCORE',
              `"${field.labelVi}" phải là điểm từ ${field.min} đến ${field.max}, bước ${field.step}.`,
              `"${field.labelEn}" must be a score from ${field.min} to ${field.max} in steps of ${field.step}.`,
            ),
          );
        } else values[field.name] = number;
        break;
      }
      case 'choice': {
        const found = findChoice(field, raw);
        if (!found) {
          problems.push(
            problem(
              field.name,
              'NOT_ALLOWED_VALUE',
              `"${field.labelVi}" phải là một trong: ${field.values.map((v) => v.vi).join(', ')}.`,
              `"${field.labelEn}" must be one of: ${field.values.map((v) => v.en).join(', ')}.`,
            ),
          );
        } else if (!usableOn(found, actDate)) problems.push(dateProblem(field, found, actDate));
        else values[field.name] = found.code;
        break;
      }
      case 'choices': {
        const items = Array.isArray(raw) ? raw : String(raw).split(/[,;]/);
        const codes: string[] = [];
        for (const item of items) {
          const found = findChoice(field, item);
          if (!found) {
            problems.push(
              problem(
                field.name,
                'NOT_ALLOWED_VALUE',
                `"${field.labelVi}": "${String(item)}" không hợp lệ.`,
                `"${field.labelEn}": "${String(item)}" is not allowed.`,
              ),
            );
          } else if (!codes.includes(found.code)) codes.push(found.code);
        }
        if (codes.length < field.minCount) {
          problems.push(
            problem(
              field.name,
              'TOO_FEW',
              `"${field.labelVi}" cần ít nhất ${field.minCount} giá trị.`,
              `"${field.labelEn}" needs at least ${field.minCount} values.`,
            ),
          );
        }
        values[field.name] = codes;
        break;
      }
    }
  }
  // A value that belongs to another field's value (a level of a framework) is checked once both are known.
  for (const field of entry.fields) {
    if (field.type !== 'choice') continue;
    const chosen = field.values.find((value) => value.code === values[field.name]);
    const when = chosen?.when;
    if (!chosen || !when) continue;
    const other = values[when.field];
    if (typeof other === 'string' && !when.in.includes(other)) {
      problems.push(
        problem(
          field.name,
          'VALUE_NOT_IN_CONTEXT',
          `"${chosen.vi}" không thuộc ${when.field} = ${other}.`,
          `"${chosen.en}" does not belong to ${when.field} = ${other}.`,
        ),
      );
    }
  }
  const unknown = Object.keys(input).filter((name) => !fields.some((field) => field.name === name));
  for (const name of unknown) {
    problems.push(
      problem(name, 'UNKNOWN_FIELD', `Loại ${entry.code} không có trường "${name}".`, `Kind ${entry.code} has no field "${name}".`),
    );
  }
  return { values, problems };
}

function wordsOf(entry: CredentialKindEntry, values: CredentialFieldValues, lang: 'vi' | 'en', name: string): string {
  if (entry.fields === 'graduate-list') return '';
  const field = entry.fields.find((candidate) => candidate.name === name);
  const value = values[name];
  if (!field || value === undefined) return '';
  if (field.type === 'choice') {
    const found = field.values.find((candidate) => candidate.code === value);
    return found ? found[lang] : String(value);
  }
  if (field.type === 'choices' && Array.isArray(value)) {
    return value.map((code) => field.values.find((candidate) => candidate.code === code)?.[lang] ?? code).join(', ');
  }
  return String(value);
}

/** The portal's words for one credential ("Chứng chỉ ngoại ngữ (tiếng Anh) theo Khung năng lực ngoại ngữ 6 bậc, Bậc 3"). */
export function credentialInWords(entry: CredentialKindEntry, values: CredentialFieldValues, lang: 'vi' | 'en' = 'vi'): string {
  const pattern = lang === 'vi' ? entry.inWordsVi : entry.inWordsEn;
  return pattern.replace(/\{([a-zA-Z]+)\}/g, (_, name: string) => wordsOf(entry, values, lang, name));
}

/** Rule 57 / §5.1: what the public lookup may show of a credential's own fields, each with its label and words. */
export function publicCredentialFields(
  entry: CredentialKindEntry,
  values: CredentialFieldValues,
): readonly { name: string; labelVi: string; labelEn: string; vi: string; en: string }[] {
  if (entry.fields === 'graduate-list') return [];
  return entry.fields
    .filter((field) => field.public && values[field.name] !== undefined)
    .map((field) => ({
      name: field.name,
      labelVi: field.labelVi,
      labelEn: field.labelEn,
      vi: wordsOf(entry, values, 'vi', field.name),
      en: wordsOf(entry, values, 'en', field.name),
    }));
}

/**
 * The competence check for a catalogue kind (issue 18 item 1: the competence table gains rows, not code): an
 * authority of `authorityKind` may issue the credential on `actDate` with these values when one issuer rule of
 * the entry covers the regime of that date, the authority kind and every limited field's value.
 */
export function requireIssuerRule(
  entry: CredentialKindEntry,
  authorityKind: AuthorityKind,
  actDate: IsoDate,
  values: CredentialFieldValues,
): IssuerRule {
  const rules = issuerRulesFor(entry, authorityKind, actDate);
  if (rules.length === 0) {
    throw new DomainError({
      code: 'ISSUER_KIND_NOT_COMPETENT',
      kind: 'rule_violation',
      messageVi: `Đơn vị loại ${authorityKind} không có thẩm quyền cấp ${entry.nameVi} vào ngày ${actDate}.`,
      messageEn: `An authority of kind ${authorityKind} may not issue ${entry.nameEn} on ${actDate}.`,
      field: 'credentialKind',
    });
  }
  const fits = rules.find((rule) =>
    Object.entries(rule.limits ?? {}).every(([name, allowed]) => {
      const value = values[name];
      return typeof value !== 'string' || allowed.includes(value);
    }),
  );
  if (!fits) {
    const limited = Object.keys(rules[0]?.limits ?? {})[0] ?? 'credentialKind';
    throw new DomainError({
      code: 'ISSUER_LIMIT_EXCEEDED',
      kind: 'rule_violation',
      messageVi: `Đơn vị loại ${authorityKind} không được cấp ${credentialInWords(entry, values, 'vi')} (${rules[0]?.legalBasis ?? ''}).`,
      messageEn: `An authority of kind ${authorityKind} may not issue ${credentialInWords(entry, values, 'en')} (${rules[0]?.legalBasis ?? ''}).`,
      field: limited,
    });
  }
  return fits;
}
