import { civilDateOf, epochDayOf, formatIsoDate, isWeekend, parseIsoDate, weekdayOf, type EpochDay } from './civilDate';
import { easterSunday } from './easter';
import { NO_LOCAL_HOLIDAY_CHANGES, ONE_OFF_HOLIDAYS, type LocalHolidayChanges, type OneOffHoliday } from './holidayData';

export const HOLIDAY_SOURCES = ['rule', 'one-off', 'local'] as const;

export interface Holiday {
  readonly date: string;
  readonly name: string;
  readonly source: (typeof HOLIDAY_SOURCES)[number];
  readonly authority: string;
}

/** The early May bank holiday began in 1978: rule-based years start there. */
export const FIRST_CALENDAR_YEAR = 1978;
export const LAST_CALENDAR_YEAR = 2199;

export interface HolidayCalendar {
  readonly firstDay: EpochDay;
  readonly lastDay: EpochDay;
  /** Sorted by date. */
  readonly holidays: readonly Holiday[];
  readonly byDay: ReadonlyMap<EpochDay, Holiday>;
}

const SCHEDULE_1 = 'Banking and Financial Dealings Act 1971 Sch 1';
const PROCLAMATION = 'Royal proclamation under the Banking and Financial Dealings Act 1971 s1(3)';
const COMMON_LAW = 'Common law holiday';
const SUBSTITUTE = 'Banking and Financial Dealings Act 1971 Sch 1 and royal proclamation (substitute day)';

interface FixedHoliday {
  readonly month: number;
  readonly day: number;
  readonly name: string;
  readonly authority: string;
}

const FIXED_HOLIDAYS: readonly FixedHoliday[] = [
  { month: 1, day: 1, name: "New Year's Day", authority: PROCLAMATION },
  { month: 12, day: 25, name: 'Christmas Day', authority: COMMON_LAW },
  { month: 12, day: 26, name: 'Boxing Day', authority: SCHEDULE_1 },
];

function firstMonday(year: number, month: number): EpochDay {
  const first = epochDayOf(year, month, 1);
  return first + ((8 - weekdayOf(first)) % 7);
}

function lastMonday(year: number, month: number): EpochDay {
  const firstOfNext = month === 12 ? epochDayOf(year + 1, 1, 1) : epochDayOf(year, month + 1, 1);
  const last = firstOfNext - 1;
  return last - ((weekdayOf(last) + 6) % 7);
}

/**
 * The holidays the rules give for one year. A fixed-date holiday on a weekend moves to the next
 * weekday not already a holiday (Sch 1 and the annual proclamations): weekday holidays are placed
 * first, then weekend ones in date order, which gives 27 and 28 December when Christmas is on a
 * Saturday and 27 December when it is on a Sunday.
 */
export function ruleBasedHolidays(year: number): Map<EpochDay, Holiday> {
  const easter = easterSunday(year);
  const taken = new Map<EpochDay, Holiday>();
  const add = (day: EpochDay, name: string, authority: string) =>
    taken.set(day, { date: formatIsoDate(day), name, source: 'rule', authority });

  add(easter - 2, 'Good Friday', COMMON_LAW);
  add(easter + 1, 'Easter Monday', SCHEDULE_1);
  add(firstMonday(year, 5), 'Early May bank holiday', PROCLAMATION);
  add(lastMonday(year, 5), 'Spring bank holiday', SCHEDULE_1);
  add(lastMonday(year, 8), 'Summer bank holiday', SCHEDULE_1);

  const onWeekend: Array<{ day: EpochDay; holiday: FixedHoliday }> = [];
  for (const holiday of FIXED_HOLIDAYS) {
    const day = epochDayOf(year, holiday.month, holiday.day);
    if (isWeekend(day)) onWeekend.push({ day, holiday });
    else add(day, holiday.name, holiday.authority);
  }
  for (const { day, holiday } of onWeekend) {
    let substitute = day + 1;
    while (isWeekend(substitute) || taken.has(substitute)) substitute += 1;
    add(substitute, `${holiday.name} (substitute day)`, SUBSTITUTE);
  }
  return taken;
}

function applyOneOff(byDay: Map<EpochDay, Holiday>, oneOff: OneOffHoliday): void {
  if (oneOff.replaces !== undefined) {
    const replaced = parseIsoDate(oneOff.replaces);
    if (!byDay.delete(replaced)) throw new Error(`one-off holiday ${oneOff.date} replaces ${oneOff.replaces}, which is not a bank holiday`);
  }
  byDay.set(parseIsoDate(oneOff.date), { date: oneOff.date, name: oneOff.name, source: 'one-off', authority: oneOff.authority });
}

/**
 * England and Wales bank holidays, FIRST_CALENDAR_YEAR to LAST_CALENDAR_YEAR: the rules, the one-off
 * proclamations, then a council's local changes. Removing a day that is not a holiday is a caller
 * error (the catalogue resolver checks it first and reports the path).
 */
export function buildHolidayCalendar(
  local: LocalHolidayChanges = NO_LOCAL_HOLIDAY_CHANGES,
  oneOffs: readonly OneOffHoliday[] = ONE_OFF_HOLIDAYS,
): HolidayCalendar {
  const byDay = new Map<EpochDay, Holiday>();
  for (let year = FIRST_CALENDAR_YEAR; year <= LAST_CALENDAR_YEAR; year += 1) {
    for (const [day, holiday] of ruleBasedHolidays(year)) byDay.set(day, holiday);
  }
  for (const oneOff of oneOffs) applyOneOff(byDay, oneOff);
  for (const removal of local.remove) {
    if (!byDay.delete(parseIsoDate(removal.date))) throw new Error(`cannot remove ${removal.date}: it is not a bank holiday`);
  }
  for (const addition of local.add) {
    byDay.set(parseIsoDate(addition.date), {
      date: addition.date,
      name: addition.name,
      source: 'local',
      authority: addition.reason ?? 'Local override in the council catalogue file',
    });
  }
  const days = [...byDay.keys()].sort((a, b) => a - b);
  return {
    firstDay: epochDayOf(FIRST_CALENDAR_YEAR, 1, 1),
    lastDay: epochDayOf(LAST_CALENDAR_YEAR, 12, 31),
    holidays: days.map((day) => byDay.get(day)!),
    byDay,
  };
}

export function isBankHoliday(calendar: HolidayCalendar, day: EpochDay): boolean {
  return calendar.byDay.has(day);
}

export function holidaysInYear(calendar: HolidayCalendar, year: number): Holiday[] {
  return calendar.holidays.filter((holiday) => civilDateOf(parseIsoDate(holiday.date)).year === year);
}
