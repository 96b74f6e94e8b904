import {
  BASELINE_CALENDAR_STATE,
  calendarFromState,
  evolveHolidayCalendar,
  HOLIDAY_CALENDAR_STREAM,
  type Calendar,
  type HolidayCalendarEvent,
  type HolidayCalendarState,
} from '@so-goc/domain';
import { decodeEvent, StreamStateCache, type EventStore } from '@so-goc/event-store';

/** The working-day calendar: the seeded 2020–2027 years plus what officers published, from its stream. */
export class HolidayCalendarCache {
  private readonly cache: StreamStateCache<HolidayCalendarState>;

  constructor(store: EventStore) {
    this.cache = new StreamStateCache(store, HOLIDAY_CALENDAR_STREAM, BASELINE_CALENDAR_STATE, (state, event) =>
      evolveHolidayCalendar(state, decodeEvent<HolidayCalendarEvent>(event)),
    );
  }

  async current(): Promise<Calendar> {
    return calendarFromState(await this.cache.current());
  }
}
