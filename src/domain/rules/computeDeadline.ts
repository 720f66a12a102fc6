import type { Holiday, HolidayCalendar } from '../calendar/bankHolidays';
import { formatIsoDate, formatLongDate, isWeekend, parseIsoDate, weekdayOf, type EpochDay } from '../calendar/civilDate';
import { isDayOfKind, nthDayOfKindBefore, type DayKind } from '../calendar/dayKinds';
import { LONDON_TIME_ZONE, londonWallClockToUtc } from '../calendar/londonTime';
import type { Confidence, LegalBasis } from '../legalBasis';
import { describeDeadline } from './describeDeadline';
import { dueDay } from './dueDay';
import type { DeadlineRule } from './ruleSchema';

export interface DeadlineExplanation {
  /** Which days counted; absent for rules that count months, years or name a fixed date. */
  readonly dayKind?: DayKind;
  /** The days that counted towards the period, in order. */
  readonly daysCounted: readonly string[];
  readonly holidaysSkipped: ReadonlyArray<Pick<Holiday, 'date' | 'name' | 'source'>>;
  readonly weekendsSkipped: readonly string[];
  /** Days of a Christmas, Easter or bank holiday break that are neither Sundays nor bank holidays (Christmas Eve, Maundy Thursday). */
  readonly breakDaysSkipped: readonly string[];
}

export interface Deadline {
  readonly rule: string;
  readonly title: string;
  readonly from: string;
  /** `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm` London wall-clock time for timed rules. */
  readonly due: string;
  readonly timezone?: typeof LONDON_TIME_ZONE;
  /** The same instant in UTC, for timers, when the rule has a time. */
  readonly dueUtc?: string;
  readonly basis: LegalBasis;
  readonly confidence: Confidence;
  readonly explanation: DeadlineExplanation;
  readonly warnings: readonly string[];
  /** One sentence for a board secretary. */
  readonly summary: string;
}

/** What a day-counting rule counted, as days: the explanation and the sentence are both written from it. */
export interface DayCount {
  readonly kind: DayKind;
  readonly counted: readonly EpochDay[];
  readonly holidays: ReadonlyArray<{ readonly day: EpochDay; readonly holiday: Holiday }>;
  readonly weekends: readonly EpochDay[];
  readonly breakDays: readonly EpochDay[];
}

/** The days between anchor and due date that counted or were skipped; none for months, years and fixed dates. */
function countDays(rule: DeadlineRule, from: EpochDay, due: EpochDay, calendar: HolidayCalendar): DayCount | undefined {
  const computation = rule.computation;
  if (computation.kind !== 'clear-days-before' && computation.kind !== 'days-beginning-with') return undefined;
  const [first, last] = computation.kind === 'clear-days-before' ? [due + 1, from - 1] : [from, due];
  const kind = computation.dayKind;
  const counted: EpochDay[] = [];
  const holidays: Array<{ day: EpochDay; holiday: Holiday }> = [];
  const weekends: EpochDay[] = [];
  const breakDays: EpochDay[] = [];
  for (let day = first; day <= last; day += 1) {
    const holiday = calendar.byDay.get(day);
    if (isDayOfKind(calendar, kind, day)) counted.push(day);
    // A holiday on a day that never counts (Christmas on a Saturday) is reported as a weekend day.
    else if (kind === 'working' ? isWeekend(day) : weekdayOf(day) === 0) weekends.push(day);
    else if (holiday) holidays.push({ day, holiday });
    else breakDays.push(day);
  }
  return { kind, counted, holidays, weekends, breakDays };
}

function explanationOf(count: DayCount | undefined): DeadlineExplanation {
  if (!count) return { daysCounted: [], holidaysSkipped: [], weekendsSkipped: [], breakDaysSkipped: [] };
  return {
    dayKind: count.kind,
    daysCounted: count.counted.map(formatIsoDate),
    holidaysSkipped: count.holidays.map(({ holiday }) => ({ date: holiday.date, name: holiday.name, source: holiday.source })),
    weekendsSkipped: count.weekends.map(formatIsoDate),
    breakDaysSkipped: count.breakDays.map(formatIsoDate),
  };
}

