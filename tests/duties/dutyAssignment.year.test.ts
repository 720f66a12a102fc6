import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { addCalendarMonths, formatIsoDate, londonWallClockToUtc, parseIsoDate } from '../../src/domain';
import { stateQuery, recordOutcomeUpdate } from '../../workflows/dutyAssignment';
import { DutyHarness } from '../support/dutyHarness';
import { createTimeSkippingTestEnv } from '../support/temporal';
import { morning, plusDays } from '../support/testDates';

// A statutory year of two duties on the time-skipping server: every reminder and escalation at its
// time, each email read back from the SMTP server.
jest.setTimeout(300_000);

const DAY = 24 * 60 * 60 * 1000;

let env: TestWorkflowEnvironment;
let harness: DutyHarness;

beforeAll(async () => {
  env = await createTimeSkippingTestEnv();
  harness = await DutyHarness.start(env);
  await harness.addBody('scrutiny', 'Overview and Scrutiny Performance Board', 'committee');
  await harness.addBody('channel', 'Channel panel', 'panel');
  await harness.addPerson('officer@example.org', 'Sam Officer');
  await harness.addPerson('manager@example.org', 'Morgan Manager');
  await harness.addPerson('chair@example.org', 'Cam Chair');
  await harness.addPerson('hods@example.org', 'Hari Head', [{ body: 'scrutiny', role: 'Head of democratic services' }]);
  await harness.addPerson('prevent@example.org', 'Pat Prevent');
  await harness.addPerson('dph@example.org', 'Dana Director', [{ body: 'channel', role: 'Director of public health' }]);
}, 300_000);

afterAll(async () => {
  await harness?.stop();
  await env?.teardown();
});

test('a rolling duty over a year: reminders at 90, 30 and 7 days, then overdue with escalation, met late, and the next period counts from the date met', async () => {
  const opensOn = await harness.today();
  const due = formatIsoDate(addCalendarMonths(parseIsoDate(opensOn), 12));
  const { assignmentId, handle } = await harness.assign({
    duty: 'crime-disorder-scrutiny',
    body: 'scrutiny',
    owner: 'officer@example.org',
    chair: 'chair@example.org',
    opensOn,
  });

  // Twenty days past the due date: the first escalation step went to the role's holder; nobody
  // holds the second step's role (Monitoring officer), so the assignment's chair stands in.
  const metOn = plusDays(due, 20);
  await env.sleep(londonWallClockToUtc(metOn, '12:00').epochMs - (await env.currentTimeMs()));

  const notices = await harness.notices(assignmentId);
  expect(notices.map((n) => [n.step, n.fellDueAt])).toEqual([
    ['reminder-90', morning(plusDays(due, -90))],
    ['reminder-30', morning(plusDays(due, -30))],
    ['reminder-7', morning(plusDays(due, -7))],
    ['escalation-1', morning(plusDays(due, 1))],
    ['escalation-2', morning(plusDays(due, 15))],
  ]);
  expect(notices.map((n) => n.to)).toEqual([
    ['officer@example.org'],
    ['officer@example.org'],
    ['officer@example.org'],
    ['officer@example.org', 'hods@example.org'],
    ['officer@example.org', 'chair@example.org'],
  ]);
  expect((await handle.query(stateQuery)).status).toBe('overdue');

  const mail = await harness.mail();
  expect(mail.map((m) => m.subject)).toEqual([
    'Due in 90 days: The crime and disorder committee meets at least once in every twelve months (Overview and Scrutiny Performance Board)',
    'Due in 30 days: The crime and disorder committee meets at least once in every twelve months (Overview and Scrutiny Performance Board)',
    'Due in 7 days: The crime and disorder committee meets at least once in every twelve months (Overview and Scrutiny Performance Board)',
    'Escalated, overdue: The crime and disorder committee meets at least once in every twelve months (Overview and Scrutiny Performance Board)',
    'Escalated, overdue: The crime and disorder committee meets at least once in every twelve months (Overview and Scrutiny Performance Board)',
  ]);
  const [firstReminder, , , firstEscalation, secondEscalation] = mail;
  expect(firstReminder!.text).toContain('Sam Officer, this is due by');
  expect(firstReminder!.text).toContain('Legal basis: Police and Justice Act 2006 s19');
  expect(firstReminder!.text).toContain('Confidence: guidance.');
  expect(firstEscalation!.text).toContain('escalated to Hari Head (Head of democratic services)');
  expect(secondEscalation!.text).toContain("escalated to Cam Chair (the assignment's chair, as nobody in Overview and Scrutiny Performance Board holds the role Monitoring officer)");
  expect(secondEscalation!.text).toContain('(15 days overdue)');
  const ics = firstReminder!.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  expect(ics?.content.toString()).toContain(`DTSTART;VALUE=DATE:${due.replace(/-/g, '')}`);

  const recorded = await handle.executeUpdate(recordOutcomeUpdate, {
    args: [{ outcome: 'met', date: metOn, evidence: 'https://example.org/minutes/scrutiny', by: 'officer@example.org' }],
  });
  expect(recorded).toEqual({ sequence: 1, status: 'met-late', nextOpensOn: metOn });

  // The next occurrence opens on the date met, due twelve months after it.
  await env.sleep(DAY);
  await harness.recordHistory(handle, 'dutyAssignment-rolling-year');
  const next = await handle.query(stateQuery);
  expect(next.occurrence).toMatchObject({ sequence: 2, opensOn: metOn, due: formatIsoDate(addCalendarMonths(parseIsoDate(metOn), 12)) });
  expect(next.status).toBe('upcoming');
  const rows = await harness.db.prisma.occurrence.findMany({ where: { assignmentId }, orderBy: { sequence: 'asc' } });
  expect(rows.map((r) => [r.sequence, r.status, r.metOn?.toISOString().slice(0, 10) ?? null, r.evidence])).toEqual([
    [1, 'met_late', metOn, 'https://example.org/minutes/scrutiny'],
    [2, 'open', null, null],
  ]);
  expect(rows[0]).toMatchObject({ ruleId: 'crime-disorder-scrutiny', ruleConfidence: 'guidance', recordedBy: 'officer@example.org' });
});

