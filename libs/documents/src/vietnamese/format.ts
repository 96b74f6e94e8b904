import { isIsoDate, vietnamDateOf } from '@so-goc/domain';

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** Calendar dates may arrive as ISO dates or, from some callers, as instants; both print as the Vietnamese calendar day. */
export function toIsoDate(value: string): string {
  if (isIsoDate(value)) return value;
  if (Number.isNaN(Date.parse(value))) throw new RangeError(`Not an ISO date: ${JSON.stringify(value)}`);
  return vietnamDateOf(value);
}

export function formatDateVi(value: string): string {
  const [year, month, day] = toIsoDate(value).split('-');
  return `${day}/${month}/${year}`;
}

/** "ngày 05 tháng 01 năm 2025", the dateline of administrative documents. */
export function formatLongDateVi(value: string): string {
  const [year, month, day] = toIsoDate(value).split('-');
  return `ngày ${day} tháng ${month} năm ${year}`;
}

/**
 * UTC midnight of the calendar day: exceljs converts dates to serial numbers in UTC, so this yields a
 * whole-day serial that every spreadsheet shows as the same day whatever its time zone.
 */
export function toSpreadsheetDate(value: string): Date {
  return new Date(`${toIsoDate(value)}T00:00:00.000Z`);
}

export function parseInstant(value: string): Date {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new RangeError(`Not an ISO instant: ${JSON.stringify(value)}`);
  return new Date(time);
}

/** Officers read times in Vietnam time (UTC+7, no daylight saving), whatever the server's zone. */
export function formatInstantVi(value: string): string {
  const local = new Date(parseInstant(value).getTime() + VIETNAM_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())} ngày ${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}

/** Written by hand rather than with Intl so the output does not depend on the ICU data Node was built with. */
export function formatNumberVi(value: number): string {
  if (!Number.isInteger(value)) throw new RangeError(`Quantities are whole numbers: ${value}`);
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return value < 0 ? `-${digits}` : digits;
}

export function periodLabelVi(from: string | undefined, to: string | undefined, generatedAt: string): string {
  const end = formatDateVi(to ?? vietnamDateOf(generatedAt));
  return from ? `Từ ngày ${formatDateVi(from)} đến ngày ${end}` : `Từ đầu sổ đến ngày ${end}`;
}
