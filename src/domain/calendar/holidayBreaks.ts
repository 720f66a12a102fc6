import type { HolidayCalendar } from './bankHolidays';
import { civilDateOf, epochDayOf, weekdayOf, type EpochDay } from './civilDate';
import { easterSunday } from './easter';

/**
 * The Act does not define "week day". It is read as Monday to Friday, which makes every break at least
 * as long as reading it as Monday to Saturday would, so clear days counted without break days never
 * give less notice than either reading requires. The readings differ only where a break meets a
 * Saturday: Friday 22 December 2023 (Christmas Day a Monday) and Monday 29 December 2025 (Christmas
 * Day a Thursday, Boxing Day a Friday) are break days only under Monday to Friday.
 */
function isWeekDay(day: EpochDay): boolean {
  const weekday = weekdayOf(day);
  return weekday !== 0 && weekday !== 6;
}

function lastWeekDayBefore(day: EpochDay): EpochDay {
  let candidate = day - 1;
  while (!isWeekDay(candidate)) candidate -= 1;
  return candidate;
}

function nextWeekDayNotBankHoliday(calendar: HolidayCalendar, day: EpochDay): EpochDay {
  let candidate = day + 1;
  while (!isWeekDay(candidate) || calendar.byDay.has(candidate)) candidate += 1;
  return candidate;
}

function addPeriod(days: Set<EpochDay>, first: EpochDay, last: EpochDay): void {
  for (let day = first; day <= last; day += 1) days.add(day);
}

function holidayBreakDays(calendar: HolidayCalendar): Set<EpochDay> {
  const christmasAndEaster = new Set<EpochDay>();
  for (let year = civilDateOf(calendar.firstDay).year; year <= civilDateOf(calendar.lastDay).year; year += 1) {
    const christmas = epochDayOf(year, 12, 25);
    addPeriod(christmasAndEaster, lastWeekDayBefore(christmas), nextWeekDayNotBankHoliday(calendar, christmas));
    const easter = easterSunday(year);
    addPeriod(christmasAndEaster, easter - 3, easter + 2);
  }
  // Only the Christmas and Easter breaks stop a bank holiday having its own break: Thursday 2 June 2022
  // lies in the break of Friday 3 June, yet its own break begins on Wednesday 1 June.
  const breaks = new Set(christmasAndEaster);
  for (const holiday of calendar.byDay.keys()) {
    if (!christmasAndEaster.has(holiday)) addPeriod(breaks, lastWeekDayBefore(holiday), nextWeekDayNotBankHoliday(calendar, holiday));
  }
  return breaks;
}

const breaksByCalendar = new WeakMap<HolidayCalendar, ReadonlySet<EpochDay>>();

/**
 * Whether the day is a day of a holiday break of the Local Government Act 1972, as s270(1) defines them
 * (each period includes its first and last day):
 * - "Christmas break" means the period beginning with the last week day before Christmas Day and
 *   ending with the first week day after Christmas Day which is not a bank holiday;
 * - "Easter break" means the period beginning with the Thursday before and ending with the Tuesday
 *   after Easter Day;
 * - "bank holiday break" means any bank holiday not included in the Christmas break or the Easter
 *   break and the period beginning with the last week day before that bank holiday and ending with
 *   the next week day which is not a bank holiday.
 * The bank holidays are the calendar's, one-offs and a council's local additions included. Good Friday
 * and Christmas Day are common-law holidays, not bank holidays, but they lie inside the Easter and
 * Christmas breaks, so counting them as bank holidays changes no break.
 * https://www.legislation.gov.uk/ukpga/1972/70/section/270
 */
export function isHolidayBreakDay(calendar: HolidayCalendar, day: EpochDay): boolean {
  let breaks = breaksByCalendar.get(calendar);
  if (!breaks) {
    breaks = holidayBreakDays(calendar);
    breaksByCalendar.set(calendar, breaks);
  }
  return breaks.has(day);
}