test('a fixed-date duty over a year: reminders before 10 May, met early, and the next occurrence follows the calendar', async () => {
  const opensOn = await harness.today();
  const { year } = { year: Number(opensOn.slice(0, 4)) };
  const due = `${opensOn.slice(5) <= '05-10' ? year : year + 1}-05-10`;
  const { assignmentId, handle } = await harness.assign({ duty: 'channel-assurance-statement', body: 'channel', owner: 'prevent@example.org', opensOn });

  const metOn = plusDays(due, -3);
  await env.sleep(londonWallClockToUtc(metOn, '12:00').epochMs - (await env.currentTimeMs()));
  expect((await harness.notices(assignmentId)).map((n) => [n.step, n.fellDueAt])).toEqual([
    ['reminder-60', morning(plusDays(due, -60))],
    ['reminder-21', morning(plusDays(due, -21))],
    ['reminder-7', morning(plusDays(due, -7))],
  ]);
  const reminder = (await harness.mail()).at(-1)!;
  expect(reminder.subject).toBe('Due in 7 days: Return the Channel annual assurance statement, endorsed by the chief executive (Channel panel)');
  expect(reminder.text).toContain('Confidence: unconfirmed.');

  expect(await handle.executeUpdate(recordOutcomeUpdate, { args: [{ outcome: 'met', date: metOn }] })).toEqual({
    sequence: 1,
    status: 'met',
    nextOpensOn: plusDays(due, 1),
  });
  // To a year after assignment: the next statement is due on 10 May of the following year, and nothing more was sent.
  await env.sleep(londonWallClockToUtc(plusDays(opensOn, 365), '12:00').epochMs - (await env.currentTimeMs()));
  const state = await handle.query(stateQuery);
  expect(state.occurrence).toMatchObject({ sequence: 2, due: `${Number(due.slice(0, 4)) + 1}-05-10` });
  expect(await harness.notices(assignmentId)).toHaveLength(3);
});
