import { formatIsoDate, weekdayOf, type EpochDay } from './civilDate';
import { isBankHoliday, type HolidayCalendar } from './bankHolidays';
import { isHolidayBreakDay } from './holidayBreaks';

/**
 * Which days count when counting days: a setting per body (DOMAIN.md "Clear days").
 * - working: Monday to Friday, not a bank holiday (council meeting papers);
 * - calendar: every day;
 * - not-sunday-or-holiday: every day except Sundays and bank holidays. Simpler than the statute: it
 *   counts Christmas Eve, Maundy Thursday and the week days either side of a bank holiday;
 * - not-sunday-or-holiday-break: every day except Sundays and days of the Christmas, Easter and bank
 *   holiday breaks (holidayBreaks.ts). Local Government Act 1972 s243(1) names these days for any
 *   provision of the Act or its instruments except Parts IX and X and parish poll rules (s243(2)),
 *   so for Sch 12 parish council and parish meeting notices and s100B alike. Its words move a last
 *   day that falls on one of them to the next day that is not; taking them out of the count of clear
 *   days, as NALC advises parish councils, never gives a later day to act than that. It also names
 *   "a day appointed for public thanksgiving or mourning": the engine has no such days, and whether
 *   a period of national mourning is one was disputed in 2022 (NALC; Richard Harwood KC), so none
 *   is excluded here. https://www.legislation.gov.uk/ukpga/1972/70/section/243
 */
export const DAY_KINDS = ['working', 'calendar', 'not-sunday-or-holiday', 'not-sunday-or-holiday-break'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

export function isDayOfKind(calendar: HolidayCalendar, kind: DayKind, day: EpochDay): boolean {
  switch (kind) {
    case 'calendar':
      return true;
    case 'working': {
      const weekday = weekdayOf(day);
      return weekday !== 0 && weekday !== 6 && !isBankHoliday(calendar, day);
    }
    case 'not-sunday-or-holiday':
      return weekdayOf(day) !== 0 && !isBankHoliday(calendar, day);
    case 'not-sunday-or-holiday-break':
      // Every bank holiday lies in a break.
      return weekdayOf(day) !== 0 && !isHolidayBreakDay(calendar, day);
  }
}

/**
 * Prefix counts over the calendar's whole range so that "the nth counted day before X" is two array
 * reads instead of a walk: countBefore[i] is how many counted days precede firstDay + i, and
 * counted[j] is the j-th counted day.
 */
interface DayKindIndex {
  readonly firstDay: EpochDay;
  readonly countBefore: Int32Array;
  readonly counted: Int32Array;
}

const indexes = new WeakMap<HolidayCalendar, Map<DayKind, DayKindIndex>>();

function buildIndex(calendar: HolidayCalendar, kind: DayKind): DayKindIndex {
  const length = calendar.lastDay - calendar.firstDay + 1;
  const countBefore = new Int32Array(length + 1);
  const counted = new Int32Array(length);
  let count = 0;
  for (let i = 0; i < length; i += 1) {
    countBefore[i] = count;
    const day = calendar.firstDay + i;
    if (isDayOfKind(calendar, kind, day)) counted[count++] = day;
  }
  countBefore[length] = count;
  return { firstDay: calendar.firstDay, countBefore, counted: counted.slice(0, count) };
}

/** Builds (once) the index of a counted day kind for a calendar; `calendar` needs none. */
export function indexDayKind(calendar: HolidayCalendar, kind: DayKind): void {
  if (kind !== 'calendar') indexFor(calendar, kind);
}

function indexFor(calendar: HolidayCalendar, kind: DayKind): DayKindIndex {
  let byKind = indexes.get(calendar);
  if (!byKind) {
    byKind = new Map();
    indexes.set(calendar, byKind);
  }
  let index = byKind.get(kind);
  if (!index) {
    index = buildIndex(calendar, kind);
    byKind.set(kind, index);
  }
  return index;
}

function outOfRange(calendar: HolidayCalendar): RangeError {
  return new RangeError(
    `the calendar covers ${formatIsoDate(calendar.firstDay)} to ${formatIsoDate(calendar.lastDay)} only`,
  );
}

/** The number of counted days strictly before `day` since the start of the calendar. */
function countBefore(calendar: HolidayCalendar, index: DayKindIndex, day: EpochDay): number {
  const count = index.countBefore[day - index.firstDay];
  if (count === undefined) throw outOfRange(calendar);
  return count;
}

function countedAt(calendar: HolidayCalendar, index: DayKindIndex, position: number): EpochDay {
  const day = index.counted[position];
  if (day === undefined) throw outOfRange(calendar);
  return day;
}

/** The nth day of the kind strictly before `day` (n ≥ 1). */
export function nthDayOfKindBefore(calendar: HolidayCalendar, kind: DayKind, day: EpochDay, n: number): EpochDay {
  if (kind === 'calendar') return day - n;
  const index = indexFor(calendar, kind);
  return countedAt(calendar, index, countBefore(calendar, index, day) - n);
}

/** The nth day of the kind on or after `day` (n ≥ 1): day 1 is `day` itself when it counts. */
export function nthDayOfKindFrom(calendar: HolidayCalendar, kind: DayKind, day: EpochDay, n: number): EpochDay {
  if (kind === 'calendar') return day + n - 1;
  const index = indexFor(calendar, kind);
  return countedAt(calendar, index, countBefore(calendar, index, day) + n - 1);
}

/**
 * The latest day of the kind on which to act so that `clearDays` whole days of the kind lie between
 * it and `event`, neither day itself counting (clear days: R v Swansea CC ex p Elitestone (1993)).
 */
export function clearDaysBefore(calendar: HolidayCalendar, event: EpochDay, clearDays: number, kind: DayKind): EpochDay {
  return nthDayOfKindBefore(calendar, kind, event, clearDays + 1);
}

/** The earliest day of the kind for an event that needs `clearDays` whole days after the act. */
export function clearDaysAfter(calendar: HolidayCalendar, act: EpochDay, clearDays: number, kind: DayKind): EpochDay {
  return nthDayOfKindFrom(calendar, kind, act + 1, clearDays + 1);
}

export function clearWorkingDaysBefore(calendar: HolidayCalendar, event: EpochDay, clearDays: number): EpochDay {
  return clearDaysBefore(calendar, event, clearDays, 'working');
}

export function clearWorkingDaysAfter(calendar: HolidayCalendar, act: EpochDay, clearDays: number): EpochDay {
  return clearDaysAfter(calendar, act, clearDays, 'working');
}

/** The last day of a period of `days` days of the kind beginning with `start` ("28 days beginning with"). */
export function lastOfDaysBeginningWith(calendar: HolidayCalendar, start: EpochDay, days: number, kind: DayKind): EpochDay {
  return nthDayOfKindFrom(calendar, kind, start, days);
}
