import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { isoDateOf } from '../../src/db/enums';
import {
  appointPanelUpdate,
  approveReviewUpdate,
  completeOverviewReportUpdate,
  decideReviewUpdate,
  extendReviewUpdate,
  notifyHomeOfficeUpdate,
  pauseReviewUpdate,
  publishReviewUpdate,
  receiveAgencyRecordsUpdate,
  recordReviewActionsUpdate,
  requestAgencyRecordsUpdate,
  resumeReviewUpdate,
  returnForChangesUpdate,
  reviewStateQuery,
  sendCommissionerCopyUpdate,
  submitForQualityAssuranceUpdate,
} from '../../workflows/deathReview';
import { DutyHarness } from '../support/dutyHarness';
import { createTimeSkippingTestEnv } from '../support/temporal';
import { morning, plusDays, plusMonths } from '../support/testDates';
import { refusal } from '../support/refusal';

// Review cases on the time-skipping server, with the real activities, database and SMTP.
jest.setTimeout(300_000);

const COORDINATOR = 'dhr.coordinator@county.example.org';
const DPH = 'dph@county.example.org';
const POLICE = 'records@police.example.org';
const HEALTH = 'safeguarding@nhs.example.org';

let env: TestWorkflowEnvironment;
let harness: DutyHarness;

beforeAll(async () => {
  env = await createTimeSkippingTestEnv();
  harness = await DutyHarness.start(env);
  await harness.addBody('north-csp', 'North Community Safety Partnership', 'community_safety_partnership');
  await harness.addPerson(COORDINATOR, 'Dana Coordinator', [{ body: 'north-csp', role: 'Public health DHR coordinator' }]);
  await harness.addPerson(DPH, 'Pat Director', [{ body: 'north-csp', role: 'Director of public health' }]);
  await harness.addPerson('lead@police.example.org', 'Lee Lead');
}, 300_000);

afterAll(async () => {
  await harness?.stop();
  await env?.teardown();
});

const open = async (reference: string) =>
  harness.openReview({ partnership: 'north-csp', reference, notifiedOn: await harness.today(), notifyingBody: 'North Police', coordinator: COORDINATOR, rules: 'dhr-2016' });