function nonWorkingDayWarning(rule: DeadlineRule, due: EpochDay, calendar: HolidayCalendar): string | undefined {
  if (isDayOfKind(calendar, 'working', due)) return undefined;
  const holiday = calendar.byDay.get(due);
  const what = holiday ? `a bank holiday (${holiday.name})` : 'a weekend day';
  const consequence =
    rule.computation.kind === 'fixed-annual-date'
      ? 'the date is fixed and does not move'
      : 'the period is not extended';
  return `${formatLongDate(due)} is ${what}: ${consequence}, so plan to act by ${formatLongDate(nthDayOfKindBefore(calendar, 'working', due, 1))}.`;
}

function warningsFor(rule: DeadlineRule, due: EpochDay, calendar: HolidayCalendar): string[] {
  const warnings: string[] = [];
  const nonWorkingDay = nonWorkingDayWarning(rule, due, calendar);
  if (nonWorkingDay) warnings.push(nonWorkingDay);
  if (rule.confidence === 'unconfirmed') {
    warnings.push(`Unconfirmed timing: ${rule.note ?? 'a configurable default, not checked against the legal text.'}`);
  }
  return warnings;
}

function assertInCalendar(calendar: HolidayCalendar, day: EpochDay): void {
  if (day < calendar.firstDay || day > calendar.lastDay) {
    throw new RangeError(
      `the calendar covers ${formatIsoDate(calendar.firstDay)} to ${formatIsoDate(calendar.lastDay)} only`,
    );
  }
}

/** Settings of the body the deadline is for. */
export interface BodySettings {
  /** How this body reads "clear days" for meeting papers (e.g. a parish council: not Sundays or holiday break days). */
  readonly dayKind?: DayKind;
}

/**
 * The rule as it applies to a body: the body's day kind replaces the working-day reading of clear
 * days. Calendar-day notices and "days beginning with" periods are fixed by statute and stay as they are.
 */
export function ruleForBody(rule: DeadlineRule, body: BodySettings): DeadlineRule {
  const computation = rule.computation;
  if (!body.dayKind || computation.kind !== 'clear-days-before' || computation.dayKind === 'calendar') return rule;
  return { ...rule, computation: { ...computation, dayKind: body.dayKind } };
}

/** Applies a deadline rule to its anchor date (`YYYY-MM-DD`) and says why the answer is what it is. */
export function computeDeadline(ruleAsDefined: DeadlineRule, from: string, calendar: HolidayCalendar, body: BodySettings = {}): Deadline {
  const rule = ruleForBody(ruleAsDefined, body);
  const fromDay = parseIsoDate(from);
  assertInCalendar(calendar, fromDay);
  const due = dueDay(rule.computation, fromDay, calendar);
  assertInCalendar(calendar, due);
  const count = countDays(rule, fromDay, due, calendar);
  const time = rule.computation.kind === 'clear-days-before' ? rule.computation.time : undefined;
  const dueDate = formatIsoDate(due);
  const instant = time === undefined ? undefined : londonWallClockToUtc(dueDate, time);
  const warnings = warningsFor(rule, due, calendar);
  const summary = describeDeadline(rule, { from: fromDay, due, time, summerTime: instant?.offsetMinutes === 60, count, warnings });
  return {
    rule: rule.id,
    title: rule.title,
    from: formatIsoDate(fromDay),
    ...(instant ? { due: `${dueDate}T${time}`, timezone: LONDON_TIME_ZONE, dueUtc: instant.utc } : { due: dueDate }),
    basis: rule.basis,
    confidence: rule.confidence,
    explanation: explanationOf(count),
    warnings,
    summary,
  };
}
