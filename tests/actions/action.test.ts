import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { dateColumn } from '../../src/db/enums';
import { formatLongDate, parseIsoDate, weekStarting } from '../../src/domain';
import { actionStateQuery, completeActionUpdate, moveActionDueUpdate, noteActionUpdate } from '../../workflows/action';
import { weeklyActionDigest } from '../../workflows/actionDigest';
import { DutyHarness } from '../support/dutyHarness';
import { createTimeSkippingTestEnv } from '../support/temporal';
import { morning, plusDays } from '../support/testDates';

// Actions and the weekly digest on the time-skipping server, with the real activities, database and SMTP.
jest.setTimeout(300_000);

const OWNER = 'olu.owner@county.example.org';
const MANAGER = 'mina.manager@county.example.org';

let env: TestWorkflowEnvironment;
let harness: DutyHarness;

beforeAll(async () => {
  env = await createTimeSkippingTestEnv();
  harness = await DutyHarness.start(env);
  await harness.addBody('north-csp', 'North Community Safety Partnership', 'community_safety_partnership');
  await harness.addPerson(MANAGER, 'Mina Manager');
  await harness.addPerson(OWNER, 'Olu Owner', [], MANAGER);
}, 300_000);

afterAll(async () => {
  await harness?.stop();
  await env?.teardown();
});

test('an overdue action is reminded, chased and escalated to the owner’s line manager at its times; marking it done ends it', async () => {
  const due = plusDays(await harness.today(), 10);
  const added = await harness.addAction({ body: 'north-csp', source: 'review', sourceRef: 'review:dhr-2026-01', title: 'Refresh the DHR training offer', owner: OWNER, due });
  expect(added).toMatchObject({ status: 'open', rag: 'at-risk', workflowId: `action:${added.id}` });
  const handle = env.client.workflow.getHandle(added.workflowId!);

  await harness.sleepUntil(plusDays(due, 8));
  expect(await harness.actionNotices(added.id)).toEqual([
    { step: 'reminder-7', kind: 'notice.reminder', fellDueAt: morning(plusDays(due, -7)), to: [OWNER], subject: 'Action due in 7 days: Refresh the DHR training offer (North Community Safety Partnership)' },
    { step: 'reminder-1', kind: 'notice.reminder', fellDueAt: morning(plusDays(due, -1)), to: [OWNER], subject: 'Action due in 1 day: Refresh the DHR training offer (North Community Safety Partnership)' },
    { step: 'overdue', kind: 'notice.overdue', fellDueAt: morning(plusDays(due, 1)), to: [OWNER], subject: 'Overdue action: Refresh the DHR training offer (North Community Safety Partnership)' },
    { step: 'escalation-1', kind: 'notice.escalation', fellDueAt: morning(plusDays(due, 8)), to: [OWNER, MANAGER], subject: 'Escalated, overdue action: Refresh the DHR training offer (North Community Safety Partnership)' },
  ]);
  const escalation = (await harness.mail()).find((m) => m.subject.startsWith('Escalated, overdue action: Refresh the DHR'));
  expect(escalation?.to).toContain(MANAGER);
  expect(escalation?.text).toContain(`was due by ${formatLongDate(parseIsoDate(due))} and is 8 days overdue. It has been escalated to Mina Manager, the owner's line manager.`);
  expect((await handle.query(actionStateQuery)).rag).toBe('overdue');

  const doneOn = await harness.today();
  const state = await handle.executeUpdate(completeActionUpdate, { args: [{ date: doneOn, evidence: 'https://county.example.org/training-2026' }] });
  expect(state).toMatchObject({ status: 'done', rag: 'closed', doneOn });
  expect(await harness.result(handle)).toEqual({ actionId: added.id, status: 'done', reason: `done on ${doneOn} (evidence: https://county.example.org/training-2026)` });
  expect(await harness.db.prisma.action.findUniqueOrThrow({ where: { id: added.id } })).toMatchObject({ status: 'done', doneOn: dateColumn(doneOn), evidence: 'https://county.example.org/training-2026' });
  await harness.recordHistory(handle, 'action-escalated-done');
});

