import { londonWallClockToUtc, noticesDue, occurrencePlan, statusAt, nextPointAfter, type PlanPoint } from '../../src/domain';

const at = (date: string, time = '09:00') => londonWallClockToUtc(date, time).epochMs;
const yearly = { reminderLeadDays: [90, 30, 7], escalation: [{ afterDays: 0, toRole: 'Head of democratic services' }, { afterDays: 14, toRole: 'Monitoring officer' }] };
const steps = (plan: readonly PlanPoint[]) => plan.map((point) => [point.step, new Date(point.at).toISOString()]);

describe('occurrencePlan', () => {
  test('reminders at 09:00 London on each lead day, due soon 14 days before, overdue and escalations on the mornings after', () => {
    // Every point falls in BST (from 28 March 2027), so 09:00 London is 08:00 UTC.
    expect(steps(occurrencePlan(yearly, { date: '2027-06-30' }))).toEqual([
      ['reminder-90', '2027-04-01T08:00:00.000Z'],
      ['reminder-30', '2027-05-31T08:00:00.000Z'],
      ['due-soon', '2027-06-16T08:00:00.000Z'],
      ['reminder-7', '2027-06-23T08:00:00.000Z'],
      ['overdue', '2027-07-01T08:00:00.000Z'],
      ['escalation-1', '2027-07-01T08:00:00.000Z'],
      ['escalation-2', '2027-07-15T08:00:00.000Z'],
    ]);
  });

  test('in winter 09:00 London is 09:00 UTC, and a reminder across the clock change keeps its local time', () => {
    const plan = occurrencePlan({ reminderLeadDays: [7], escalation: [] }, { date: '2027-04-02' });
    expect(steps(plan)).toEqual([
      ['due-soon', '2027-03-19T09:00:00.000Z'],
      ['reminder-7', '2027-03-26T09:00:00.000Z'],
      ['overdue', '2027-04-03T08:00:00.000Z'],
    ]);
  });

  test('a timed deadline is overdue at its time, and a same-day reminder comes an hour before it', () => {
    const plan = occurrencePlan({ reminderLeadDays: [1, 0], escalation: [{ afterDays: 2, toRole: 'Chair' }] }, { date: '2027-01-14', time: '09:00' });
    expect(steps(plan)).toEqual([
      ['due-soon', '2026-12-31T09:00:00.000Z'],
      ['reminder-1', '2027-01-13T09:00:00.000Z'],
      ['reminder-0', '2027-01-14T08:00:00.000Z'],
      ['overdue', '2027-01-14T09:00:00.000Z'],
      ['escalation-1', '2027-01-16T09:00:00.000Z'],
    ]);
  });
});

describe('noticesDue', () => {
  const plan = occurrencePlan(yearly, { date: '2027-06-30' });

  test('nothing before the first point', () => {
    expect(noticesDue(plan, at('2027-03-31'), new Set())).toEqual({ handled: [] });
  });

  test('exactly at a reminder point: that reminder', () => {
    expect(noticesDue(plan, at('2027-05-31'), new Set(['reminder-90']))).toEqual({
      notice: { kind: 'reminder', step: 'reminder-30', leadDays: 30 },
      fellDueAt: at('2027-05-31'),
      handled: ['reminder-30'],
    });
  });

  test('assigned after two reminder points passed: only the latest applies', () => {
    expect(noticesDue(plan, at('2027-06-01', '12:00'), new Set())).toEqual({
      notice: { kind: 'reminder', step: 'reminder-30', leadDays: 30 },
      fellDueAt: at('2027-05-31'),
      handled: ['reminder-90', 'reminder-30'],
    });
  });

  test('assigned when already overdue past every step: one overdue notice carrying the latest escalation', () => {
    const due = noticesDue(plan, at('2027-08-01'), new Set());
    expect(due.notice).toEqual({ kind: 'overdue', step: 'escalation-2', escalation: { number: 2, afterDays: 14, toRole: 'Monitoring officer' } });
    expect(due.handled).toHaveLength(plan.length);
    expect(nextPointAfter(plan, new Set(due.handled))).toBeUndefined();
  });

  test('the overdue point and a same-day escalation are one notice', () => {
    const handled = new Set(['reminder-90', 'reminder-30', 'due-soon', 'reminder-7']);
    expect(noticesDue(plan, at('2027-07-01'), handled).notice).toEqual({
      kind: 'overdue',
      step: 'escalation-1',
      escalation: { number: 1, afterDays: 0, toRole: 'Head of democratic services' },
    });
  });

  test('a status-only point sends nothing', () => {
    const handled = new Set(['reminder-90', 'reminder-30']);
    expect(noticesDue(plan, at('2027-06-16'), handled)).toEqual({ handled: ['due-soon'] });
  });
});

describe('statusAt', () => {
  const plan = occurrencePlan(yearly, { date: '2027-06-30' });
  test.each([
    ['2027-06-15', 'upcoming'],
    ['2027-06-16', 'due-soon'],
    ['2027-06-30', 'due-soon'],
    ['2027-07-01', 'overdue'],
  ])('on %s it is %s', (date, status) => {
    expect(statusAt(plan, at(date), false)).toBe(status);
  });
  test('paused wins', () => expect(statusAt(plan, at('2027-07-02'), true)).toBe('paused'));
});
