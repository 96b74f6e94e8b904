import { isIsoDate } from './dates';
import { invalidInput, type FieldProblem } from './errors';

/** Small checks shared by deciders; each returns a problem for the field or nothing. */
export function requireText(field: string, value: unknown, maxLength: number): FieldProblem | undefined {
  if (typeof value !== 'string' || value.trim().length === 0) {
    return { field, code: 'REQUIRED', messageVi: `Trường "${field}" là bắt buộc.`, messageEn: `"${field}" is required.` };
  }
  if (value.length > maxLength) {
    return {
      field,
      code: 'TOO_LONG',
      messageVi: `Trường "${field}" dài quá ${maxLength} ký tự.`,
      messageEn: `"${field}" is longer than ${maxLength} characters.`,
    };
  }
  // Names end up in registers, PDFs and HTML: markup and control characters are never legitimate.
  // eslint-disable-next-line no-control-regex -- control characters are matched in order to refuse them
  if (/[<>\u0000-\u001f\u007f]/.test(value)) {
    return {
      field,
      code: 'FORBIDDEN_CHARACTERS',
      messageVi: `Trường "${field}" chứa ký tự không được phép.`,
      messageEn: `"${field}" contains characters that are not allowed.`,
    };
  }
  return undefined;
}

export function requireOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): FieldProblem | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return undefined;
  return {
    field,
    code: 'NOT_ALLOWED_VALUE',
    messageVi: `Giá trị của "${field}" phải là một trong: ${allowed.join(', ')}.`,
    messageEn: `"${field}" must be one of: ${allowed.join(', ')}.`,
  };
}

export function requirePattern(
  field: string,
  value: unknown,
  pattern: RegExp,
  describeVi: string,
  describeEn: string,
): FieldProblem | undefined {
  if (typeof value === 'string' && pattern.test(value)) return undefined;
  return { field, code: 'BAD_FORMAT', messageVi: `"${field}" ${describeVi}.`, messageEn: `"${field}" ${describeEn}.` };
}

export function collectProblems(...problems: (FieldProblem | undefined)[]): FieldProblem[] {
  return problems.filter((problem): problem is FieldProblem => problem !== undefined);
}

/** Refuses the command with every problem found at once, each naming its field. */
export function throwIfInvalid(...problems: (FieldProblem | undefined)[]): void {
  const found = collectProblems(...problems);
  if (found.length > 0) throw invalidInput(found);
}

export function requireIsoDate(field: string, value: unknown): FieldProblem | undefined {
  if (isIsoDate(value)) return undefined;
  return {
    field,
    code: 'BAD_DATE',
    messageVi: `"${field}" phải là một ngày có thật, dạng YYYY-MM-DD.`,
    messageEn: `"${field}" must be a real calendar date as YYYY-MM-DD.`,
  };
}

export function requireOptionalText(field: string, value: unknown, maxLength: number): FieldProblem | undefined {
  return value === undefined || value === null ? undefined : requireText(field, value, maxLength);
}

/** Characters a spreadsheet reads as the start of a formula (=, +, -, @): no name or place starts with one. */
const FORMULA_TRIGGER = /^[=+\-@]/;

export function startsLikeFormula(value: string): boolean {
  return FORMULA_TRIGGER.test(value.trimStart());
}

/**
 * requireText for a person's name, a place or an organisation: also refuses a leading = + - @, which
 * would turn the text into a formula in every register exported to Excel (issue 16, `=HYPERLINK(…)`,
 * `+cmd|…`, `@SUM(…)`). Free-text notes and reasons keep requireText: a dash may open a list there.
 */
export function requirePersonText(field: string, value: unknown, maxLength: number): FieldProblem | undefined {
  const problem = requireText(field, value, maxLength);
  if (problem || typeof value !== 'string' || !startsLikeFormula(value)) return problem;
  return {
    field,
    code: 'FORMULA_TRIGGER',
    messageVi: `Trường "${field}" không được bắt đầu bằng dấu = + - hoặc @.`,
    messageEn: `"${field}" must not start with =, +, - or @.`,
  };
}
