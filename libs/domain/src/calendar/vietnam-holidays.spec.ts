import { TEST_CONTEXT } from '../testing/given-when-then';
import { holidayCalendarDecider } from './holiday-calendar.decider';
import { BASELINE_CALENDAR_STATE, calendarFromState } from './holiday-calendar';
import { VIETNAM_HOLIDAY_BASELINE } from './vietnam-holidays';
import { addCalendarDays, isWeekend, isWorkingDay } from './working-days';

const calendar = calendarFromState(BASELINE_CALENDAR_STATE);

const daysFrom = (first: string, last: string): string[] => {
  const days: string[] = [];
  for (let day = first; day <= last; day = addCalendarDays(day, 1)) days.push(day);
  return days;
};

describe('Vietnam public-sector holidays 2020–2027 (baseline data)', () => {
  it('covers every year from 2020 to 2027 once', () => {
    expect(VIETNAM_HOLIDAY_BASELINE.map((year) => year.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
  });

  it.each(VIETNAM_HOLIDAY_BASELINE.map((year) => [year.year, year] as const))(
    '%i lists weekdays off and weekend make-up days only',
    (_, year) => {
      for (const day of year.holidays) expect([day.date, isWeekend(day.date)]).toEqual([day.date, false]);
      for (const day of year.makeUpWorkingDays) expect([day.date, isWeekend(day.date)]).toEqual([day.date, true]);
    },
  );

  it.each(VIETNAM_HOLIDAY_BASELINE.map((year) => [year.year, year] as const))('%i passes the validation officers go through', (_, year) => {
    const command = {
      type: 'PublishHolidayYear' as const,
      year: year.year,
      holidays: [...year.holidays],
      makeUpWorkingDays: [...year.makeUpWorkingDays],
      source: year.source,
    };
    expect(holidayCalendarDecider.decide(command, { years: new Map() }, TEST_CONTEXT)).toHaveLength(1);
  });

  it.each(['2020-01-25', '2021-02-12', '2022-02-01', '2023-01-22', '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06'])(
    'the lunar new year %s is not a working day',
    (tet) => expect(isWorkingDay(calendar, tet)).toBe(false),
  );

  it('closes the nine days of Tết Bính Ngọ (14/2–22/2/2026) and reopens on Monday 23/2', () => {
    expect(daysFrom('2026-02-14', '2026-02-22').filter((day) => isWorkingDay(calendar, day))).toEqual([]);
    expect(isWorkingDay(calendar, '2026-02-13')).toBe(true);
    expect(isWorkingDay(calendar, '2026-02-23')).toBe(true);
  });

  it('gives Monday 27/4/2026 off because Giỗ Tổ (10/3 âm lịch) falls on Sunday 26/4', () => {
    expect(calendar.holidays.get('2026-04-27')).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
    expect(isWorkingDay(calendar, '2026-04-28')).toBe(true);
  });

  it('places Giỗ Tổ on 10/3 âm lịch each year', () => {
    for (const date of ['2020-04-02', '2021-04-21', '2024-04-18', '2025-04-07', '2027-04-16'])
      expect(calendar.holidays.get(date)).toBe('Giỗ Tổ Hùng Vương');
    // 2022 (Sunday 10/4) and 2023 (Saturday 29/4) fell on weekends and were compensated.
    expect(calendar.holidays.get('2022-04-11')).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
    expect(calendar.holidays.get('2023-05-02')).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
  });

  it('gives Quốc khánh one day under the 2012 Labour Code and two from 2021', () => {
    const quocKhanh = (year: number) =>
      VIETNAM_HOLIDAY_BASELINE.find((y) => y.year === year)?.holidays.filter((d) => d.name.includes('Quốc khánh')).length;
    expect(quocKhanh(2020)).toBe(1);
    for (const year of [2021, 2022, 2023, 2024, 2025, 2026, 2027]) expect(quocKhanh(year)).toBe(2);
  });

  it('works the make-up Saturdays of the hoán đổi', () => {
    for (const saturday of ['2024-05-04', '2025-02-08', '2025-04-26', '2026-01-10']) expect(isWorkingDay(calendar, saturday)).toBe(true);
    for (const swapped of ['2024-04-29', '2025-01-27', '2025-05-02', '2026-01-02']) expect(isWorkingDay(calendar, swapped)).toBe(false);
  });
});
