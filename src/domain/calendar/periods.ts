import { civilDateOf, daysInMonth, epochDayOf, type EpochDay } from './civilDate';

/**
 * The corresponding date `months` calendar months later ("within one month" of 15 January is 15
 * February); with no corresponding date, the last day of that month (31 January → 28 or 29
 * February). Interpretation Act 1978 Sch 1 ("month" means calendar month); Dodds v Walker [1981] 1 WLR 1027.
 */
export function addCalendarMonths(start: EpochDay, months: number): EpochDay {
  const { year, month, day } = civilDateOf(start);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  return epochDayOf(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/**
 * The last day of `years` years beginning with `start`: 3 years beginning with 1 December 2021 end
 * on 30 November 2024. A period beginning with 29 February runs to 28 February, because its
 * anniversary in a common year is taken as 1 March.
 */
export function lastOfYearsBeginningWith(start: EpochDay, years: number): EpochDay {
  const { year, month, day } = civilDateOf(start);
  const targetYear = year + years;
  const anniversary =
    day <= daysInMonth(targetYear, month) ? epochDayOf(targetYear, month, day) : epochDayOf(targetYear, month + 1, 1);
  return anniversary - 1;
}

/** The next `month`/`day` on or after `from`. Fixed statutory dates never roll to a working day. */
export function nextAnnualDate(from: EpochDay, month: number, day: number): EpochDay {
  const { year } = civilDateOf(from);
  const thisYear = epochDayOf(year, month, day);
  return thisYear >= from ? thisYear : epochDayOf(year + 1, month, day);
}
