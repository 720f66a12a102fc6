import { DEFAULT_CATALOGUE, deadlineFor } from '../../src/domain/catalogue/catalogue';
import type { DayKind } from '../../src/domain/calendar/dayKinds';
import type { BodySettings, Deadline } from '../../src/domain/rules/computeDeadline';
import type { DeadlineRule } from '../../src/domain/rules/ruleSchema';
import * as oracle from './oracles';

const FIRST_ANCHOR = '2019-01-01';
const LAST_ANCHOR = '2026-12-31';
/** The readings of clear days a body can choose; each clear-day rule is checked under every one. */
const BODY_DAY_KINDS: readonly DayKind[] = ['working', 'not-sunday-or-holiday', 'not-sunday-or-holiday-break'];

const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** Which days a kind never counts, whatever the holidays: the days it reports as weekend days. */
const neverCounts = (kind: string, day: string): boolean =>
  kind === 'working' ? oracle.isWeekend(day) : kind !== 'calendar' && oracle.isSunday(day);

/**
 * Every day between the anchor and the due day is listed once, in order, as counted or skipped,
 * and each is of the kind the list says (checked against the oracles, not the engine's calendar).
 */
function checkDaysListed(deadline: Deadline, kind: string, period: readonly string[], fail: (what: string) => void): void {
  const { dayKind, daysCounted, holidaysSkipped, weekendsSkipped, breakDaysSkipped } = deadline.explanation;
  if (dayKind !== kind) fail(`explained as ${dayKind} days, computed as ${kind}`);
  const lists = [daysCounted, holidaysSkipped.map((holiday) => holiday.date), weekendsSkipped, breakDaysSkipped];
  const listed = lists.flat().sort();
  if (listed.join() !== period.join()) fail(`listed ${listed.join()} for the period ${period[0]} to ${period.at(-1)}`);
  for (const list of lists) {
    if (list.join() !== [...list].sort().join()) fail(`days out of order: ${list.join()}`);
  }
  for (const day of daysCounted) if (!oracle.counts(kind, day)) fail(`${day} counted but not a ${kind} day`);
  for (const { date } of holidaysSkipped) {
    if (!oracle.isBankHoliday(date) || neverCounts(kind, date)) fail(`${date} skipped as a bank holiday`);
  }
  for (const day of weekendsSkipped) if (!neverCounts(kind, day)) fail(`${day} skipped as a weekend day`);
  for (const day of breakDaysSkipped) {
    const breakDay = kind === 'not-sunday-or-holiday-break' && oracle.isHolidayBreakDay(day);
    if (!breakDay || oracle.isSunday(day) || oracle.isBankHoliday(day)) fail(`${day} skipped as another day of a holiday break`);
  }
}

/** The due day an independent walk of the calendar gives, and the days it covers when it counts days. */
function expected(rule: DeadlineRule, from: string): { due: string; kind?: string; period?: string[] } {
  const computation = rule.computation;
  switch (computation.kind) {
    case 'clear-days-before': {
      const due = oracle.clearDaysBefore(from, computation.days, computation.dayKind);
      return { due, kind: computation.dayKind, period: oracle.daysFrom(oracle.addDays(due, 1), oracle.addDays(from, -1)) };
    }
    case 'days-beginning-with': {
      const counted = oracle.daysBeginningWith(from, computation.days, computation.dayKind);
      return { due: counted.at(-1)!, kind: computation.dayKind, period: oracle.daysFrom(from, counted.at(-1)!) };
    }
    case 'calendar-months-after':
      return { due: oracle.calendarMonthsAfter(from, computation.months) };
    case 'years-beginning-with':
      return { due: oracle.lastOfYearsBeginningWith(from, computation.years) };
    case 'fixed-annual-date':
      return { due: oracle.nextAnnualDate(from, computation.month, computation.day) };
  }
}

