import Holidays from 'date-holidays';

/**
 * Test oracles written without src/domain: JavaScript's UTC Date arithmetic for the calendar and
 * the date-holidays package for England and Wales bank holidays. Dates are `YYYY-MM-DD` strings.
 */

const MS_PER_DAY = 86_400_000;

function utc(iso: string): Date {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

const isoOf = (date: Date): string => date.toISOString().slice(0, 10);

export function addDays(iso: string, days: number): string {
  return isoOf(new Date(utc(iso).getTime() + days * MS_PER_DAY));
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((utc(b).getTime() - utc(a).getTime()) / MS_PER_DAY);
}

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (iso: string): number => utc(iso).getUTCDay();
export const isSunday = (iso: string): boolean => weekdayOf(iso) === 0;
export const isWeekend = (iso: string): boolean => weekdayOf(iso) === 0 || weekdayOf(iso) === 6;

/** Every day from `first` to `last` inclusive. */
export function daysFrom(first: string, last: string): string[] {
  const days: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * The corresponding date `months` calendar months later; with none (31 January + 1 month), the last
 * day of that month (Dodds v Walker [1981] 1 WLR 1027). Date.UTC rolls an overflow into the next
 * month, which is how a missing corresponding date is detected.
 */
export function calendarMonthsAfter(iso: string, months: number): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const corresponding = new Date(Date.UTC(year, month - 1 + months, day));
  if (corresponding.getUTCDate() === day) return isoOf(corresponding);
  return isoOf(new Date(Date.UTC(year, month + months, 0)));
}

/**
 * The last day of `years` years beginning with `iso`: the day before its anniversary. Date.UTC takes
 * 29 February in a common year as 1 March, so a period beginning 29 February ends on 28 February.
 */
export function lastOfYearsBeginningWith(iso: string, years: number): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return isoOf(new Date(Date.UTC(year + years, month - 1, day - 1)));
}

/** The next `month`/`day` on or after `iso`. */
export function nextAnnualDate(iso: string, month: number, day: number): string {
  const year = Number(iso.slice(0, 4));
  const thisYear = isoOf(new Date(Date.UTC(year, month - 1, day)));
  return thisYear >= iso ? thisYear : isoOf(new Date(Date.UTC(year + 1, month - 1, day)));
}

const ORACLE = new Holidays('GB', 'ENG');
const FIRST_YEAR = 2015;
const LAST_YEAR = 2032;

/**
 * England and Wales bank holidays on weekdays, FIRST_YEAR to LAST_YEAR (date-holidays lists Christmas
 * Day on a Saturday as well as its substitute; only the weekday is the holiday).
 */
const BANK_HOLIDAYS: ReadonlySet<string> = new Set(
  Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => ORACLE.getHolidays(FIRST_YEAR + i))
    .flat()
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => holiday.date.slice(0, 10))
    .filter((date) => !isWeekend(date)),
);

export function isBankHoliday(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) throw new RangeError(`the holiday oracle covers ${FIRST_YEAR} to ${LAST_YEAR} only`);
  return BANK_HOLIDAYS.has(iso);
}

const isWeekDay = (iso: string): boolean => !isWeekend(iso); // "week day" read as Monday to Friday

function lastWeekDayBefore(iso: string): string {
  let day = addDays(iso, -1);
  while (!isWeekDay(day)) day = addDays(day, -1);
  return day;
}

function nextWeekDayNotBankHoliday(iso: string): string {
  let day = addDays(iso, 1);
  while (!isWeekDay(day) || BANK_HOLIDAYS.has(day)) day = addDays(day, 1);
  return day;
}

/**
 * The Local Government Act 1972 s270(1) breaks, from the definitions' words: the Christmas break runs
 * from the last week day before Christmas Day to the first week day after it which is not a bank
 * holiday; the Easter break from the Thursday before to the Tuesday after Easter Day; a bank holiday
 * not in either has a break from the last week day before it to the next week day which is not a
 * bank holiday. Easter Day comes from date-holidays.
 */
const CHRISTMAS_AND_EASTER_BREAKS: ReadonlySet<string> = new Set(
  Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i).flatMap((year) => {
    const christmas = `${year}-12-25`;
    const easter = ORACLE.getHolidays(year).find((holiday) => holiday.name === 'Easter Sunday')!.date.slice(0, 10);
    return [
      ...daysFrom(lastWeekDayBefore(christmas), nextWeekDayNotBankHoliday(christmas)),
      ...daysFrom(addDays(easter, -3), addDays(easter, 2)),
    ];
  }),
);
const HOLIDAY_BREAKS: ReadonlySet<string> = new Set([
  ...CHRISTMAS_AND_EASTER_BREAKS,
  ...[...BANK_HOLIDAYS]
    .filter((holiday) => !CHRISTMAS_AND_EASTER_BREAKS.has(holiday))
    .flatMap((holiday) => daysFrom(lastWeekDayBefore(holiday), nextWeekDayNotBankHoliday(holiday))),
]);

export function isHolidayBreakDay(iso: string): boolean {
  isBankHoliday(iso); // checks the year is covered
  return HOLIDAY_BREAKS.has(iso);
}

/** Which days count, by day kind, read from DOMAIN.md and the statutes cited there. */
export function counts(kind: string, iso: string): boolean {
  switch (kind) {
    case 'calendar':
      return true;
    case 'working':
      return !isWeekend(iso) && !isBankHoliday(iso);
    case 'not-sunday-or-holiday':
      return !isSunday(iso) && !isBankHoliday(iso);
    case 'not-sunday-or-holiday-break':
      return !isSunday(iso) && !isBankHoliday(iso) && !isHolidayBreakDay(iso);
    default:
      throw new Error(`no oracle for day kind ${kind}`);
  }
}

/** The latest day of the kind with `clearDays` days of the kind strictly between it and `event`. */
export function clearDaysBefore(event: string, clearDays: number, kind: string): string {
  let counted = 0;
  for (let day = addDays(event, -1); ; day = addDays(day, -1)) {
    if (!counts(kind, day)) continue;
    if (counted === clearDays) return day;
    counted += 1;
  }
}

/** The days of the kind in a period of `days` of them beginning with `start`. */
export function daysBeginningWith(start: string, days: number, kind: string): string[] {
  const counted: string[] = [];
  for (let day = start; counted.length < days; day = addDays(day, 1)) if (counts(kind, day)) counted.push(day);
  return counted;
}
