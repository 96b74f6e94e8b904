import { given, TEST_CONTEXT } from '../testing/given-when-then';
import { foldEvents } from '../shared/decider';
import { calendarFromState, type HolidayCalendarCommand, type HolidayCalendarEvent } from './holiday-calendar';
import { holidayCalendarDecider } from './holiday-calendar.decider';
import { isWorkingDay } from './working-days';

const publish2028: HolidayCalendarCommand = {
  type: 'PublishHolidayYear',
  year: 2028,
  holidays: [
    { date: '2028-01-26', name: 'Tết Nguyên đán' },
    { date: '2028-01-03', name: ' Nghỉ bù Tết Dương lịch ' },
  ],
  makeUpWorkingDays: [{ date: '2028-01-29', name: 'Làm bù' }],
  source: 'TB 1/TB-BNV',
};

const published2028: HolidayCalendarEvent = {
  type: 'HolidayYearPublished',
  data: {
    year: 2028,
    holidays: [
      { date: '2028-01-03', name: 'Nghỉ bù Tết Dương lịch' },
      { date: '2028-01-26', name: 'Tết Nguyên đán' },
    ],
    makeUpWorkingDays: [{ date: '2028-01-29', name: 'Làm bù' }],
    source: 'TB 1/TB-BNV',
    amends: false,
  },
};

describe('Holiday calendar (rule 49 counts on it)', () => {
  it('publishes a new year, its days sorted and trimmed', () => {
    given(holidayCalendarDecider).when(publish2028).then([published2028]);
  });

  it('works without any event: the 2020–2027 baseline is the initial state', () => {
    const calendar = calendarFromState(holidayCalendarDecider.initialState);
    expect(isWorkingDay(calendar, '2026-02-17')).toBe(false);
    expect([...calendar.coveredYears].sort()).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
  });

  it('refuses to publish a year a second time without marking it an amendment', () => {
    given(holidayCalendarDecider, [published2028])
      .when(publish2028)
      .thenRefusedWith('HOLIDAY_YEAR_ALREADY_PUBLISHED', { kind: 'conflict', field: 'year' });
  });

  it('treats a baseline year as published: changing it takes an amendment', () => {
    given(holidayCalendarDecider)
      .when({ ...publish2028, year: 2026, holidays: [{ date: '2026-09-01', name: 'Quốc khánh 2/9' }], makeUpWorkingDays: [] })
      .thenRefusedWith('HOLIDAY_YEAR_ALREADY_PUBLISHED');
  });

  it('lets the latest amendment of a year win', () => {
    const amendment: HolidayCalendarCommand = {
      ...publish2028,
      holidays: [{ date: '2028-01-27', name: 'Tết Nguyên đán' }],
      makeUpWorkingDays: [],
      source: 'TB 2/TB-BNV',
      amends: true,
    };
    const [event] = holidayCalendarDecider.decide(amendment, foldEvents(holidayCalendarDecider, [published2028]), TEST_CONTEXT);
    expect(event?.data.amends).toBe(true);
    const calendar = calendarFromState(foldEvents(holidayCalendarDecider, [published2028, event as HolidayCalendarEvent]));
    expect(isWorkingDay(calendar, '2028-01-26')).toBe(true);
    expect(isWorkingDay(calendar, '2028-01-27')).toBe(false);
    expect(isWorkingDay(calendar, '2028-01-29')).toBe(false);
  });

  it('amends a baseline year, for instance to record the official notice', () => {
    const base = holidayCalendarDecider.initialState.years.get(2027);
    if (!base) throw new Error('baseline 2027 missing');
    given(holidayCalendarDecider)
      .when({
        type: 'PublishHolidayYear',
        year: 2027,
        holidays: [...base.holidays],
        makeUpWorkingDays: [...base.makeUpWorkingDays],
        source: 'TB 99/TB-BNV',
        amends: true,
      })
      .then([
        {
          type: 'HolidayYearPublished',
          data: {
            year: 2027,
            holidays: [...base.holidays].sort((a, b) => a.date.localeCompare(b.date)),
            makeUpWorkingDays: [],
            source: 'TB 99/TB-BNV',
            amends: true,
          },
        },
      ]);
  });

  it('refuses an amendment that changes nothing, and an amendment of a year never published', () => {
    given(holidayCalendarDecider, [published2028])
      .when({ ...publish2028, amends: true })
      .thenRefusedWith('HOLIDAY_YEAR_UNCHANGED');
    given(holidayCalendarDecider)
      .when({ ...publish2028, amends: true })
      .thenRefusedWith('HOLIDAY_YEAR_NOT_PUBLISHED', { field: 'amends' });
  });

  it('refuses bad dates, naming the field at fault', () => {
    const refusal = given(holidayCalendarDecider)
      .when({
        ...publish2028,
        holidays: [
          { date: '2028-02-30', name: 'Ngày không có thật' },
          { date: '2029-01-01', name: 'Tết Dương lịch' },
          { date: '2028-01-26', name: 'Tết Nguyên đán' },
          { date: '2028-01-26', name: 'Tết Nguyên đán' },
        ],
        makeUpWorkingDays: [
          { date: '2028-01-26', name: 'Làm bù' },
          { date: '2028-02-02', name: 'Làm bù' },
        ],
      })
      .thenRefusedWith('INVALID_INPUT', { kind: 'invalid_input', field: 'holidays[0].date' });
    expect(refusal.problem.fieldProblems?.map((p) => [p.field, p.code])).toEqual([
      ['holidays[0].date', 'BAD_DATE'],
      ['holidays[1].date', 'DATE_OUTSIDE_YEAR'],
      ['holidays[3].date', 'DUPLICATE_DATE'],
      ['makeUpWorkingDays[0].date', 'HOLIDAY_AND_MAKE_UP_DAY'],
      ['makeUpWorkingDays[1].date', 'MAKE_UP_DAY_NOT_WEEKEND'],
    ]);
    for (const problem of refusal.problem.fieldProblems ?? []) {
      expect(problem.messageVi.length).toBeGreaterThan(0);
      expect(problem.messageEn.length).toBeGreaterThan(0);
    }
  });

  it('refuses a year outside 2000–2100, a missing source and a list that is not a list', () => {
    given(holidayCalendarDecider)
      .when({ ...publish2028, year: 1999 })
      .thenRefusedWith('INVALID_INPUT', { field: 'year' });
    given(holidayCalendarDecider)
      .when({ ...publish2028, year: 2101 })
      .thenRefusedWith('INVALID_INPUT', { field: 'year' });
    given(holidayCalendarDecider)
      .when({ ...publish2028, source: '' })
      .thenRefusedWith('INVALID_INPUT', { field: 'source' });
    given(holidayCalendarDecider)
      .when({ ...publish2028, holidays: null as unknown as HolidayCalendarCommand['holidays'] })
      .thenRefusedWith('INVALID_INPUT', { field: 'holidays' });
  });
});