function checkDeadline(rule: DeadlineRule, from: string, body: BodySettings, fail: (what: string) => void): void {
  const deadline = deadlineFor(DEFAULT_CATALOGUE, rule.id, from, body);
  const asApplied: DeadlineRule =
    body.dayKind && rule.computation.kind === 'clear-days-before' && rule.computation.dayKind !== 'calendar'
      ? { ...rule, computation: { ...rule.computation, dayKind: body.dayKind } }
      : rule;
  const want = expected(asApplied, from);
  const due = deadline.due.slice(0, 10);
  if (due !== want.due) fail(`due ${due}, expected ${want.due}`);
  if (want.kind && want.period) checkDaysListed(deadline, want.kind, want.period, fail);
  else if (deadline.explanation.dayKind !== undefined || deadline.explanation.daysCounted.length > 0) fail('lists days for a period that counts none');

  const onDayOff = oracle.isWeekend(due) || oracle.isBankHoliday(due);
  const offDayWarnings = deadline.warnings.filter((warning) => !warning.startsWith('Unconfirmed timing: '));
  if (offDayWarnings.length !== (onDayOff ? 1 : 0)) fail(`${offDayWarnings.length} warnings about the day it falls on`);
  if ((rule.confidence === 'unconfirmed') !== deadline.warnings.some((warning) => warning.startsWith('Unconfirmed timing: '))) {
    fail('unconfirmed label wrong');
  }

  if (deadline.dueUtc) {
    const parts = Object.fromEntries(london.formatToParts(new Date(deadline.dueUtc)).map((part) => [part.type, part.value]));
    if (`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}` !== deadline.due) fail(`${deadline.dueUtc} is not ${deadline.due} in London`);
  }
  if (!deadline.summary.startsWith(`${rule.action} by `)) fail('summary does not say what to do');
}

/** Every rule from every anchor day 2019–2026, against oracles that walk the calendar independently. */
describe.each(DEFAULT_CATALOGUE.rules.map((rule) => [rule.id, rule] as const))('%s from every day of 2019 to 2026', (_id, rule) => {
  const bodies: BodySettings[] =
    rule.computation.kind === 'clear-days-before' && rule.computation.dayKind !== 'calendar'
      ? BODY_DAY_KINDS.map((dayKind) => ({ dayKind }))
      : [{}];

  it.each(bodies.map((body) => [body.dayKind ?? 'as defined', body] as const))('matches the oracle (%s)', (_kind, body) => {
    const broken: string[] = [];
    for (const from of oracle.daysFrom(FIRST_ANCHOR, LAST_ANCHOR)) {
      checkDeadline(rule, from, body, (what) => broken.push(`${from}: ${what}`));
    }
    expect(broken).toEqual([]);
  });
});

describe('the oracles', () => {
  // Hand-checked values, so that an oracle that agrees with a wrong engine cannot pass unnoticed.
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-08-31', 6, '2026-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-10-15', 12, '2025-10-15'],
  ])('%s + %i calendar months = %s', (from, months, due) => {
    expect(oracle.calendarMonthsAfter(from, months)).toBe(due);
  });

  it.each([
    ['2021-12-01', 3, '2024-11-30'], // DOMAIN.md: first published 1 December 2021 → review by 30 November 2024
    ['2024-02-29', 3, '2027-02-28'],
    ['2024-02-29', 4, '2028-02-28'],
    ['2023-03-01', 1, '2024-02-29'],
  ])('%s for %i years ends on %s', (from, years, due) => {
    expect(oracle.lastOfYearsBeginningWith(from, years)).toBe(due);
  });

  it('counts days as DOMAIN.md does', () => {
    expect(oracle.clearDaysBefore('2025-04-24', 5, 'working')).toBe('2025-04-14'); // DOMAIN.md worked example
    expect(oracle.clearDaysBefore('2025-01-15', 5, 'working')).toBe('2025-01-07'); // DOMAIN.md worked example
    expect(oracle.daysBeginningWith('2025-05-07', 28, 'calendar').at(-1)).toBe('2025-06-03'); // DOMAIN.md: 7 May → 3 June
    expect(oracle.isBankHoliday('2021-12-25')).toBe(false); // a Saturday: 27 and 28 December are the holidays
    expect(oracle.isBankHoliday('2021-12-28')).toBe(true);
  });
});
