import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { FailureType } from '../../src/contracts/failures';
import { DutyStatusAttribute } from '../../src/contracts/searchAttributes';
import { formatLongDate, parseIsoDate } from '../../src/domain';
import {
  endUpdate,
  extendUpdate,
  pauseUpdate,
  recordOutcomeUpdate,
  rescheduleUpdate,
  resumeUpdate,
  stateQuery,
} from '../../workflows/dutyAssignment';
import { DutyHarness } from '../support/dutyHarness';
import { createTimeSkippingTestEnv } from '../support/temporal';
import { morning, plusDays } from '../support/testDates';

// Each lifecycle of one assignment on the time-skipping server, with the real activities, database and SMTP.
jest.setTimeout(300_000);


let env: TestWorkflowEnvironment;
let harness: DutyHarness;
let bodies = 0;

/** A fresh body (so each test has its own workflow ids) with an owner. */
async function freshBody(members: { email: string; role: string }[] = []): Promise<string> {
  bodies += 1;
  const body = `body-${bodies}`;
  await harness.addBody(body, `Test body ${bodies}`);
  for (const member of members) {
    const person = await harness.db.prisma.person.findUniqueOrThrow({ where: { email: member.email } });
    await harness.db.prisma.membership.create({ data: { bodyId: body, role: member.role, personId: person.id } });
  }
  return body;
}

const steps = async (assignmentId: string) => (await harness.notices(assignmentId)).map((n) => n.step);

beforeAll(async () => {
  env = await createTimeSkippingTestEnv();
  harness = await DutyHarness.start(env);
  await harness.addPerson('owner@example.org', 'Olu Owner');
  await harness.addPerson('dsm@example.org', 'Dee Services');
  await harness.addPerson('mo@example.org', 'Mo Officer');
}, 300_000);

afterAll(async () => {
  await harness?.stop();
  await env?.teardown();
});

test('reschedule while waiting: reminders follow the new date at once', async () => {
  const body = await freshBody();
  const meeting = plusDays(await harness.today(), 40);
  const { assignmentId, handle } = await harness.assign({ duty: 'agenda-publication', body, owner: 'owner@example.org', opensOn: meeting });
  const due = (await handle.query(stateQuery)).occurrence.due;
  await harness.sleepUntil(plusDays(due, -10));
  expect(await steps(assignmentId)).toEqual(['reminder-10']);

  const moved = plusDays(due, 14);
  const state = await handle.executeUpdate(rescheduleUpdate, { args: [{ due: moved, reason: 'meeting moved to a later date' }] });
  expect(state.occurrence).toMatchObject({ statutoryDue: moved, due: moved });
  expect(state.nextNotice).toEqual({ step: 'reminder-10', kind: 'reminder', at: morning(plusDays(moved, -10)) });

  await harness.sleepUntil(plusDays(moved, -1));
  const notices = await harness.notices(assignmentId);
  expect(notices.map((n) => [n.step, n.fellDueAt])).toEqual([
    ['reminder-10', morning(plusDays(due, -10))],
    ['reminder-10', morning(plusDays(moved, -10))],
    ['reminder-3', morning(plusDays(moved, -3))],
    ['reminder-1', morning(plusDays(moved, -1))],
  ]);
  const occurrence = await harness.db.prisma.occurrence.findFirstOrThrow({ where: { assignmentId } });
  expect(occurrence.statutoryDue.toISOString().slice(0, 10)).toBe(moved);
  const audit = await harness.db.prisma.auditEvent.findMany({ where: { subject: `assignment:${assignmentId}`, kind: 'assignment.reschedule' } });
  expect(audit.map((event) => (event.detail as { reason: string }).reason)).toEqual(['meeting moved to a later date']);

  // An event-driven duty ends with its one occurrence.
  expect(await handle.executeUpdate(recordOutcomeUpdate, { args: [{ outcome: 'met', date: plusDays(moved, -1) }] })).toEqual({ sequence: 1, status: 'met' });
  expect((await harness.result(handle)).endedBecause).toContain('does not recur');
  await harness.recordHistory(handle, 'dutyAssignment-rescheduled');
  expect(await harness.db.prisma.assignment.findUniqueOrThrow({ where: { id: assignmentId } })).toMatchObject({ status: 'ended', liveKey: null });
});

