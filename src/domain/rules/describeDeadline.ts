import { formatLongDate, MONTH_NAMES, type EpochDay } from '../calendar/civilDate';
import { formatDayList } from '../calendar/dateLists';
import type { DayKind } from '../calendar/dayKinds';
import type { DayCount } from './computeDeadline';
import type { DeadlineRule } from './ruleSchema';

/** What the sentence is written from. */
export interface DeadlineFacts {
  readonly from: EpochDay;
  readonly due: EpochDay;
  /** London wall-clock time on the due day, for timed rules. */
  readonly time?: string;
  readonly summerTime: boolean;
  readonly count?: DayCount;
  readonly warnings: readonly string[];
}

const NUMBER_WORDS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
];
/** Longer lists of counted days are summarised by their number. */
const MAX_DAYS_LISTED = 10;

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${NUMBER_WORDS[n] ?? String(n)} ${n === 1 ? singular : plural}`;
}

/** "clear working days", "days (Sundays and bank holidays excluded)", … as [singular, plural]. */
function dayNoun(kind: DayKind, clear: boolean): [string, string] {
  const prefix = clear ? 'clear ' : '';
  switch (kind) {
    case 'working':
      return [`${prefix}working day`, `${prefix}working days`];
    case 'calendar':
      return [`${prefix}day`, `${prefix}days`];
    case 'not-sunday-or-holiday':
      return [`${prefix}day (Sundays and bank holidays excluded)`, `${prefix}days (Sundays and bank holidays excluded)`];
    case 'not-sunday-or-holiday-break':
      return [`${prefix}day (Sundays and holiday breaks excluded)`, `${prefix}days (Sundays and holiday breaks excluded)`];
  }
}

function method(rule: DeadlineRule, from: EpochDay): string {
  const anchor = `${formatLongDate(from)} (${rule.anchor.name})`;
  const computation = rule.computation;
  switch (computation.kind) {
    case 'clear-days-before':
      if (computation.days === 0) return `the ${dayNoun(computation.dayKind, false)[0]} before ${anchor}`;
      return `${count(computation.days, ...dayNoun(computation.dayKind, true))} before ${anchor}`;
    case 'days-beginning-with':
      return `the last of ${count(computation.days, ...dayNoun(computation.dayKind, false))} beginning with ${anchor}`;
    case 'calendar-months-after':
      return `within ${count(computation.months, 'calendar month')} of ${anchor}`;
    case 'years-beginning-with':
      return `the last day of the ${count(computation.years, 'year')} beginning with ${anchor}`;
    case 'fixed-annual-date':
      return `the fixed date of ${computation.day} ${MONTH_NAMES[computation.month - 1]}, next on or after ${formatLongDate(from)}`;
  }
}

function dueWords(facts: DeadlineFacts): string {
  const day = formatLongDate(facts.due);
  return facts.time === undefined ? day : `${facts.time} ${facts.summerTime ? 'BST' : 'GMT'} on ${day}`;
}

function countedWords(dayCount: DayCount | undefined): string[] {
  if (!dayCount) return [];
  const { counted, holidays, weekends, breakDays } = dayCount;
  const sentences: string[] = [];
  if (counted.length > 0) {
    sentences.push(counted.length <= MAX_DAYS_LISTED ? `Days counted: ${formatDayList(counted)}.` : `${counted.length} days counted.`);
  }
  if (holidays.length > 0) {
    sentences.push(`Bank holidays skipped: ${holidays.map(({ day, holiday }) => `${holiday.name} (${formatLongDate(day)})`).join(', ')}.`);
  }
  if (weekends.length > 0) sentences.push(`Weekend days skipped: ${formatDayList(weekends)}.`);
  if (breakDays.length > 0) {
    sentences.push(`Other days of the Christmas, Easter and bank holiday breaks skipped (Local Government Act 1972 s243): ${formatDayList(breakDays)}.`);
  }
  return sentences;
}

/** "Publish the agenda by Tuesday 16 July 2019: five clear working days before Wednesday 24 July 2019 (the meeting). …" */
export function describeDeadline(rule: DeadlineRule, facts: DeadlineFacts): string {
  return [
    `${rule.action} by ${dueWords(facts)}: ${method(rule, facts.from)}.`,
    ...countedWords(facts.count),
    ...facts.warnings,
    `Basis: ${rule.basis.citation} (${rule.confidence}).`,
  ].join(' ');
}
