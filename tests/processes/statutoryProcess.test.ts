import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { isoDateOf } from '../../src/db/enums';
import { formatIsoDate, nextAnnualDate, parseIsoDate } from '../../src/domain';
import {
  completeStageUpdate,
  pauseProcessUpdate,
  processStateQuery,
  recordResponseUpdate,
  resumeProcessUpdate,
  setStageDateUpdate,
  statutoryProcess,
} from '../../workflows/statutoryProcess';
import { DutyHarness } from '../support/dutyHarness';
import { createTimeSkippingTestEnv } from '../support/temporal';
import { morning, plusDays, plusMonths } from '../support/testDates';
import { refusal } from '../support/refusal';

// Statutory processes (SVD strategy, Channel and Prevent assurance) on the time-skipping server,
// with the real activities, database and SMTP: one workflow runs all three definitions.
jest.setTimeout(Number(process.env.PROCESS_TEST_TIMEOUT ?? 300_000));

const CSM = 'csm@county.example.org';
const DPH = 'dph@county.example.org';
const CE = 'ce@county.example.org';
const PREVENT_LEAD = 'prevent.lead@county.example.org';
const COORDINATOR = 'coordinator@county.example.org';

let env: TestWorkflowEnvironment;
let harness: DutyHarness;

beforeAll(async () => {
  env = await createTimeSkippingTestEnv();
  harness = await DutyHarness.start(env);
  await harness.addBody('exshire-svp', 'Exshire Serious Violence Partnership', 'board');
  await harness.addBody('exshire-channel', 'Exshire Channel Panel', 'panel');
  await harness.addBody('exshire-cc', 'Exshire County Council', 'council');
  await harness.addPerson(CSM, 'Cass Manager', [{ body: 'exshire-svp', role: 'Community safety manager' }]);
  await harness.addPerson(DPH, 'Pat Director', ['exshire-svp', 'exshire-channel', 'exshire-cc'].map((body) => ({ body, role: 'Director of public health' })));
  await harness.addPerson(CE, 'Chris Chief', [{ body: 'exshire-channel', role: 'Chief executive' }]);
  await harness.addPerson(PREVENT_LEAD, 'Farah Lead', [{ body: 'exshire-channel', role: 'Prevent and Channel lead' }, { body: 'exshire-cc', role: 'Prevent and Channel lead' }]);
}, 300_000);

afterAll(async () => {
  await harness?.stop();
  await env?.teardown();
});

/**
 * Waits for the next cycle's run (continue-as-new) to record its opening. The database is read, not
 * the workflow: a query that reaches the closed run holds the Java test server's time skipping.
 */
