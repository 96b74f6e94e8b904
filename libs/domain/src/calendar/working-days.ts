import type { IsoDate } from '../shared/dates';
import type { Calendar } from './holiday-calendar';

// Calendar dates are handled as UTC midnights: the machine's time zone can never shift a day.
function toUtc(date: IsoDate): Date {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year ?? NaN, (month ?? NaN) - 1, day ?? NaN));
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  const utc = toUtc(date);
  utc.setUTCDate(utc.getUTCDate() + days);
  return utc.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return toUtc(date).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

export function isWorkingDay(calendar: Calendar, date: IsoDate): boolean {
  if (calendar.makeUpWorkingDays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  return !isWeekend(date);
}

// Published years never close more than a few weeks in a row; a longer run means corrupt data, and an
// endless loop would hang the request instead of failing it.
const MAX_CLOSED_RUN = 366;

/** The first working day strictly after `date`. */
export function nextWorkingDay(calendar: Calendar, date: IsoDate): IsoDate {
  let candidate = date;
  for (let step = 0; step < MAX_CLOSED_RUN; step++) {
    candidate = addCalendarDays(candidate, 1);
    if (isWorkingDay(calendar, candidate)) return candidate;
  }
  throw new Error(`No working day within ${MAX_CLOSED_RUN} days after ${date}: the holiday calendar is corrupt.`);
}

/** The n-th working day after `date` (n = 0 gives `date` itself, working or not). */
export function addWorkingDays(calendar: Calendar, date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays needs a whole number of days ≥ 0, got ${n}.`);
  let result = date;
  for (let i = 0; i < n; i++) result = nextWorkingDay(calendar, result);
  return result;
}

/**
 * Working days after `from` up to and including `to`; negative when `to` is earlier. So that
 * addWorkingDays(c, from, workingDaysBetween(c, from, to)) === to whenever `to` is a working day after `from`.
 */
export function workingDaysBetween(calendar: Calendar, from: IsoDate, to: IsoDate): number {
  if (to < from) return -workingDaysBetween(calendar, to, from);
  let count = 0;
  for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) {
    if (isWorkingDay(calendar, day)) count++;
  }
  return count;
}

/** Whether every year from `from` to `to` has a published list, i.e. whether a count over them is final. */
export function calendarCovers(calendar: Calendar, from: IsoDate, to: IsoDate): boolean {
  const [first, last] = from <= to ? [from, to] : [to, from];
  for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) {
    if (!calendar.coveredYears.has(year)) return false;
  }
  return true;
}
