import { isIsoDate, vietnamDateOf, type IsoDate } from './dates';
import type { FieldProblem } from './errors';
import type { CommandContext } from './command-context';

/** No act in a Vietnamese register predates the state (2 September 1945): an earlier date is a typo. */
export const EARLIEST_ACT_DATE: IsoDate = '1945-09-02';
/** An act may be dated the day after it is recorded at most: clocks drift and midnight falls differently. */
export const FUTURE_TOLERANCE_DAYS = 1;

const addDays = (date: IsoDate, days: number): IsoDate =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The calendar date (Vietnam) on which the command was received. */
export const actedOnOf = (context: CommandContext): IsoDate => vietnamDateOf(context.occurredAt);

/**
 * The date of something that has already happened when it is recorded (a receipt, a hand-over, a
 * destruction): not after the day it is recorded (plus FUTURE_TOLERANCE_DAYS), not before `notBefore`.
 * `receivedOn: 9999-12-31` is refused here (issue 16). A value that is not a date at all is left to
 * requireIsoDate, so it is reported once.
 */
export function requirePastDate(
  field: string,
  value: unknown,
  actedOn: IsoDate,
  notBefore: IsoDate = EARLIEST_ACT_DATE,
): FieldProblem | undefined {
  if (!isIsoDate(value)) return undefined;
  const latest = addDays(actedOn, FUTURE_TOLERANCE_DAYS);
  if (value > latest) {
    return {
      field,
      code: 'DATE_IN_FUTURE',
      messageVi: `"${field}" (${value}) là ngày trong tương lai; việc này phải đã xảy ra trước ngày ghi (${actedOn}).`,
      messageEn: `"${field}" (${value}) is in the future; it must have happened by the day it is recorded (${actedOn}).`,
    };
  }
  if (value < notBefore) {
    return {
      field,
      code: 'DATE_TOO_EARLY',
      messageVi: `"${field}" (${value}) sớm hơn ${notBefore}, không thể đúng.`,
      messageEn: `"${field}" (${value}) is before ${notBefore}, which cannot be right.`,
    };
  }
  return undefined;
}

/**
 * requirePastDate for every date of a command that records past facts: its `…On` fields and the `date`
 * of the documents it cites (delivery notes, minutes, decisions), looked for a few levels deep.
 */
export function pastDateProblems(command: object, actedOn: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const walk = (value: object, path: string, depth: number) => {
    for (const [key, inner] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (typeof inner === 'string' && (/On$/.test(key) || (key === 'date' && path !== ''))) {
        const problem = requirePastDate(field, inner, actedOn);
        if (problem) problems.push(problem);
      } else if (inner !== null && typeof inner === 'object' && !Array.isArray(inner) && depth < 3) walk(inner, field, depth + 1);
    }
  };
  walk(command, '', 0);
  return problems;
}
