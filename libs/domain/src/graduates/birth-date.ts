import { isIsoDate, type IsoDate } from '../shared/dates';

/**
 * A date of birth as precise as the record is: "2006-09-18", or "2006-09" / "2006" for old records that
 * only kept the month or the year (docs/architecture.md §8). ISO-shaped like IsoDate, so values sort and
 * compare as strings and a full date is an IsoDate.
 */
export type BirthDate = string;

const FULL = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})$/;
const MONTH_YEAR = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/;
const YEAR = /^(\d{4})$/;
const ISO_FULL = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

export type BirthDateParse =
  { readonly ok: true; readonly value: BirthDate } | { readonly ok: false; readonly reason: 'format' | 'impossible' };

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Reads what officers type: dd/mm/yyyy (also with "." or "-", one-digit day or month), mm/yyyy, yyyy, or
 * ISO. Two-digit years are refused: "18/09/06" could be 1906 or 2006.
 */
export function parseBirthDate(text: string): BirthDateParse {
  const value = text.trim();
  let match = ISO_FULL.exec(value);
  if (match) return fullDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = FULL.exec(value);
  if (match) return fullDate(Number(match[4]), Number(match[3]), Number(match[1]));
  match = ISO_MONTH.exec(value);
  if (match) return monthDate(Number(match[1]), Number(match[2]));
  match = MONTH_YEAR.exec(value);
  if (match) return monthDate(Number(match[2]), Number(match[1]));
  match = YEAR.exec(value);
  if (match) return { ok: true, value: match[1] as string };
  return { ok: false, reason: 'format' };
}

function fullDate(year: number, month: number, day: number): BirthDateParse {
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  return isIsoDate(iso) ? { ok: true, value: iso } : { ok: false, reason: 'impossible' };
}

function monthDate(year: number, month: number): BirthDateParse {
  return month >= 1 && month <= 12 ? { ok: true, value: `${year}-${pad(month)}` } : { ok: false, reason: 'impossible' };
}

/** The first and last calendar days the (possibly partial) birth date can stand for. */
export function birthDateBounds(birthDate: BirthDate): { readonly earliest: IsoDate; readonly latest: IsoDate } {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number?, number?];
  if (day !== undefined) return { earliest: birthDate, latest: birthDate };
  if (month !== undefined) {
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return { earliest: `${birthDate}-01`, latest: `${birthDate}-${pad(lastDay)}` };
  }
  return { earliest: `${year}-01-01`, latest: `${year}-12-31` };
}

/** Completed years of age on a day; both are ISO calendar dates, so no time zone is involved. */
export function ageOn(birth: IsoDate, on: IsoDate): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

/** dd/mm/yyyy, mm/yyyy or yyyy: how a Vietnamese officer reads the date back. */
export function formatBirthDateVi(birthDate: BirthDate): string {
  return birthDate.split('-').reverse().join('/');
}
