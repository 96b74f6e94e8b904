import { isIsoDate, vietnamDateOf, type IsoDate } from './dates';
import { isIsoInstant } from '../calendar/vietnam-time';
import type { FieldProblem } from './errors';
import type { CommandContext } from './command-context';
import { requireIsoDate } from './validation';

/** No act in a Vietnamese register predates the state (2 September 1945): an earlier date is a typo. */
export const EARLIEST_ACT_DATE: IsoDate = '1945-09-02';
/** An act may be dated the day after it is recorded at most: clocks drift and midnight falls differently. */
export const FUTURE_TOLERANCE_DAYS = 1;

const addDays = (date: IsoDate, days: number): IsoDate =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The calendar date (Vietnam) on which the command was received. */
export const actedOnOf = (context: CommandContext): IsoDate => vietnamDateOf(context.occurredAt);

/**
 * actedOnOf for deciders that older specs call without a context (`undefined as never`): then only the
 * form of a date is checked. Every real write path passes the command's context.
 */
export const actedOnIfKnown = (context: CommandContext | undefined): IsoDate | undefined =>
  context === undefined ? undefined : actedOnOf(context);

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

/**
 * The date of an act that has happened by the day it is recorded (a hand-over, a decision, a
 * correction, a copy issued, a blank spoiled…): a real calendar date (BAD_DATE), not before 2 September
 * 1945 (DATE_TOO_EARLY), not after the day it is recorded plus FUTURE_TOLERANCE_DAYS (DATE_IN_FUTURE).
 * `actedOn` is the day the command was received (actedOnOf(context)); without it only the form is checked.
 */
export function requireActDate(field: string, value: unknown, actedOn: IsoDate | undefined): FieldProblem | undefined {
  return requireIsoDate(field, value) ?? (actedOn === undefined ? undefined : requirePastDate(field, value, actedOn));
}

/**
 * requirePastDate for an instant (a copy request's `receivedAt`, its dossier completed at…): its
 * calendar date in Vietnam must have come by the day the command is received (DATE_IN_FUTURE) and not
 * precede 2 September 1945 (DATE_TOO_EARLY). A value that is not an instant is left to the form check,
 * and without `actedOn` nothing is checked here (issue 16).
 */
export function requirePastInstant(field: string, value: unknown, actedOn: IsoDate | undefined): FieldProblem | undefined {
  if (actedOn === undefined || !isIsoInstant(value)) return undefined;
  const problem = requirePastDate(field, vietnamDateOf(value), actedOn);
  return (
    problem && {
      ...problem,
      messageVi: problem.messageVi.replace(vietnamDateOf(value), value),
      messageEn: problem.messageEn.replace(vietnamDateOf(value), value),
    }
  );
}

/** How far ahead a date that may be set in advance (an authority's change taking effect, a key valid until) can lie. */
export const SCHEDULED_YEARS_AHEAD = 10;

/**
 * The date of something decided in advance (a merger effective on 1 July, a seal valid until…): it may
 * lie ahead, but not beyond SCHEDULED_YEARS_AHEAD years (DATE_IN_FUTURE: 9999-12-31 is a typo, not a
 * plan), and not before 1945 (DATE_TOO_EARLY).
 */
export function requireScheduledDate(field: string, value: unknown, actedOn: IsoDate | undefined): FieldProblem | undefined {
  const form = requireIsoDate(field, value);
  if (form || actedOn === undefined || !isIsoDate(value)) return form;
  const latest = `${Number(actedOn.slice(0, 4)) + SCHEDULED_YEARS_AHEAD}${actedOn.slice(4)}`;
  if (value > latest) {
    return {
      field,
      code: 'DATE_IN_FUTURE',
      messageVi: `"${field}" (${value}) xa hơn ${SCHEDULED_YEARS_AHEAD} năm kể từ ngày ghi (${actedOn}), không thể đúng.`,
      messageEn: `"${field}" (${value}) is more than ${SCHEDULED_YEARS_AHEAD} years after the day it is recorded (${actedOn}), which cannot be right.`,
    };
  }
  // The upper bound is checked above; requirePastDate is asked with the latest date as "acted on" for the lower one.
  return value < EARLIEST_ACT_DATE ? requirePastDate(field, value, latest) : undefined;
}