test('extend: no overdue notice at the statutory date, and an outcome before the agreed date is met, not late', async () => {
  const body = await freshBody();
  const opensOn = await harness.today();
  const { assignmentId, handle } = await harness.assign({ duty: 'dpi-registration', body, owner: 'owner@example.org', opensOn });
  const statutory = (await handle.query(stateQuery)).occurrence.statutoryDue;
  expect(statutory).toBe(plusDays(opensOn, 27)); // 28 days beginning with the day of election

  const agreed = plusDays(statutory, 10);
  await expect(handle.executeUpdate(extendUpdate, { args: [{ due: statutory, reason: 'not later' }] })).rejects.toThrow(WorkflowUpdateFailedError);
  const state = await handle.executeUpdate(extendUpdate, { args: [{ due: agreed, reason: 'member in hospital' }] });
  expect(state.occurrence).toMatchObject({ statutoryDue: statutory, agreedDue: agreed, due: agreed });

  await harness.sleepUntil(plusDays(statutory, 5));
  // The reminders follow the agreed date, and the statutory date passes without an overdue notice.
  expect((await harness.notices(assignmentId)).map((n) => [n.step, n.fellDueAt])).toEqual([
    ['reminder-21', morning(plusDays(agreed, -21))],
    ['reminder-7', morning(plusDays(agreed, -7))],
  ]);
  expect((await handle.query(stateQuery)).status).toBe('due-soon');
  const lastReminder = (await harness.notices(assignmentId)).at(-1)!;
  const email = (await harness.mail()).find((m) => m.subject === lastReminder.subject && m.text.includes('member in hospital'));
  expect(email?.text).toContain(`Statutory date: ${formatLongDate(parseIsoDate(statutory))} (extended: member in hospital)`);

  expect(await handle.executeUpdate(recordOutcomeUpdate, { args: [{ outcome: 'met', date: plusDays(statutory, 5) }] })).toMatchObject({ status: 'met' });
  const occurrence = await harness.db.prisma.occurrence.findFirstOrThrow({ where: { assignmentId } });
  expect(occurrence).toMatchObject({ status: 'met', agreedDueReason: 'member in hospital' });
  expect(occurrence.dueOn.toISOString().slice(0, 10)).toBe(agreed);
});

test('pause and resume: nothing is sent while paused, then one notice for what passed', async () => {
  const body = await freshBody();
  const opensOn = await harness.today();
  const { assignmentId, handle } = await harness.assign({ duty: 'channel-panel', body, owner: 'owner@example.org', opensOn });
  const due = (await handle.query(stateQuery)).occurrence.due;
  const paused = await handle.executeUpdate(pauseUpdate, { args: [{ reason: 'panel suspended during review' }] });
  expect(paused).toMatchObject({ status: 'paused', pauseReason: 'panel suspended during review' });
  expect(paused.nextNotice).toBeUndefined();
  await expect(handle.executeUpdate(pauseUpdate, { args: [{ reason: 'again' }] })).rejects.toThrow(WorkflowUpdateFailedError);

  await harness.sleepUntil(plusDays(due, 3));
  expect(await steps(assignmentId)).toEqual([]);
  expect((await harness.db.prisma.assignment.findUniqueOrThrow({ where: { id: assignmentId } })).status).toBe('paused');
  expect((await handle.describe()).typedSearchAttributes.get(DutyStatusAttribute)).toBe('paused');

  expect((await handle.executeUpdate(resumeUpdate, { args: [{}] })).status).not.toBe('paused');
  await env.sleep(60_000);
  // Reminders at 7 and 1 days and the overdue point all passed while paused: one overdue notice.
  expect(await steps(assignmentId)).toEqual(['overdue']);
  expect((await handle.query(stateQuery)).nextNotice).toMatchObject({ step: 'escalation-1', at: morning(plusDays(due, 8)) });
  await harness.recordHistory(handle, 'dutyAssignment-pause-resume');
  expect((await harness.db.prisma.assignment.findUniqueOrThrow({ where: { id: assignmentId } })).status).toBe('active');
});

