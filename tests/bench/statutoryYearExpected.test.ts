import { expectedYear, yearAssignments } from '../../bench/statutoryYear.bench';
import { addCalendarMonths, formatIsoDate, londonWallClockToUtc, parseIsoDate } from '../../src/domain';
import { plusDays } from '../support/testDates';

// The statutory-year benchmark's expected email count, checked against what the time-skipping year
// test (tests/duties/dutyAssignment.year.test.ts) saw the workflow send.
const at = (date: string, time = '12:00') => londonWallClockToUtc(date, time).epochMs;

test('a rolling duty up to twenty days overdue: three reminders, then the overdue notice with escalation 1 as one email, then escalation 2', () => {
  const opensOn = '2030-04-01';
  const due = formatIsoDate(addCalendarMonths(parseIsoDate(opensOn), 12));
  const expected = expectedYear([{ duty: 'crime-disorder-scrutiny', body: 'b', opensOn }], at(opensOn, '06:00'), at(plusDays(due, 20)));
  expect(expected.emails).toBe(5);
  expect(expected.byKind).toEqual({ reminder: 3, overdue: 0, escalation: 2 });
  // due-soon changes the status only; overdue and escalation-1 (afterDays 0) fall at the same instant.
  expect(expected).toMatchObject({ silentDueSoon: 1, sameInstant: 1, collapsedAtStart: 0, merged: 2 });
});

test('points already passed at the start collapse into one notice', () => {
  const start = '2030-04-01';
  // Due in about ten days: the reminders at 90 and 30 days and due-soon have passed, so the first wake sends one reminder (30).
  const opensOn = plusDays(start, 10 - 365);
  const expected = expectedYear([{ duty: 'crime-disorder-scrutiny', body: 'b', opensOn }], at(start, '06:00'), at(plusDays(start, 1)));
  expect(expected.emails).toBe(1);
  expect(expected.collapsedAtStart).toBe(2);
});

test('the assignments cover every duty, one per body and duty, and the year implies emails of every kind', () => {
  const { assignments, bodies } = yearAssignments(200, '2030-04-01');
  expect(new Set(assignments.map((a) => `${a.body}:${a.duty}`)).size).toBe(200);
  expect(bodies).toHaveLength(6);
  const expected = expectedYear(assignments, at('2030-04-01', '06:00'), at('2031-04-01', '06:00'));
  expect(expected.emails).toBe(expected.byKind.reminder + expected.byKind.overdue + expected.byKind.escalation);
  expect(expected.byKind.escalation).toBeGreaterThan(0);
  expect(expected.merged).toBe(expected.silentDueSoon + expected.sameInstant + expected.collapsedAtStart);
});