test('the full review: decision, panel, agencies chased, a pause, an extension, two quality assurance returns, publication, the Commissioner copy and the action plan', async () => {
  const notifiedOn = await harness.today();
  const { handle, caseId } = await open('DHR-2026-03');
  expect(handle.workflowId).toBe('review:north-csp:DHR-2026-03');
  const decisionDue = plusMonths(notifiedOn, 1);
  expect((await handle.query(reviewStateQuery)).decision.due).toBe(decisionDue);

  // The decision clock reminds the coordinator 14 and 7 days before its date.
  await harness.sleepUntil(plusDays(decisionDue, -5));
  const decidedOn = await harness.today();
  let state = await handle.executeUpdate(decideReviewUpdate, { args: [{ review: true, reasons: 'the death meets the criteria of s9', date: decidedOn }] });
  const statutoryDue = plusMonths(decidedOn, 6);
  expect(state.completion).toEqual({ statutoryDue, agreedDue: statutoryDue, daysPaused: 0 });
  await handle.executeUpdate(notifyHomeOfficeUpdate, { args: [{ date: decidedOn }] });
  await handle.executeUpdate(appointPanelUpdate, { args: [{ chair: 'Independent chair A', panel: ['North Police', 'North NHS Trust'], date: decidedOn }] });
  const agencyDue = plusDays(decidedOn, 10);
  await handle.executeUpdate(requestAgencyRecordsUpdate, {
    args: [{ date: decidedOn, agencies: [{ agencyId: 'police', name: 'North Police', contact: POLICE, due: agencyDue }, { agencyId: 'health', name: 'North NHS Trust', contact: HEALTH, due: agencyDue }] }],
  });
  await handle.executeUpdate(receiveAgencyRecordsUpdate, { args: [{ agencyId: 'health', date: decidedOn }] });

  // Only the late agency is chased: reminders 7 and 2 days before, then overdue the morning after.
  await harness.sleepUntil(plusDays(agencyDue, 2));
  await handle.executeUpdate(receiveAgencyRecordsUpdate, { args: [{ agencyId: 'police', date: await harness.today() }] });

  // A pause for criminal proceedings moves the agreed date by the days paused; the statutory date stays.
  const pausedOn = await harness.today();
  await handle.executeUpdate(pauseReviewUpdate, { args: [{ reason: 'criminal-proceedings', detail: 'trial listed' }] });
  await harness.sleepUntil(plusDays(pausedOn, 30));
  state = await handle.executeUpdate(resumeReviewUpdate, { args: [{}] });
  expect(state.completion).toMatchObject({ statutoryDue, agreedDue: plusDays(statutoryDue, 30), daysPaused: 30 });
  const extendedTo = plusDays(statutoryDue, 60);
  state = await handle.executeUpdate(extendReviewUpdate, { args: [{ due: extendedTo, reason: 'inquest outcome awaited' }] });
  expect(state.completion).toMatchObject({ statutoryDue, agreedDue: extendedTo, daysPaused: 30, extensionReason: 'inquest outcome awaited' });

  // The completion clock reminds ahead of the agreed date.
  await harness.sleepUntil(plusDays(extendedTo, -10));
  const completedOn = await harness.today();
  await handle.executeUpdate(completeOverviewReportUpdate, { args: [{ date: completedOn }] });
  for (const changes of ['anonymise the agency names', 'add the family’s contribution']) {
    await handle.executeUpdate(submitForQualityAssuranceUpdate, { args: [{ date: completedOn }] });
    await handle.executeUpdate(returnForChangesUpdate, { args: [{ date: completedOn, changes }] });
  }
  await handle.executeUpdate(submitForQualityAssuranceUpdate, { args: [{ date: completedOn }] });
  state = await handle.executeUpdate(approveReviewUpdate, { args: [{ date: completedOn }] });
  expect(state.qualityAssurance).toEqual({ submissions: 3, returns: 2, approvedOn: completedOn });
  await handle.executeUpdate(publishReviewUpdate, { args: [{ date: completedOn, url: 'https://north.example.org/dhr/DHR-2026-03' }] });
  state = await handle.executeUpdate(recordReviewActionsUpdate, {
    args: [{ actions: [{ title: 'Train call handlers on coercive control', owner: 'lead@police.example.org', due: plusDays(completedOn, 90) }] }],
  });
  expect(state.stage).toBe('published');

  // The Commissioner copy: reminded 14 days after the report was completed.
  await harness.sleepUntil(plusDays(completedOn, 14));
  await handle.executeUpdate(sendCommissionerCopyUpdate, { args: [{ date: await harness.today() }] });
  const result = await harness.result(handle);
  expect(result).toMatchObject({ caseId: 'north-csp:DHR-2026-03', reason: `published on ${completedOn}` });

  const notices = await harness.reviewNotices(caseId);
  const sent = (clock: string) => notices.filter((n) => n.clock === clock).map((n) => ({ step: n.step, fellDueAt: n.fellDueAt, to: n.to }));
  expect(sent('decision')).toEqual([
    { step: 'reminder-14', fellDueAt: morning(plusDays(decisionDue, -14)), to: [COORDINATOR] },
    { step: 'reminder-7', fellDueAt: morning(plusDays(decisionDue, -7)), to: [COORDINATOR] },
  ]);
  expect(sent('agency:police')).toEqual([
    { step: 'reminder-7', fellDueAt: morning(plusDays(agencyDue, -7)), to: [POLICE, COORDINATOR] },
    { step: 'reminder-2', fellDueAt: morning(plusDays(agencyDue, -2)), to: [POLICE, COORDINATOR] },
    { step: 'overdue', fellDueAt: morning(plusDays(agencyDue, 1)), to: [POLICE, COORDINATOR] },
  ]);
  expect(sent('agency:health')).toEqual([]);
  // Reminders of the completion clock follow the extended date only.
  expect(sent('completion').map((n) => n.fellDueAt)).toEqual([morning(plusDays(extendedTo, -14))]);
  expect(sent('commissioner-copy')).toEqual([{ step: 'reminder-0', fellDueAt: morning(plusDays(completedOn, 14)), to: [COORDINATOR] }]);

  // Every email reached SMTP, and no subject says anything about the case but its reference.
  const mail = await harness.mail();
  expect(mail.filter((m) => m.subject.includes('DHR-2026-03'))).toHaveLength(notices.length);
  for (const message of mail.filter((m) => m.subject.includes('DHR-2026-03'))) {
    expect(message.subject).toMatch(/^Review DHR-2026-03: (decision|completion|agency records|commissioner-copy) (due (today|in \d+ days?)|overdue(, escalated)?)$/);
  }

  const row = await harness.db.prisma.reviewCase.findUniqueOrThrow({ where: { id: caseId }, include: { agencies: true, steps: true } });
  expect(row).toMatchObject({ stage: 'closed', rulesId: 'dhr-2016', daysPaused: 30, qaSubmissions: 3, qaReturns: 2, extensionReason: 'inquest outcome awaited' });
  expect(isoDateOf(row.statutoryCompletionDue!)).toBe(statutoryDue);
  expect(isoDateOf(row.agreedCompletionDue!)).toBe(extendedTo);
  expect(row.agencies.map((a) => [a.agencyId, a.receivedOn !== null])).toEqual(expect.arrayContaining([['police', true], ['health', true]]));
  expect(row.steps.map((s) => s.kind)).toEqual(expect.arrayContaining(['opened', 'decision', 'pause', 'resume', 'extend', 'qa-returned', 'published', 'commissioner-copy', 'actions', 'closed']));
  const audit = await harness.db.prisma.auditEvent.count({ where: { subject: `review:${caseId}`, kind: { startsWith: 'review.' } } });
  expect(audit).toBe(row.steps.length);
  const actions = await harness.db.prisma.action.findMany({ where: { sourceRef: `review:${caseId}` } });
  expect(actions).toMatchObject([{ source: 'review', bodyId: 'north-csp', title: 'Train call handlers on coercive control' }]);
  await harness.recordHistory(handle, 'deathReview');
});