async function cycleReaches(handle: WorkflowHandle<typeof statutoryProcess>, cycle: number): Promise<void> {
  const processId = handle.workflowId.replace(/^process:/, '');
  for (let i = 0; i < 300; i++) {
    if ((await harness.db.prisma.processStep.count({ where: { processId, cycle, kind: 'cycle-opened' } })) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the process did not reach cycle ${cycle}`);
}

const sent = (notices: Awaited<ReturnType<DutyHarness['processNotices']>>, clock: string, cycle = 1) =>
  notices.filter((n) => n.clock === clock && n.cycle === cycle).map((n) => ({ step: n.step, fellDueAt: n.fellDueAt, to: n.to }));

test('the strategy cycle over two years: needs assessment, consultation with late authorities chased, publication, then an annual review', async () => {
  const start = await harness.today();
  const { handle, processId } = await harness.startProcess({
    body: 'exshire-svp',
    definition: 'serious-violence-strategy',
    coordinator: COORDINATOR,
    cycleStart: start,
    parties: [
      { id: 'education', name: 'Exshire Schools', contact: 'schools@edu.example.org' },
      { id: 'prison', name: 'HMP Exshire', contact: 'governor@prison.example.org' },
      { id: 'youth-custody', name: 'Exshire Youth Custody', contact: 'yc@custody.example.org' },
    ],
  });
  expect(handle.workflowId).toBe('process:exshire-svp:serious-violence-strategy');
  let state = await handle.query(processStateQuery);
  const assessmentDue = plusMonths(start, 6);
  const strategyDue = plusMonths(start, 12);
  expect(state).toMatchObject({ cycle: 1, currentStage: 'needs-assessment', status: 'active' });
  expect(state.stages.map((s) => [s.id, s.due, s.confidence])).toEqual([
    ['needs-assessment', assessmentDue, 'unconfirmed'],
    // Counted from the assessment's completion: no date until then.
    ['consultation', undefined, 'unconfirmed'],
    ['strategy-published', strategyDue, 'guidance'],
  ]);

  await harness.sleepUntil(plusDays(assessmentDue, -2));
  const assessedOn = await harness.today();
  state = await handle.executeUpdate(completeStageUpdate, { args: [{ stage: 'needs-assessment', date: assessedOn, outcome: 'SNA agreed by the partnership board', evidence: 'https://exshire.example.org/sna.pdf' }] });
  const consultationDue = plusDays(assessedOn, 56);
  expect(state).toMatchObject({ currentStage: 'consultation' });
  expect(state.stages[1]).toMatchObject({ due: consultationDue, dueSource: 'rule' });
  await handle.executeUpdate(recordResponseUpdate, { args: [{ stage: 'consultation', party: 'education', date: assessedOn, note: 'supports the priorities' }] });

  // Only the authorities that have not responded are chased.
  await harness.sleepUntil(plusDays(consultationDue, -5));
  await handle.executeUpdate(recordResponseUpdate, { args: [{ stage: 'consultation', party: 'prison', date: await harness.today() }] });
  await harness.sleepUntil(plusDays(consultationDue, 2));
  state = await handle.executeUpdate(recordResponseUpdate, { args: [{ stage: 'consultation', party: 'youth-custody', date: await harness.today() }] });
  // The last response completes the collection.
  expect(state).toMatchObject({ currentStage: 'strategy-published' });
  expect(state.stages[1]!.responses!.map((r) => [r.party, r.respondedOn !== undefined])).toEqual([['education', true], ['prison', true], ['youth-custody', true]]);

  await harness.sleepUntil(plusDays(strategyDue, -1));
  const publishedOn = await harness.today();
  await handle.executeUpdate(completeStageUpdate, { args: [{ stage: 'strategy-published', date: publishedOn, outcome: 'published on the partnership website', evidence: 'https://exshire.example.org/svd-strategy' }] });

  // Cycle 2 starts on publication (continue-as-new: same id): the annual review, a year on.
  const reviewDue = plusMonths(publishedOn, 12);
  await cycleReaches(handle, 2);
  state = await handle.query(processStateQuery);
  expect(state).toMatchObject({ cycle: 2, cycleStart: publishedOn, currentStage: 'annual-review', stages: [{ id: 'annual-review', due: reviewDue, confidence: 'unconfirmed' }] });

  // The review is late: overdue and escalated to the director, then recorded.
  await harness.sleepUntil(plusDays(reviewDue, 2));
  const reviewedOn = await harness.today();
  await handle.executeUpdate(completeStageUpdate, { args: [{ stage: 'annual-review', date: reviewedOn, outcome: 'refreshed with 2027 hospital admissions data' }] });
  await cycleReaches(handle, 3);
  expect(await handle.query(processStateQuery)).toMatchObject({ cycle: 3, cycleStart: reviewedOn, stages: [{ id: 'annual-review', due: plusMonths(reviewedOn, 12) }] });

  const notices = await harness.processNotices(processId);
  expect(sent(notices, 'stage:needs-assessment')).toEqual([30, 14, 3].map((lead) => ({ step: `reminder-${lead}`, fellDueAt: morning(plusDays(assessmentDue, -lead)), to: [CSM] })));
  expect(sent(notices, 'party:consultation:education')).toEqual([]);
  expect(sent(notices, 'party:consultation:prison')).toEqual([{ step: 'reminder-14', fellDueAt: morning(plusDays(consultationDue, -14)), to: ['governor@prison.example.org'] }]);
  expect(sent(notices, 'party:consultation:youth-custody')).toEqual([
    { step: 'reminder-14', fellDueAt: morning(plusDays(consultationDue, -14)), to: ['yc@custody.example.org'] },
    { step: 'reminder-3', fellDueAt: morning(plusDays(consultationDue, -3)), to: ['yc@custody.example.org'] },
    { step: 'overdue', fellDueAt: morning(plusDays(consultationDue, 1)), to: ['yc@custody.example.org', CSM] },
  ]);
  // The owner's clock: reminders, then the overdue notice carrying the first escalation (same morning).
  expect(sent(notices, 'stage:consultation')).toEqual([
    { step: 'reminder-14', fellDueAt: morning(plusDays(consultationDue, -14)), to: [CSM] },
    { step: 'reminder-3', fellDueAt: morning(plusDays(consultationDue, -3)), to: [CSM] },
    { step: 'escalation-1', fellDueAt: morning(plusDays(consultationDue, 1)), to: [CSM, DPH] },
  ]);
  expect(sent(notices, 'stage:strategy-published').map((n) => n.fellDueAt)).toEqual([60, 30, 14, 3].map((lead) => morning(plusDays(strategyDue, -lead))));
  expect(sent(notices, 'stage:annual-review', 2)).toEqual([
    ...[30, 14, 3].map((lead) => ({ step: `reminder-${lead}`, fellDueAt: morning(plusDays(reviewDue, -lead)), to: [CSM] })),
    { step: 'escalation-1', fellDueAt: morning(plusDays(reviewDue, 1)), to: [CSM, DPH] },
  ]);

  // Every notice reached SMTP once, and says which cycle and where the rule comes from.
  const mail = (await harness.mail()).filter((m) => m.subject.startsWith('Serious Violence Duty strategy'));
  expect(mail).toHaveLength(notices.length);
  const chased = mail.filter((m) => m.to.includes('yc@custody.example.org'));
  expect(chased.map((m) => m.subject)).toEqual([
    'Serious Violence Duty strategy (cycle 1), Exshire Youth Custody: due in 14 days',
    'Serious Violence Duty strategy (cycle 1), Exshire Youth Custody: due in 3 days',
    'Serious Violence Duty strategy (cycle 1), Exshire Youth Custody: overdue',
  ]);
  expect(chased[0]!.text).toContain('Basis: Police, Crime, Sentencing and Courts Act 2022 s8 (consulting educational, prison and youth custody authorities) (unconfirmed)');
  expect(mail.find((m) => m.subject === 'Serious Violence Duty strategy (cycle 2): overdue, escalated')!.text).toContain('Escalated to Pat Director (Director of public health)');

  // Postgres holds each cycle's stages, the responses and every step with its audit event.
  const { prisma } = harness.db;
  const row = await prisma.statutoryProcess.findUniqueOrThrow({ where: { id: processId }, include: { stages: { orderBy: [{ cycle: 'asc' }, { completedOn: 'asc' }] }, responses: true, steps: true } });
  expect(row).toMatchObject({ cycle: 3, status: 'active', currentStage: 'annual-review' });
  expect(row.stages.filter((s) => s.completedOn).map((s) => [s.cycle, s.stageId, isoDateOf(s.completedOn!)])).toEqual([
    [1, 'needs-assessment', assessedOn],
    [1, 'consultation', plusDays(consultationDue, 2)],
    [1, 'strategy-published', publishedOn],
    [2, 'annual-review', reviewedOn],
  ]);
  expect(row.responses.filter((r) => r.respondedOn)).toHaveLength(3);
  expect(row.steps.map((s) => `${s.cycle}:${s.kind}`)).toEqual(expect.arrayContaining(['1:cycle-opened', '1:stage-completed', '1:response', '1:cycle-closed', '2:cycle-opened', '2:cycle-closed', '3:cycle-opened']));
  expect(await prisma.auditEvent.count({ where: { subject: `process:${processId}`, kind: { startsWith: 'process.' } } })).toBe(row.steps.length);
  await harness.recordHistory(handle, 'statutoryProcess-svd');
});

test('the Channel assurance statement: drafted, endorsed by the chief executive, returned by the date set for the year', async () => {
  const start = await harness.today();
  const { handle, processId } = await harness.startProcess({ body: 'exshire-channel', definition: 'channel-assurance', coordinator: PREVENT_LEAD, cycleStart: start });
  let state = await handle.query(processStateQuery);
  // Until the Home Office gives the year's date, the fallback (10 May) applies, labelled as such.
  const fallback = formatIsoDate(nextAnnualDate(parseIsoDate(start), 5, 10));
  expect(state.stages.map((s) => [s.id, s.due, s.dueSource])).toEqual([
    ['self-assessment', plusDays(fallback, -28), 'fallback'],
    ['endorsed', plusDays(fallback, -7), 'fallback'],
    ['returned', fallback, 'fallback'],
  ]);
  const returnDue = plusDays(start, 70);
  state = await handle.executeUpdate(setStageDateUpdate, { args: [{ stage: 'returned', due: returnDue, reason: 'Home Office letter of this year' }] });
  expect(state.stages.map((s) => [s.id, s.due, s.dueSource])).toEqual([
    ['self-assessment', plusDays(returnDue, -28), 'set'],
    ['endorsed', plusDays(returnDue, -7), 'set'],
    ['returned', returnDue, 'set'],
  ]);

  await harness.sleepUntil(plusDays(returnDue, -30));
  await handle.executeUpdate(completeStageUpdate, { args: [{ stage: 'self-assessment', date: await harness.today(), outcome: 'drafted with the panel chair' }] });
  // The chief executive endorses late: the overdue notice goes to them with the escalation.
  await harness.sleepUntil(plusDays(returnDue, -6));
  await handle.executeUpdate(completeStageUpdate, { args: [{ stage: 'endorsed', date: await harness.today(), outcome: 'endorsed by the chief executive' }] });
  await harness.sleepUntil(plusDays(returnDue, -1));
  const returnedOn = await harness.today();
  await handle.executeUpdate(completeStageUpdate, { args: [{ stage: 'returned', date: returnedOn, outcome: 'returned to the Home Office Prevent team', evidence: 'email of the return' }] });

  // The next year's cycle starts twelve months on, with the fallback date until that year's is set.
  const nextStart = plusMonths(start, 12);
  await cycleReaches(handle, 2);
  state = await handle.query(processStateQuery);
  expect(state).toMatchObject({ cycle: 2, cycleStart: nextStart, currentStage: 'self-assessment' });
  expect(state.stages.at(-1)).toMatchObject({ id: 'returned', dueSource: 'fallback', due: formatIsoDate(nextAnnualDate(parseIsoDate(nextStart), 5, 10)) });

  const notices = await harness.processNotices(processId);
  expect(sent(notices, 'stage:self-assessment')).toEqual([21, 7].map((lead) => ({ step: `reminder-${lead}`, fellDueAt: morning(plusDays(returnDue, -28 - lead)), to: [PREVENT_LEAD] })));
  expect(sent(notices, 'stage:endorsed')).toEqual([
    { step: 'reminder-7', fellDueAt: morning(plusDays(returnDue, -14)), to: [CE] },
    { step: 'reminder-1', fellDueAt: morning(plusDays(returnDue, -8)), to: [CE] },
    { step: 'escalation-1', fellDueAt: morning(plusDays(returnDue, -6)), to: [CE, DPH] },
  ]);
  // The return's reminders that passed while it waited for the endorsement come as one catch-up notice, never a burst.
  expect(sent(notices, 'stage:returned')).toEqual([
    { step: 'reminder-7', fellDueAt: morning(plusDays(returnDue, -7)), to: [PREVENT_LEAD] },
    { step: 'reminder-1', fellDueAt: morning(plusDays(returnDue, -1)), to: [PREVENT_LEAD] },
  ]);
  const mail = (await harness.mail()).filter((m) => m.subject.startsWith('Channel panel annual assurance statement'));
  expect(mail).toHaveLength(notices.length);
  expect(mail.map((m) => m.subject)).toContain('Channel panel annual assurance statement (cycle 1): overdue, escalated');
  expect(mail[0]!.text).toContain('Stage: Self-assessment drafted');

  const stages = await harness.db.prisma.processStageRecord.findMany({ where: { processId, cycle: 1 } });
  expect(stages.map((s) => [s.stageId, s.dueSource, isoDateOf(s.completedOn!)]).sort()).toEqual([
    ['endorsed', 'set', plusDays(returnDue, -6)],
    ['returned', 'set', returnedOn],
    ['self-assessment', 'set', plusDays(returnDue, -30)],
  ]);
  const dateSet = await harness.db.prisma.processStep.findFirstOrThrow({ where: { processId, kind: 'date-set' } });
  expect(dateSet.detail).toMatchObject({ due: returnDue, reason: 'Home Office letter of this year' });
});

test('Prevent assurance: statements collected from each partner, the late partner chased until it answers', async () => {
  const start = await harness.today();
  const { handle, processId } = await harness.startProcess({
    body: 'exshire-cc',
    definition: 'prevent-assurance',
    coordinator: PREVENT_LEAD,
    cycleStart: start,
    parties: [
      { id: 'police', name: 'Exshire Police', contact: 'prevent@police.example.org' },
      { id: 'health', name: 'Exshire NHS Trust', contact: 'safeguarding@nhs.example.org' },
      { id: 'probation', name: 'Exshire Probation', contact: 'pdu@probation.example.org' },
    ],
  });
  const due = plusMonths(start, 2);
  await handle.executeUpdate(recordResponseUpdate, { args: [{ stage: 'statements', party: 'police', date: start }] });
  // A pause holds every notice; on resume what passed meanwhile comes as one notice per clock.
  await harness.sleepUntil(plusDays(due, -20));
  await handle.executeUpdate(pauseProcessUpdate, { args: [{ reason: 'awaiting the Counter Terrorism Local Profile' }] });
  await harness.sleepUntil(plusDays(due, -10));
  expect((await handle.query(processStateQuery)).status).toBe('paused');
  await handle.executeUpdate(resumeProcessUpdate, { args: [{}] });
  await handle.executeUpdate(recordResponseUpdate, { args: [{ stage: 'statements', party: 'health', date: await harness.today() }] });
  await harness.sleepUntil(plusDays(due, 3));
  const state = await handle.executeUpdate(recordResponseUpdate, { args: [{ stage: 'statements', party: 'probation', date: await harness.today(), note: 'statement attached' }] });
  expect(state).toMatchObject({ cycle: 1, stages: [{ id: 'statements', completedOn: plusDays(due, 3), outcome: 'every party responded' }] });
  await cycleReaches(handle, 2);
  expect(await handle.query(processStateQuery)).toMatchObject({ cycle: 2, cycleStart: plusMonths(start, 12) });

  const notices = await harness.processNotices(processId);
  const resumedAt = (await harness.db.prisma.processStep.findFirstOrThrow({ where: { processId, kind: 'resumed' } })).recordedAt;
  expect(sent(notices, 'party:statements:police')).toEqual([]);
  // Reminder 14 fell due while paused: sent once on resume, with the time it fell due.
  expect(sent(notices, 'party:statements:health')).toEqual([{ step: 'reminder-14', fellDueAt: morning(plusDays(due, -14)), to: ['safeguarding@nhs.example.org'] }]);
  expect(sent(notices, 'party:statements:probation')).toEqual([
    { step: 'reminder-14', fellDueAt: morning(plusDays(due, -14)), to: ['pdu@probation.example.org'] },
    { step: 'reminder-3', fellDueAt: morning(plusDays(due, -3)), to: ['pdu@probation.example.org'] },
    { step: 'overdue', fellDueAt: morning(plusDays(due, 1)), to: ['pdu@probation.example.org', PREVENT_LEAD] },
  ]);
  expect(sent(notices, 'stage:statements')).toEqual([
    { step: 'reminder-7', fellDueAt: morning(plusDays(due, -7)), to: [PREVENT_LEAD] },
    { step: 'escalation-1', fellDueAt: morning(plusDays(due, 1)), to: [PREVENT_LEAD, DPH] },
  ]);
  expect(resumedAt.getTime()).toBeGreaterThan(0);
  const mail = (await harness.mail()).filter((m) => m.subject.startsWith('Prevent assurance statements'));
  expect(mail).toHaveLength(notices.length);
  expect(mail.filter((m) => m.to.includes('prevent@police.example.org'))).toEqual([]);
  const responses = await harness.db.prisma.processResponse.findMany({ where: { processId, cycle: 1 }, orderBy: { partyId: 'asc' } });
  expect(responses.map((r) => [r.partyId, isoDateOf(r.respondedOn!)])).toEqual([
    ['health', plusDays(due, -10)],
    ['police', start],
    ['probation', plusDays(due, 3)],
  ]);
  const late = await harness.db.prisma.processStep.findFirstOrThrow({ where: { processId, kind: 'response', detail: { path: ['party'], equals: 'probation' } } });
  expect(late.detail).toMatchObject({ late: true, completesStage: true });
});

test('refused payloads never enter history', async () => {
  await harness.addBody('south-svp', 'South Serious Violence Partnership', 'board');
  const start = await harness.today();
  const { handle } = await harness.startProcess({
    body: 'south-svp',
    definition: 'serious-violence-strategy',
    coordinator: COORDINATOR,
    cycleStart: start,
    parties: [{ id: 'education', name: 'Schools', contact: 'schools@edu.example.org' }],
  });
  expect(await refusal(handle.executeUpdate(completeStageUpdate, { args: [{ stage: 'Needs Assessment', date: '2026-02-30', outcome: '' } as never] }))).toMatch(/stage.*date.*outcome/s);
  expect(await refusal(handle.executeUpdate(completeStageUpdate, { args: [{ stage: 'needs-assessment', date: plusDays(start, 1), outcome: 'done' }] }))).toContain('in the future');
  expect(await refusal(handle.executeUpdate(completeStageUpdate, { args: [{ stage: 'strategy-published', date: start, outcome: 'done' }] }))).toContain('comes after needs-assessment');
  expect(await refusal(handle.executeUpdate(completeStageUpdate, { args: [{ stage: 'annual-review', date: start, outcome: 'done' }] }))).toContain('expected a stage of cycle 1');
  expect(await refusal(handle.executeUpdate(recordResponseUpdate, { args: [{ stage: 'needs-assessment', party: 'education', date: start }] }))).toContain('does not collect responses');
  expect(await refusal(handle.executeUpdate(setStageDateUpdate, { args: [{ stage: 'strategy-published', due: plusDays(start, 30) }] }))).toContain('counted by its rule');
  expect(await refusal(handle.executeUpdate(resumeProcessUpdate, { args: [{}] }))).toContain('not paused');
  expect(await refusal(handle.executeUpdate(pauseProcessUpdate, { args: [{ reason: 'x', extra: 1 } as never] }))).toContain('extra');

  const history = await handle.fetchHistory();
  expect(history.events?.filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes)).toEqual([]);
  expect(await handle.query(processStateQuery)).toMatchObject({ cycle: 1, currentStage: 'needs-assessment', status: 'active' });
});
