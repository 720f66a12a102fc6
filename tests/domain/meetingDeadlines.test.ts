import {
  clockNoticesDue,
  clocksPlan,
  DEFAULT_CATALOGUE,
  londonWallClockToUtc,
  meetingDeadlines,
  meetingDefinitionOf,
  meetingSettingsSchema,
  nextClockPoint,
} from '../../src/domain';

const nine = (date: string) => londonWallClockToUtc(date, '09:00').epochMs;

describe('meetingDeadlines', () => {
  // DOMAIN.md's example: a meeting on Thursday 24 April 2025, after Good Friday and Easter Monday.
  const definition = meetingDefinitionOf(DEFAULT_CATALOGUE, meetingSettingsSchema.parse({ keyDecision: true }));
  const byClock = Object.fromEntries(meetingDeadlines(definition, '2025-04-24').map((d) => [d.clock, d]));

  it('derives every deadline from its rule', () => {
    expect(byClock.agenda?.due).toEqual({ date: '2025-04-14' });
    expect(byClock['public-participation']?.due).toEqual({ date: '2025-04-23', time: '09:00' });
    expect(byClock['key-decision']?.due).toEqual({ date: '2025-03-26' });
    // Five clear working days (7-11 April) before the agenda day.
    expect(byClock.report?.due).toEqual({ date: '2025-04-04' });
    // Ten working days beginning with Friday 25 April, skipping the early May bank holiday.
    expect(byClock.minutes?.due).toEqual({ date: '2025-05-09' });
    expect(byClock.minutes?.explanation).toContain('Early May bank holiday');
  });

  it('follows the body settings', () => {
    const settings = meetingSettingsSchema.parse({ reportClearDays: 2, minutesWorkingDays: 5 });
    const deadlines = meetingDeadlines(meetingDefinitionOf(DEFAULT_CATALOGUE, settings), '2025-04-24');
    expect(deadlines.map((d) => [d.clock, d.due.date])).toEqual([
      ['report', '2025-04-09'],
      ['agenda', '2025-04-14'],
      ['public-participation', '2025-04-23'],
      ['minutes', '2025-05-01'],
    ]);
  });
});

describe('clocksPlan', () => {
  const plans = clocksPlan([
    { name: 'agenda', due: { date: '2025-04-14' }, reminderLeadDays: [3], escalation: [] },
    { name: 'report', due: { date: '2025-04-04' }, reminderLeadDays: [3], escalation: [] },
  ]);

  it('wakes for the earliest point of any clock and sends one notice per clock', () => {
    expect(nextClockPoint(plans, new Set())).toMatchObject({ clock: 'report', point: { step: 'due-soon' } });
    const due = clockNoticesDue(plans, nine('2025-04-11'), new Set());
    expect(due.notices.map((n) => [n.clock, n.notice.step])).toEqual([
      ['agenda', 'reminder-3'],
      ['report', 'overdue'],
    ]);
    expect(due.handled).toContain('report/reminder-3');
    expect(clockNoticesDue(plans, nine('2025-04-11'), new Set(due.handled)).notices).toEqual([]);
  });
});
