import { isIsoDate, type IsoDate } from '../shared/dates';

/** Vietnam keeps UTC+7 all year (no daylight saving), so local time is a fixed shift of the instant. */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;

// The offset is mandatory: an instant without one is read in the machine's zone, which is exactly the
// dependence a deadline must not have.
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

export function isIsoInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_INSTANT.exec(value);
  return match !== null && isIsoDate(match[1]) && Number.isFinite(Date.parse(value));
}

export interface VietnamWallClock {
  readonly date: IsoDate;
  /** Milliseconds since local midnight. */
  readonly msOfDay: number;
}

export function vietnamWallClock(instant: string): VietnamWallClock {
  const shifted = Date.parse(instant) + VIETNAM_OFFSET_MS;
  const date = new Date(shifted).toISOString().slice(0, 10);
  return { date, msOfDay: shifted - Date.parse(`${date}T00:00:00.000Z`) };
}

/** The instant of `hour`:00 Vietnam time on `date`, as a UTC ISO string. */
export function vietnamInstant(date: IsoDate, hour: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + hour * HOUR_MS - VIETNAM_OFFSET_MS).toISOString();
}
