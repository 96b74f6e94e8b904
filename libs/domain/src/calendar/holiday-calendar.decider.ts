import type { Decider } from '../shared/decider';
import { DomainError, invalidInput, type FieldProblem } from '../shared/errors';
import { collectProblems, requireIsoDate, requireText } from '../shared/validation';
import {
  BASELINE_CALENDAR_STATE,
  CALENDAR_YEAR_MAX,
  CALENDAR_YEAR_MIN,
  evolveHolidayCalendar,
  type HolidayCalendarCommand,
  type HolidayCalendarEvent,
  type HolidayCalendarState,
} from './holiday-calendar';
import type { CalendarDay, HolidayYear } from './vietnam-holidays';
import { isWeekend } from './working-days';

// A year has about a dozen days off and a handful of make-up days; the caps only stop runaway uploads.
const MAX_HOLIDAYS = 60;
const MAX_MAKE_UP_DAYS = 30;

export const holidayCalendarDecider: Decider<HolidayCalendarCommand, HolidayCalendarState, HolidayCalendarEvent> = {
  initialState: BASELINE_CALENDAR_STATE,
  evolve: evolveHolidayCalendar,

  decide(command, state) {
    const problems = validate(command);
    if (problems.length > 0) throw invalidInput(problems);
    const holidays = normalise(command.holidays);
    const makeUpWorkingDays = normalise(command.makeUpWorkingDays);
    const source = command.source.trim();
    const amends = command.amends === true;
    const current = state.years.get(command.year);

    if (current && !amends) {
      throw new DomainError({
        code: 'HOLIDAY_YEAR_ALREADY_PUBLISHED',
        kind: 'conflict',
        messageVi: `Lịch nghỉ năm ${command.year} đã có (nguồn: ${current.source}); muốn thay thế thì gửi dưới dạng điều chỉnh (amends).`,
        messageEn: `The ${command.year} holiday list already exists (source: ${current.source}); send it as an amendment (amends) to replace it.`,
        field: 'year',
      });
    }
    if (!current && amends) {
      throw new DomainError({
        code: 'HOLIDAY_YEAR_NOT_PUBLISHED',
        kind: 'not_found',
        messageVi: `Năm ${command.year} chưa có lịch nghỉ nào để điều chỉnh; hãy công bố lần đầu.`,
        messageEn: `There is no ${command.year} holiday list to amend; publish it first.`,
        field: 'amends',
      });
    }
    // An amendment may only confirm the days with the official notice's reference, so the source counts as a change.
    if (current && current.source === source && sameDays(current, holidays, makeUpWorkingDays)) {
      throw new DomainError({
        code: 'HOLIDAY_YEAR_UNCHANGED',
        kind: 'rule_violation',
        messageVi: `Điều chỉnh không thay đổi gì trong lịch nghỉ năm ${command.year}; không có gì để ghi.`,
        messageEn: `The amendment changes nothing in the ${command.year} holiday list; nothing to record.`,
        field: 'holidays',
      });
    }
    return [{ type: 'HolidayYearPublished', data: { year: command.year, holidays, makeUpWorkingDays, source, amends } }];
  },
};

