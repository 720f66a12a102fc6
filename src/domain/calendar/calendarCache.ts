import { buildHolidayCalendar, type HolidayCalendar } from './bankHolidays';
import { DAY_KINDS, indexDayKind } from './dayKinds';
import { NO_LOCAL_HOLIDAY_CHANGES, type LocalHolidayChanges } from './holidayData';

/**
 * Holiday calendars by their local changes, shared by every run with the same changes. Building
 * one (1978-2199) and its day-count indexes costs tens of milliseconds, more in a fresh V8
 * context: inside a worker this module is preloaded (workflowPreload.ts), so the map lives in the
 * worker's shared sandbox and each calendar is built once per worker rather than once per workflow.
 * A calendar is a pure function of its key, so sharing it cannot make a workflow non-deterministic.
 */
const calendars = new Map<string, HolidayCalendar>();

export function holidayCalendarOf(catalogue: { readonly holidays: LocalHolidayChanges }): HolidayCalendar {
  const key = JSON.stringify(catalogue.holidays);
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = buildHolidayCalendar(catalogue.holidays);
    calendars.set(key, calendar);
  }
  return calendar;
}

/** Builds the national calendar (no local changes) and its index for every counted day kind now. */
export function warmNationalCalendar(): HolidayCalendar {
  const calendar = holidayCalendarOf({ holidays: NO_LOCAL_HOLIDAY_CHANGES });
  for (const kind of DAY_KINDS) indexDayKind(calendar, kind);
  return calendar;
}
