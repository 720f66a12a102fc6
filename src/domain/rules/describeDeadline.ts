import { formatLongDate, MONTH_NAMES, parseIsoDate } from '../calendar/civilDate';
import { formatDayList } from '../calendar/dateLists';
import type { DayKind } from '../calendar/dayKinds';
import { londonWallClockToUtc } from '../calendar/londonTime';
import type { Deadline } from './computeDeadline';
import type { DeadlineRule } from './ruleSchema';

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
  if (kind === 'working') return [`${prefix}working day`, `${prefix}working days`];
  if (kind === 'calendar') return [`${prefix}day`, `${prefix}days`];
  return [`${prefix}day (Sundays and bank holidays excluded)`, `${prefix}days (Sundays and bank holidays excluded)`];
}

function method(rule: DeadlineRule, from: string): string {
  const anchor = `${formatLongDate(parseIsoDate(from))} (${rule.anchor.name})`;
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
      return `the fixed date of ${computation.day} ${MONTH_NAMES[computation.month - 1]}, next on or after ${formatLongDate(parseIsoDate(from))}`;
  }
}

function dueWords(deadline: Omit<Deadline, 'summary'>): string {
  const [date, time] = deadline.due.split('T');
  const day = formatLongDate(parseIsoDate(date!));
  if (!time) return day;
  const zone = londonWallClockToUtc(date!, time).offsetMinutes === 60 ? 'BST' : 'GMT';
  return `${time} ${zone} on ${day}`;
}

function countedWords(deadline: Omit<Deadline, 'summary'>): string[] {
  const { daysCounted, holidaysSkipped, weekendsSkipped } = deadline.explanation;
  const sentences: string[] = [];
  if (daysCounted.length > 0) {
    sentences.push(
      daysCounted.length <= MAX_DAYS_LISTED
        ? `Days counted: ${formatDayList(daysCounted.map(parseIsoDate))}.`
        : `${daysCounted.length} days counted.`,
    );
  }
  if (holidaysSkipped.length > 0) {
    sentences.push(`Bank holidays skipped: ${holidaysSkipped.map((h) => `${h.name} (${formatLongDate(parseIsoDate(h.date))})`).join(', ')}.`);
  }
  if (weekendsSkipped.length > 0) sentences.push(`Weekend days skipped: ${formatDayList(weekendsSkipped.map(parseIsoDate))}.`);
  return sentences;
}

/** "Publish the agenda by Tuesday 16 July 2019: five clear working days before Wednesday 24 July 2019 (the meeting). …" */
export function describeDeadline(rule: DeadlineRule, deadline: Omit<Deadline, 'summary'>): string {
  return [
    `${rule.action} by ${dueWords(deadline)}: ${method(rule, deadline.from)}.`,
    ...countedWords(deadline),
    ...deadline.warnings,
    `Basis: ${rule.basis.citation} (${rule.confidence}).`,
  ].join(' ');
}