test('an action that keeps slipping escalates through its chain: line manager, their manager, then the body’s chair, each once', async () => {
  const GRAND = 'gita.grand@county.example.org';
  const CHAIR = 'cleo.chair@county.example.org';
  const STAFF = 'pat.slip@county.example.org';
  await harness.addPerson(GRAND, 'Gita Grand');
  await harness.addPerson('max.middle@county.example.org', 'Max Middle', [], GRAND);
  await harness.addPerson(STAFF, 'Pat Slip', [], 'max.middle@county.example.org');
  await harness.addPerson(CHAIR, 'Cleo Chair', [{ body: 'north-csp', role: 'Partnership chair' }]);
  const due = plusDays(await harness.today(), 10);
  const chain = [
    { afterDays: 7, toRole: 'line manager' },
    { afterDays: 14, toRole: "line manager's manager" },
    { afterDays: 21, toRole: 'Partnership chair' },
  ];
  const added = await harness.addAction({ body: 'north-csp', source: 'agreement', title: 'Publish the community safety agreement', owner: STAFF, due }, { escalation: chain });
  const handle = env.client.workflow.getHandle(added.workflowId!);

  await harness.sleepUntil(plusDays(due, 30));
  const escalations = (await harness.actionNotices(added.id)).filter((n) => n.kind === 'notice.escalation');
  expect(escalations).toEqual([
    { step: 'escalation-1', kind: 'notice.escalation', fellDueAt: morning(plusDays(due, 8)), to: [STAFF, 'max.middle@county.example.org'], subject: 'Escalated, overdue action: Publish the community safety agreement (North Community Safety Partnership)' },
    { step: 'escalation-2', kind: 'notice.escalation', fellDueAt: morning(plusDays(due, 15)), to: [STAFF, GRAND], subject: 'Escalated again (step 2), overdue action: Publish the community safety agreement (North Community Safety Partnership)' },
    { step: 'escalation-3', kind: 'notice.escalation', fellDueAt: morning(plusDays(due, 22)), to: [STAFF, CHAIR], subject: 'Escalated again (step 3), overdue action: Publish the community safety agreement (North Community Safety Partnership)' },
  ]);
  // Read back from the SMTP server: each step once, to its people, with who it reached.
  const mail = (await harness.mail()).filter((m) => m.subject.includes('Publish the community safety agreement'));
  expect(mail.map((m) => m.subject).sort()).toEqual([
    'Action due in 1 day: Publish the community safety agreement (North Community Safety Partnership)',
    'Action due in 7 days: Publish the community safety agreement (North Community Safety Partnership)',
    'Escalated again (step 2), overdue action: Publish the community safety agreement (North Community Safety Partnership)',
    'Escalated again (step 3), overdue action: Publish the community safety agreement (North Community Safety Partnership)',
    'Escalated, overdue action: Publish the community safety agreement (North Community Safety Partnership)',
    'Overdue action: Publish the community safety agreement (North Community Safety Partnership)',
  ]);
  const step = (n: string) => mail.find((m) => m.subject.startsWith(n))!;
  expect(step('Escalated, ').text).toContain("It has been escalated to Max Middle, the owner's line manager.");
  expect(step('Escalated again (step 2)').to).toContain(GRAND);
  expect(step('Escalated again (step 2)').text).toContain("It has been escalated to Gita Grand, the owner's line manager's manager.");
  expect(step('Escalated again (step 3)').to).toContain(CHAIR);
  expect(step('Escalated again (step 3)').text).toContain("It has been escalated to Cleo Chair, the body's Partnership chair.");

  // The chain is done: weeks later nothing more is sent, and marking it done ends it.
  await harness.sleepUntil(plusDays(due, 60));
  expect(await harness.actionNotices(added.id)).toHaveLength(6);
  await handle.executeUpdate(completeActionUpdate, { args: [{ date: await harness.today() }] });
  expect(await harness.result(handle)).toMatchObject({ status: 'done' });
  await harness.recordHistory(handle, 'action-escalation-chain');
});

