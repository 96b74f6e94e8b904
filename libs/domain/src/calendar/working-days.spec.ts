import { BASELINE_CALENDAR_STATE, calendarFromState } from './holiday-calendar';
import {
  addCalendarDays,
  addWorkingDays,
  calendarCovers,
  dayOfWeek,
  isWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
} from './working-days';

const calendar = calendarFromState(BASELINE_CALENDAR_STATE);

describe('Working days on the public-sector calendar', () => {
  it('works Monday to Friday and rests at the weekend', () => {
    expect(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'].every((day) => isWorkingDay(calendar, day))).toBe(true);
    expect(isWorkingDay(calendar, '2026-11-21')).toBe(false);
    expect(isWorkingDay(calendar, '2026-11-22')).toBe(false);
  });

  it('counts a make-up Saturday as a working day and the swapped weekday as a day off', () => {
    expect(isWorkingDay(calendar, '2026-01-10')).toBe(true);
    expect(isWorkingDay(calendar, '2026-01-02')).toBe(false);
  });

  it('does date arithmetic on calendar dates whatever the machine zone', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(dayOfWeek('2026-02-17')).toBe(2);
  });

  it('finds the next working day strictly after a date, across Tết', () => {
    expect(nextWorkingDay(calendar, '2026-11-20')).toBe('2026-11-23');
    expect(nextWorkingDay(calendar, '2026-02-13')).toBe('2026-02-23');
    expect(nextWorkingDay(calendar, '2026-01-09')).toBe('2026-01-10');
  });

  it('adds working days, skipping weekends and holidays', () => {
    expect(addWorkingDays(calendar, '2026-02-12', 0)).toBe('2026-02-12');
    expect(addWorkingDays(calendar, '2026-02-12', 2)).toBe('2026-02-23');
    expect(addWorkingDays(calendar, '2026-04-24', 1)).toBe('2026-04-28');
    expect(() => addWorkingDays(calendar, '2026-04-24', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, '2026-04-24', 1.5)).toThrow(RangeError);
  });

  it('counts working days between two dates, the inverse of addWorkingDays', () => {
    expect(workingDaysBetween(calendar, '2026-02-13', '2026-02-23')).toBe(1);
    expect(workingDaysBetween(calendar, '2026-04-24', '2026-05-04')).toBe(3);
    expect(workingDaysBetween(calendar, '2026-05-04', '2026-04-24')).toBe(-3);
    expect(workingDaysBetween(calendar, '2026-05-04', '2026-05-04')).toBe(0);
    for (const [from, n] of [
      ['2025-01-20', 7],
      ['2024-04-25', 4],
      ['2026-08-28', 5],
    ] as const) {
      expect(workingDaysBetween(calendar, from, addWorkingDays(calendar, from, n))).toBe(n);
    }
  });

  it('knows which years have a published list', () => {
    expect(calendarCovers(calendar, '2026-12-30', '2027-01-04')).toBe(true);
    expect(calendarCovers(calendar, '2027-12-30', '2028-01-04')).toBe(false);
  });
});
