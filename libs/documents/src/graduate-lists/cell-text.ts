import type { GraduateField } from '@so-goc/domain';
import type { SheetCell } from './sheet';

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Every cell becomes NFC text before anything else looks at it (docs/architecture.md §8), in the
 * notation an officer would type, so CSV and XLSX lists go through the same validation.
 */
export function cellText(cell: SheetCell, field: GraduateField): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell.normalize('NFC');
  if (cell instanceof Date) return dateCellText(cell);
  return field === 'nationalId' ? restoreNationalId(cell) : String(cell);
}

/**
 * exceljs hands a date cell over as the UTC midnight of its calendar day (give or take a floating-point
 * millisecond from the serial number), so the day is read in UTC, never in the server's zone.
 */
function dateCellText(date: Date): string {
  const day = new Date(Math.round(date.getTime() / DAY_MS) * DAY_MS);
  return `${pad(day.getUTCDate())}/${pad(day.getUTCMonth() + 1)}/${day.getUTCFullYear()}`;
}

/**
 * A 12-digit ID typed into a number cell loses its leading zeros. Province codes run 001–096, so a real
 * ID loses one or two zeros and keeps 10 or 11 digits; only those are restored. A shorter number was
 * never a whole ID and is left as it is, to be refused.
 */
function restoreNationalId(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) return String(value);
  const digits = String(value);
  return digits.length === 10 || digits.length === 11 ? digits.padStart(12, '0') : digits;
}