test('progress notes and a moved due date are recorded with audit events; done before the due date, nothing more is sent', async () => {
  const today = await harness.today();
  const added = await harness.addAction({ body: 'north-csp', source: 'strategy', title: 'Publish the ASB case review procedure', owner: OWNER, due: plusDays(today, 20) });
  const handle = env.client.workflow.getHandle(added.workflowId!);

  await handle.executeUpdate(noteActionUpdate, { args: [{ text: 'Draft with legal services', by: OWNER }] });
  const moved = await handle.executeUpdate(moveActionDueUpdate, { args: [{ due: plusDays(today, 40), reason: 'waiting for the new guidance' }] });
  expect(moved).toMatchObject({ due: plusDays(today, 40), rag: 'on-track', notes: 1, nextNotice: { step: 'reminder-7', at: morning(plusDays(today, 33)) } });
  await expect(handle.executeUpdate(moveActionDueUpdate, { args: [{ due: plusDays(today, 40), reason: '' }] })).rejects.toThrow(WorkflowUpdateFailedError);

  await harness.sleepUntil(plusDays(today, 34));
  const doneOn = await harness.today();
  await handle.executeUpdate(completeActionUpdate, { args: [{ date: doneOn }] });
  await harness.result(handle);
  await harness.recordHistory(handle, 'action-noted-moved-done');
  await harness.sleepUntil(plusDays(today, 50));
  // Only the first reminder of the moved date: none at the old date, none after done.
  expect((await harness.actionNotices(added.id)).map((n) => [n.step, n.fellDueAt])).toEqual([['reminder-7', morning(plusDays(today, 33))]]);
  const audit = await harness.db.prisma.auditEvent.findMany({ where: { subject: `action:${added.id}` }, orderBy: { recordedAt: 'asc' } });
  expect(audit.map((event) => event.kind)).toEqual(['action.created', 'action.note', 'action.due', 'notice.reminder', 'action.done']);
  expect(audit[2]!.detail).toMatchObject({ due: plusDays(today, 40), previousDue: plusDays(today, 20), reason: 'waiting for the new guidance' });
  expect(await harness.db.prisma.actionNote.findMany({ where: { actionId: added.id } })).toEqual([expect.objectContaining({ text: 'Draft with legal services', by: OWNER })]);
});

test('the weekly digest: one email to a manager listing their people’s overdue and at-risk actions, none to a manager with nothing to report, nothing twice in a week', async () => {
  const today = await harness.today();
  await harness.addPerson('quiet.manager@county.example.org', 'Quinn Quiet');
  await harness.addPerson('rae.report@county.example.org', 'Rae Report', [], 'quiet.manager@county.example.org');
  await harness.addPerson('sam.staff@county.example.org', 'Sam Staff', [], MANAGER);
  const person = async (email: string) => (await harness.db.prisma.person.findUniqueOrThrow({ where: { email } })).id;
  // Rows only: the digest reads the action plan, not the action workflows.
  const rows = [
    { id: 'act-digest-overdue', title: 'Agree the data-sharing protocol', owner: 'sam.staff@county.example.org', due: plusDays(today, -3) },
    { id: 'act-digest-at-risk', title: 'Commission the night-time economy survey', owner: 'sam.staff@county.example.org', due: plusDays(today, 5) },
    { id: 'act-digest-on-track', title: 'Review the CCTV strategy', owner: 'sam.staff@county.example.org', due: plusDays(today, 90) },
    { id: 'act-digest-quiet', title: 'Update the partnership plan', owner: 'rae.report@county.example.org', due: plusDays(today, 90) },
  ];
  for (const row of rows) {
    await harness.db.prisma.action.create({ data: { id: row.id, bodyId: 'north-csp', source: 'strategy', title: row.title, ownerId: await person(row.owner), dueOn: dateColumn(row.due) } });
  }
  await harness.db.prisma.action.create({
    data: { id: 'act-digest-done', bodyId: 'north-csp', source: 'strategy', title: 'Done already', ownerId: await person('sam.staff@county.example.org'), dueOn: dateColumn(plusDays(today, -9)), status: 'done' },
  });

  const run = async (workflowId: string) => {
    const handle = await env.client.workflow.start(weeklyActionDigest, { taskQueue: harness.taskQueue, workflowId, args: [] });
    return { handle, result: await harness.result(handle) };
  };
  const first = await run('weekly-action-digest-test-1');
  expect(first.result.managers).toContain(MANAGER);
  expect(first.result.managers).not.toContain('quiet.manager@county.example.org');
  await harness.recordHistory(first.handle, 'weeklyActionDigest');

  const digests = async () => (await harness.mail()).filter((m) => m.subject.startsWith('Actions digest'));
  const sent = await digests();
  expect(sent.map((m) => m.to)).toEqual([MANAGER]);
  expect(sent[0]!.subject).toBe(`Actions digest, week of ${formatLongDate(parseIsoDate(weekStarting(today)))}: 1 overdue action, 1 at risk`);
  expect(sent[0]!.text).toContain(`Overdue:\n- Agree the data-sharing protocol (North Community Safety Partnership), owner Sam Staff, due ${formatLongDate(parseIsoDate(plusDays(today, -3)))}`);
  expect(sent[0]!.text).toContain(`At risk:\n- Commission the night-time economy survey (North Community Safety Partnership), owner Sam Staff, due ${formatLongDate(parseIsoDate(plusDays(today, 5)))}`);
  expect(sent[0]!.text).not.toContain('CCTV');
  expect(sent[0]!.text).not.toContain('Done already');

  // Run again the same week (a retry, a manual trigger): nothing is sent twice.
  await run('weekly-action-digest-test-2');
  expect(await digests()).toHaveLength(1);
});
