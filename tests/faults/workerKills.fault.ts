import { WorkflowUpdateFailedError } from '@temporalio/client';
import { recordOutcomeUpdate } from '../../workflows/dutyAssignment';
import { deliveryReport, describeReport } from './support/delivery';
import { eventually, FaultRig, sleep, today, type Assigned } from './support/faultRig';

// Issue 9's storm: a worker in a child process is killed with SIGKILL every few seconds and started
// again while hundreds of reminders fall due and owners record outcomes. Every reminder reaches the
// SMTP server (counted by Message-ID) and every outcome is recorded once. A reminder delivered twice
// is allowed only in the one window SMTP leaves open (accepted by the server, worker killed before
// the outbox row says SENT); the run names each such duplicate, and any other fails the test.
const COUNT = Number(process.env.FAULT_STORM_REMINDERS ?? 1_000);
const OUTCOMES = Math.max(1, Math.round(COUNT / 10));
const MAX_KILLS = Number(process.env.FAULT_STORM_KILLS ?? 15);
const STORM_LIMIT_MS = Number(process.env.FAULT_STORM_MS ?? 5 * 60_000);
/** A worker lives this long (random within) before it is killed. */
const LIFETIME_MS: [number, number] = [2_000, 6_000];
/** How long an owner keeps sending the same outcome before the test gives up on it. */
const OUTCOME_PATIENCE_MS = 5 * 60_000;

let rig: FaultRig;
/** Aborted when the test ends, so no outcome retry outlives the client it calls through. */
const finished = new AbortController();
const outcomes: Promise<OutcomeResult>[] = [];

beforeAll(async () => {
  rig = await FaultRig.start();
  await rig.workflowBundlePath();
}, 300_000);

afterAll(async () => {
  finished.abort();
  await Promise.all(outcomes);
  await rig?.stop();
});

/** Name, message and the cause's message: a ServiceError says only "Workflow Update failed" itself. */
const describeError = (error: Error): string => `${error.name}: ${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}`;
const callSignal = (ms: number) => AbortSignal.any([finished.signal, AbortSignal.timeout(ms)]);

interface OutcomeResult {
  assignmentId: string;
  /** `answer`: the Update answered; `completed`: the workflow ended before an answer reached us (the database is checked below). */
  confirmedBy?: 'answer' | 'completed';
  retries: number;
  /** Why each retry was needed (error name and message, ids elided). */
  retriedOn: string[];
  error?: string;
}

/**
 * Sends the outcome as an Update with a fixed id, again after a failure (a killed worker), until it
 * is answered or the workflow has completed. A `dhr-publication` assignment does not recur, so once
 * its outcome is recorded the workflow ends and a repeat of the Update is refused as "workflow
 * execution already completed": the audit events and the occurrence decide then, not the answer.
 * Never rejects: the result carries the error, so a failure early in the storm is reported at the end.
 */