test('an outcome during escalation stops it and is met late', async () => {
  const body = await freshBody([{ email: 'dsm@example.org', role: 'Democratic services manager' }, { email: 'mo@example.org', role: 'Monitoring officer' }]);
  const meeting = plusDays(await harness.today(), 20);
  const { assignmentId, handle } = await harness.assign({ duty: 'agenda-publication', body, owner: 'owner@example.org', opensOn: meeting });
  const due = (await handle.query(stateQuery)).occurrence.due;
  await harness.sleepUntil(plusDays(due, 1));
  expect(await steps(assignmentId)).toEqual(['reminder-10', 'reminder-3', 'reminder-1', 'reminder-0', 'escalation-1']);
  expect((await harness.notices(assignmentId)).at(-1)!.to).toEqual(['owner@example.org', 'dsm@example.org']);

  expect(await handle.executeUpdate(recordOutcomeUpdate, { args: [{ outcome: 'met', date: plusDays(due, 1) }] })).toMatchObject({ status: 'met-late' });
  await harness.sleepUntil(plusDays(due, 5));
  expect(await steps(assignmentId)).not.toContain('escalation-2');
  expect((await harness.db.prisma.occurrence.findFirstOrThrow({ where: { assignmentId } })).status).toBe('met_late');
});

test('an escalation nobody can take goes to the owner, who is told, and the status shows it', async () => {
  const body = await freshBody();
  const meeting = plusDays(await harness.today(), 12);
  const { assignmentId, handle } = await harness.assign({ duty: 'agenda-publication', body, owner: 'owner@example.org', opensOn: meeting });
  const due = (await handle.query(stateQuery)).occurrence.due;
  await harness.sleepUntil(plusDays(due, 1));
  const last = (await harness.notices(assignmentId)).at(-1)!;
  expect(last).toMatchObject({ step: 'escalation-1', to: ['owner@example.org'] });
  const email = (await harness.mail()).find((m) => m.subject === last.subject && m.text.includes('nobody in Test body'))!;
  expect(email.text).toContain('nobody in Test body');
  expect(email.text).toContain('holds that role and the assignment names no manager or chair');
  expect((await handle.query(stateQuery)).unresolvedRoles).toEqual(['Democratic services manager']);
});

test('an assignment made when already overdue gets one overdue notice, and a late one only the latest reminder', async () => {
  const today = await harness.today();
  const overdueBody = await freshBody();
  const overdue = await harness.assign({ duty: 'channel-panel', body: overdueBody, owner: 'owner@example.org', opensOn: plusDays(today, -90) });
  const lateBody = await freshBody();
  const late = await harness.assign({ duty: 'dpi-registration', body: lateBody, owner: 'owner@example.org', opensOn: plusDays(today, -15) });
  await env.sleep(60_000);
  expect(await steps(overdue.assignmentId)).toEqual(['escalation-1']);
  expect((await overdue.handle.query(stateQuery)).status).toBe('overdue');
  expect(await steps(late.assignmentId)).toEqual(['reminder-21']);
  // The catch-up reminder says how long is really left (12 days), not its lead time (21).
  expect((await harness.notices(late.assignmentId))[0]!.subject).toBe(
    `Due in 12 days: A new member notifies disclosable pecuniary interests within 28 days (Test body ${bodies})`,
  );
});

