import type { DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import { VIETNAM_HOLIDAY_BASELINE, type CalendarDay, type HolidayYear } from './vietnam-holidays';

/**
 * One stream for the whole calendar: it is national, small (one event per year or amendment) and a
 * publication must see every earlier one to refuse a silent second publication of the same year.
 */
export const HOLIDAY_CALENDAR_STREAM = 'holiday-calendar';

export const CALENDAR_YEAR_MIN = 2000;
export const CALENDAR_YEAR_MAX = 2100;

export type HolidayCalendarEvent = DomainEvent<
  'HolidayYearPublished',
  { year: number; holidays: CalendarDay[]; makeUpWorkingDays: CalendarDay[]; source: string; amends: boolean }
>;

export type HolidayCalendarCommand = {
  type: 'PublishHolidayYear';
  year: number;
  holidays: { date: IsoDate; name: string }[];
  makeUpWorkingDays: { date: IsoDate; name: string }[];
  /** The notice the list comes from (number and date), so a deadline dispute can be traced to it. */
  source: string;
  /** Replaces the year's current list; without it a year that already has one is refused. */
  amends?: boolean;
};

export interface HolidayCalendarState {
  /** The list in force per year: the latest publication, or the built-in baseline. */
  readonly years: ReadonlyMap<number, HolidayYear>;
}

export const BASELINE_CALENDAR_STATE: HolidayCalendarState = {
  years: new Map(VIETNAM_HOLIDAY_BASELINE.map((year) => [year.year, year])),
};

export function evolveHolidayCalendar(state: HolidayCalendarState, event: HolidayCalendarEvent): HolidayCalendarState {
  const { year, holidays, makeUpWorkingDays, source } = event.data;
  const years = new Map(state.years);
  years.set(year, { year, holidays, makeUpWorkingDays, source });
  return { years };
}

/** What working-day arithmetic needs, indexed by date; built once per state, read many times. */
export interface Calendar {
  readonly holidays: ReadonlyMap<IsoDate, string>;
  readonly makeUpWorkingDays: ReadonlyMap<IsoDate, string>;
  /** Years with a list; outside them only the Monday–Friday rule is known. */
  readonly coveredYears: ReadonlySet<number>;
}

export function calendarFromState(state: HolidayCalendarState): Calendar {
  const holidays = new Map<IsoDate, string>();
  const makeUpWorkingDays = new Map<IsoDate, string>();
  for (const year of state.years.values()) {
    for (const day of year.holidays) holidays.set(day.date, day.name);
    for (const day of year.makeUpWorkingDays) makeUpWorkingDays.set(day.date, day.name);
  }
  return { holidays, makeUpWorkingDays, coveredYears: new Set(state.years.keys()) };
}