async function recordOutcome({ assignmentId, handle }: Assigned): Promise<OutcomeResult> {
  const result: OutcomeResult = { assignmentId, retries: 0, retriedOn: [] };
  const updateId = `storm-outcome:${assignmentId}`;
  const giveUpAt = Date.now() + OUTCOME_PATIENCE_MS;
  let lastError = '';
  while (Date.now() < giveUpAt && !finished.signal.aborted) {
    try {
      // Cancelled rather than raced: the call itself ends, so none is left running when the client closes.
      await rig.client.withAbortSignal(callSignal(30_000), () =>
        handle.executeUpdate(recordOutcomeUpdate, { args: [{ outcome: 'met', date: today(), evidence: 'storm' }], updateId }),
      );
      return { ...result, confirmedBy: 'answer' };
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) return { ...result, error: `refused: ${error.cause?.message ?? error.message}` };
      lastError = describeError(error as Error);
      const status = await rig.client.withAbortSignal(callSignal(10_000), () => handle.describe()).then((d) => d.status.name, () => undefined);
      if (status === 'COMPLETED') return { ...result, confirmedBy: 'completed' };
      if (status && status !== 'RUNNING') return { ...result, error: `the workflow is ${status} (last error: ${lastError})` };
      result.retries += 1;
      result.retriedOn.push(lastError.replace(/duty:[^\s'"]+|a-[0-9a-f]{8}|storm-outcome:\S+/g, '…').slice(0, 200));
      await sleep(2_000);
    }
  }
  return { ...result, error: `never answered in ${OUTCOME_PATIENCE_MS / 60_000} minutes (last error: ${lastError})` };
}

it(`delivers ${COUNT} reminders once and records every outcome once while workers are killed`, async () => {
  const started = Date.now();
  const sentCount = (assigned: Assigned[]) => rig.prisma.outboxMessage.count({ where: { assignmentId: { in: assigned.map((a) => a.assignmentId) }, status: 'SENT' } });

  let child = await rig.spawnWorker();
  const assigned = await rig.assignDueNow(COUNT, 'storm');
  const byId = new Map(assigned.map((a) => [a.assignmentId, a]));

  // Owners record outcomes during the storm, on assignments whose reminder went out.
  const chosen = new Set<string>();
  const pickOutcomes = async () => {
    if (chosen.size >= OUTCOMES) return;
    const sent = await rig.prisma.outboxMessage.findMany({ where: { status: 'SENT', assignmentId: { in: [...byId.keys()] } }, select: { assignmentId: true }, take: 200 }).catch(() => []);
    for (const { assignmentId } of sent) {
      if (chosen.size >= OUTCOMES || !assignmentId || chosen.has(assignmentId)) continue;
      chosen.add(assignmentId);
      outcomes.push(recordOutcome(byId.get(assignmentId)!));
    }
  };

  let kills = 0;
  while (kills < MAX_KILLS && Date.now() - started < STORM_LIMIT_MS) {
    await sleep(LIFETIME_MS[0] + Math.random() * (LIFETIME_MS[1] - LIFETIME_MS[0]));
    await pickOutcomes();
    await rig.kill(child);
    kills += 1;
    if ((await sentCount(assigned)) === COUNT && chosen.size >= OUTCOMES) break;
    child = await rig.spawnWorker();
  }
  const stormMs = Date.now() - started;
  const sentInStorm = await sentCount(assigned);

  // A last worker that lives before anything waits for answers: an Update waits for a worker to run
  // its workflow, and activities cut off by a kill come back only after their one-minute time-out.
  if (child.exitCode !== null || child.signalCode !== null) child = await rig.spawnWorker();
  await eventually(async () => {
    await pickOutcomes();
    return (await sentCount(assigned)) === COUNT && chosen.size >= OUTCOMES;
  }, 'every reminder after the storm', 300_000, 1_000);
  const results = await Promise.all(outcomes);
  const answered = results.filter((r) => r.confirmedBy === 'answer').length;
  const retries = results.reduce((sum, r) => sum + r.retries, 0);
  const retriedOn = new Map<string, number>();
  for (const reason of results.flatMap((r) => r.retriedOn)) retriedOn.set(reason, (retriedOn.get(reason) ?? 0) + 1);

  const report = await deliveryReport(rig.prisma, rig.inboxDir, { assignmentId: { in: [...byId.keys()] } });
  const attempts = await rig.prisma.outboxMessage.groupBy({ by: ['attempts'], _count: true, where: { assignmentId: { in: [...byId.keys()] } } });
  process.stderr.write(
    describeReport(
      'worker kills',
      report,
      `; ${kills} kills in ${(stormMs / 1000).toFixed(0)} s (${sentInStorm} reminders sent by then), outbox attempts ${attempts.map((a) => `${a.attempts}x${a._count}`).join(' ')}, ${chosen.size} outcomes (${answered} answered, ${chosen.size - answered} found completed, ${retries} Update retries), done in ${((Date.now() - started) / 1000).toFixed(0)} s${[...retriedOn].map(([reason, n]) => `\n  retried ${n}x on ${reason}`).join('')}`,
    ),
  );
  expect(results.filter((r) => r.error)).toEqual([]);
  expect(kills).toBeGreaterThanOrEqual(Math.min(MAX_KILLS, 3));
  expect(report).toMatchObject({ notices: COUNT, sent: COUNT, delivered: COUNT, lost: [] });
  expect(report.duplicates.filter((d) => d.attempts < 2)).toEqual([]);

  // Each outcome once: the occurrence closed as met, one outcome event, the assignment ended once.
  const subjects = [...chosen].map((id) => `assignment:${id}`);
  const events = await rig.prisma.auditEvent.groupBy({ by: ['subject', 'kind'], _count: true, where: { subject: { in: subjects }, kind: { in: ['assignment.outcome', 'assignment.end'] } } });
  expect(events.filter((e) => e._count !== 1)).toEqual([]);
  expect(events).toHaveLength(2 * chosen.size);
  expect(await rig.prisma.occurrence.count({ where: { assignmentId: { in: [...chosen] }, status: 'met' } })).toBe(chosen.size);
  expect(await rig.prisma.auditEvent.count({ where: { kind: 'occurrence.opened', subject: { in: assigned.map((a) => `assignment:${a.assignmentId}`) } } })).toBe(COUNT);
});