test('a decision not to review closes the case once the Home Office is told', async () => {
  const { handle, caseId } = await open('DHR-2026-04');
  const today = await harness.today();
  const state = await handle.executeUpdate(decideReviewUpdate, { args: [{ review: false, reasons: 'the death was not a result of domestic abuse', date: today }] });
  expect(state).toMatchObject({ stage: 'awaiting-home-office', decision: { review: false, decidedOn: today } });
  expect(state.completion).toBeUndefined();
  await expect(handle.executeUpdate(appointPanelUpdate, { args: [{ chair: 'X', panel: ['North Police'], date: today }] })).rejects.toThrow(WorkflowUpdateFailedError);
  await handle.executeUpdate(notifyHomeOfficeUpdate, { args: [{ date: today }] });
  expect(await harness.result(handle)).toEqual({ caseId, closedOn: today, reason: `no review: the Home Office was told on ${today}` });
  expect(await harness.db.prisma.reviewCase.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ stage: 'closed', review: false, decisionReasons: 'the death was not a result of domestic abuse' });
});

test('bad Update payloads are refused before they enter history', async () => {
  const { handle } = await open('DHR-2026-05');
  const today = await harness.today();
  expect(await refusal(handle.executeUpdate(decideReviewUpdate, { args: [{ review: 'yes', reasons: '', date: '2026-02-30' } as never] }))).toMatch(/review.*reasons.*date/s);
  expect(await refusal(handle.executeUpdate(decideReviewUpdate, { args: [{ review: true, reasons: 'r', date: plusDays(today, 1) }] }))).toContain('in the future');
  expect(await refusal(handle.executeUpdate(notifyHomeOfficeUpdate, { args: [{ date: today }] }))).toContain('record the decision');
  expect(await refusal(handle.executeUpdate(pauseReviewUpdate, { args: [{ reason: 'holiday' } as never] }))).toContain('reason');
  expect(await refusal(handle.executeUpdate(submitForQualityAssuranceUpdate, { args: [{ date: today, extra: 1 } as never] }))).toContain('extra');

  const history = await handle.fetchHistory();
  expect(history.events?.filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes)).toEqual([]);
  expect((await handle.query(reviewStateQuery)).stage).toBe('awaiting-decision');
});