function validate(command: HolidayCalendarCommand): FieldProblem[] {
  const yearOk = Number.isInteger(command.year) && command.year >= CALENDAR_YEAR_MIN && command.year <= CALENDAR_YEAR_MAX;
  const problems = collectProblems(
    yearOk
      ? undefined
      : {
          field: 'year',
          code: 'OUT_OF_RANGE',
          messageVi: `Năm phải từ ${CALENDAR_YEAR_MIN} đến ${CALENDAR_YEAR_MAX}.`,
          messageEn: `The year must be ${CALENDAR_YEAR_MIN} to ${CALENDAR_YEAR_MAX}.`,
        },
    requireText('source', command.source, 500),
    command.amends === undefined || typeof command.amends === 'boolean'
      ? undefined
      : {
          field: 'amends',
          code: 'NOT_A_BOOLEAN',
          messageVi: '"amends" phải là true hoặc false.',
          messageEn: '"amends" must be true or false.',
        },
  );
  const holidays = validateDays('holidays', command.holidays, MAX_HOLIDAYS, yearOk ? command.year : undefined, problems);
  const makeUps = validateDays(
    'makeUpWorkingDays',
    command.makeUpWorkingDays,
    MAX_MAKE_UP_DAYS,
    yearOk ? command.year : undefined,
    problems,
  );

  const holidayDates = new Set(holidays.map((day) => day.date));
  for (const { date, index } of makeUps) {
    const field = `makeUpWorkingDays[${index}].date`;
    if (holidayDates.has(date)) {
      problems.push({
        field,
        code: 'HOLIDAY_AND_MAKE_UP_DAY',
        messageVi: `Ngày ${date} không thể vừa là ngày nghỉ vừa là ngày làm bù.`,
        messageEn: `${date} cannot be both a day off and a make-up working day.`,
      });
    } else if (!isWeekend(date)) {
      // A make-up day on a weekday changes nothing, so it can only be a mistyped date.
      problems.push({
        field,
        code: 'MAKE_UP_DAY_NOT_WEEKEND',
        messageVi: `Ngày làm bù ${date} phải là thứ Bảy hoặc Chủ nhật.`,
        messageEn: `Make-up working day ${date} must be a Saturday or a Sunday.`,
      });
    }
  }
  return problems;
}

/** Checks one list and returns its well-formed dates with their positions, for the checks across lists. */
function validateDays(
  listField: string,
  value: unknown,
  max: number,
  year: number | undefined,
  problems: FieldProblem[],
): { date: string; index: number }[] {
  if (!Array.isArray(value)) {
    problems.push({
      field: listField,
      code: 'NOT_A_LIST',
      messageVi: `"${listField}" phải là một danh sách.`,
      messageEn: `"${listField}" must be a list.`,
    });
    return [];
  }
  if (value.length > max) {
    problems.push({
      field: listField,
      code: 'TOO_MANY',
      messageVi: `"${listField}" có quá ${max} ngày.`,
      messageEn: `"${listField}" has more than ${max} days.`,
    });
    return [];
  }
  const seen = new Set<string>();
  const dates: { date: string; index: number }[] = [];
  value.forEach((entry: unknown, index) => {
    const at = `${listField}[${index}]`;
    const { date, name } = (typeof entry === 'object' && entry !== null ? entry : {}) as { date?: unknown; name?: unknown };
    const dateProblem = requireIsoDate(`${at}.date`, date);
    const nameProblem = requireText(`${at}.name`, name, 120);
    if (nameProblem) problems.push(nameProblem);
    if (dateProblem || typeof date !== 'string') {
      if (dateProblem) problems.push(dateProblem);
      return;
    }
    if (year !== undefined && !date.startsWith(`${year}-`)) {
      problems.push({
        field: `${at}.date`,
        code: 'DATE_OUTSIDE_YEAR',
        messageVi: `Ngày ${date} không thuộc năm ${year}.`,
        messageEn: `${date} is not in ${year}.`,
      });
    } else if (seen.has(date)) {
      problems.push({
        field: `${at}.date`,
        code: 'DUPLICATE_DATE',
        messageVi: `Ngày ${date} bị lặp trong "${listField}".`,
        messageEn: `${date} appears twice in "${listField}".`,
      });
    } else {
      dates.push({ date, index });
    }
    seen.add(date);
  });
  return dates;
}

// Sorted by date so that the same notice always produces the same event, whatever order it was typed in.
function normalise(days: readonly CalendarDay[]): CalendarDay[] {
  return days.map((day) => ({ date: day.date, name: day.name.trim() })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function sameDays(current: HolidayYear, holidays: readonly CalendarDay[], makeUps: readonly CalendarDay[]): boolean {
  const key = (days: readonly CalendarDay[]) => JSON.stringify(normalise(days));
  return key(current.holidays) === key(holidays) && key(current.makeUpWorkingDays) === key(makeUps);
}