test('end: the workflow completes, the assignment is ended, and later updates are refused', async () => {
  const body = await freshBody();
  const { assignmentId, handle } = await harness.assign({ duty: 'channel-panel', body, owner: 'owner@example.org', opensOn: await harness.today() });
  await handle.executeUpdate(endUpdate, { args: [{ reason: 'panel merged into the county panel' }] });
  expect(await harness.result(handle)).toEqual({ assignmentId, endedBecause: 'panel merged into the county panel', occurrences: 1 });
  await harness.recordHistory(handle, 'dutyAssignment-ended');
  expect(await harness.db.prisma.assignment.findUniqueOrThrow({ where: { id: assignmentId } })).toMatchObject({
    status: 'ended',
    statusReason: 'panel merged into the county panel',
    liveKey: null,
  });
  expect((await handle.describe()).typedSearchAttributes.get(DutyStatusAttribute)).toBe('ended');
  await expect(handle.executeUpdate(pauseUpdate, { args: [{ reason: 'too late' }] })).rejects.toThrow();
});

test('a worker restarted mid-occurrence sends no duplicate, and a retried notice activity sends nothing twice', async () => {
  const body = await freshBody();
  const { assignmentId, handle } = await harness.assign({ duty: 'channel-panel', body, owner: 'owner@example.org', opensOn: await harness.today() });
  const due = (await handle.query(stateQuery)).occurrence.due;
  await harness.sleepUntil(plusDays(due, -7));
  expect(await steps(assignmentId)).toEqual(['reminder-7']);

  await harness.stopWorker();
  await harness.startWorker(); // a new worker replays the history from the start
  await harness.sleepUntil(plusDays(due, -1));
  expect(await steps(assignmentId)).toEqual(['reminder-7', 'reminder-1']);
  const outbox = await harness.db.prisma.outboxMessage.findMany({ where: { assignmentId }, orderBy: { createdAt: 'asc' } });
  expect(outbox.map((row) => [row.step, row.status, row.attempts])).toEqual([
    ['reminder-7', 'SENT', 1],
    ['reminder-1', 'SENT', 1],
  ]);
  const ids = (await harness.mail()).map((m) => m.messageId);
  expect(outbox.every((row) => ids.filter((id) => id === row.messageId).length === 1)).toBe(true);

  // The activity retried after it sent (as after a worker crash): the outbox answers, SMTP is not called again.
  const mailBefore = (await harness.mail()).length;
  const retried = await harness.activities().sendDutyNotice({
    idempotencyKey: outbox[0]!.idempotencyKey,
    assignmentId,
    occurrenceId: outbox[0]!.occurrenceId!,
    notice: { kind: 'reminder', step: 'reminder-7', leadDays: 7 },
    at: Date.now(),
  });
  expect(retried.messageId).toBe(outbox[0]!.messageId);
  expect((await harness.mail()).length).toBe(mailBefore);
});

test('an update with a bad payload is refused before it enters history', async () => {
  const body = await freshBody();
  const { handle } = await harness.assign({ duty: 'channel-panel', body, owner: 'owner@example.org', opensOn: await harness.today() });
  await handle.query(stateQuery);
  const refusals = [
    [recordOutcomeUpdate, { outcome: 'bogus', date: '2026-01-01' }],
    [recordOutcomeUpdate, { outcome: 'met', date: '2999-01-01' }],
    [recordOutcomeUpdate, { outcome: 'met', date: '2001-01-01' }],
    [recordOutcomeUpdate, { outcome: 'not-required', date: await harness.today() }],
    [rescheduleUpdate, { due: '2026-02-30', reason: 'x' }],
    [extendUpdate, { due: '2027-01-01' }],
    [resumeUpdate, {}],
  ] as const;
  for (const [update, payload] of refusals) {
    const error = await handle.executeUpdate(update as typeof recordOutcomeUpdate, { args: [payload as never] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((error as WorkflowUpdateFailedError).cause).toMatchObject({ type: FailureType.UpdateRefused });
  }
  const updateEvents = (await handle.fetchHistory()).events?.filter(
    (event) => event.workflowExecutionUpdateAcceptedEventAttributes || event.workflowExecutionUpdateCompletedEventAttributes,
  );
  expect(updateEvents).toEqual([]);
});
