import { WorkflowUpdateFailedError } from '@temporalio/client';
import { recordOutcomeUpdate } from '../../workflows/dutyAssignment';
import { deliveryReport, describeReport } from './support/delivery';
import { eventually, FaultRig, sleep, today, type Assigned } from './support/faultRig';

// Issue 9's storm: a worker in a child process is killed with SIGKILL every few seconds and started
// again while hundreds of reminders fall due and owners record outcomes. Every reminder reaches the
// SMTP server (counted by Message-ID) and every outcome is recorded once. A reminder delivered twice
// is allowed only in the one window SMTP leaves open (accepted by the server, worker killed before
// the outbox row says SENT); the run names each such duplicate, and any other fails the test.
const COUNT = Number(process.env.FAULT_STORM_REMINDERS ?? 300);
const OUTCOMES = Math.max(1, Math.round(COUNT / 10));
const MAX_KILLS = Number(process.env.FAULT_STORM_KILLS ?? 15);
const STORM_LIMIT_MS = Number(process.env.FAULT_STORM_MS ?? 5 * 60_000);
/** A worker lives this long (random within) before it is killed. */
const LIFETIME_MS: [number, number] = [2_000, 6_000];

let rig: FaultRig;

beforeAll(async () => {
  rig = await FaultRig.start();
  await rig.workflowBundlePath();
}, 300_000);

afterAll(() => rig?.stop());

/** Sends the outcome as an Update with a fixed id, again after a failure (a killed worker), until it is answered. */
async function recordOutcome({ assignmentId, handle }: Assigned, stats: { retries: number }): Promise<void> {
  const updateId = `storm-outcome:${assignmentId}`;
  const giveUpAt = Date.now() + 5 * 60_000;
  let lastError = '';
  while (Date.now() < giveUpAt) {
    try {
      await Promise.race([
        handle.executeUpdate(recordOutcomeUpdate, { args: [{ outcome: 'met', date: today(), evidence: 'storm' }], updateId }),
        sleep(30_000).then(() => Promise.reject(new Error('no answer within 30 s'))),
      ]);
      return;
    } catch (error) {
      // The workflow may have finished with this very outcome while the answer was lost; the database has the last word.
      if (error instanceof WorkflowUpdateFailedError) throw error;
      if ((await handle.describe().catch(() => undefined))?.status.name === 'COMPLETED') return;
      stats.retries += 1;
      lastError = (error as Error).message;
      await sleep(2_000);
    }
  }
  throw new Error(`the outcome of ${assignmentId} was never answered in 5 minutes (last error: ${lastError})`);
}

it(`delivers ${COUNT} reminders once and records every outcome once while workers are killed`, async () => {
  const started = Date.now();
  const sentCount = (assigned: Assigned[]) => rig.prisma.outboxMessage.count({ where: { assignmentId: { in: assigned.map((a) => a.assignmentId) }, status: 'SENT' } });

  let child = await rig.spawnWorker();
  const assigned = await rig.assignDueNow(COUNT, 'storm');
  const byId = new Map(assigned.map((a) => [a.assignmentId, a]));

  // Owners record outcomes during the storm, on assignments whose reminder went out.
  const chosen = new Set<string>();
  const outcomeStats = { retries: 0 };
  const outcomes: Promise<void>[] = [];
  const pickOutcomes = async () => {
    if (chosen.size >= OUTCOMES) return;
    const sent = await rig.prisma.outboxMessage.findMany({ where: { status: 'SENT', assignmentId: { in: [...byId.keys()] } }, select: { assignmentId: true }, take: 200 }).catch(() => []);
    for (const { assignmentId } of sent) {
      if (chosen.size >= OUTCOMES || !assignmentId || chosen.has(assignmentId)) continue;
      chosen.add(assignmentId);
      outcomes.push(recordOutcome(byId.get(assignmentId)!, outcomeStats));
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

  // A last worker that lives: activities cut off by a kill come back after their one-minute time-out.
  if (child.exitCode !== null || child.signalCode !== null) child = await rig.spawnWorker();
  await eventually(async () => {
    await pickOutcomes();
    return (await sentCount(assigned)) === COUNT && chosen.size >= OUTCOMES;
  }, 'every reminder after the storm', 300_000, 1_000);
  await Promise.all(outcomes);

  const report = await deliveryReport(rig.prisma, rig.inboxDir, { assignmentId: { in: [...byId.keys()] } });
  const attempts = await rig.prisma.outboxMessage.groupBy({ by: ['attempts'], _count: true, where: { assignmentId: { in: [...byId.keys()] } } });
  process.stderr.write(
    describeReport(
      'worker kills',
      report,
      `; ${kills} kills in ${(stormMs / 1000).toFixed(0)} s (${sentInStorm} reminders sent by then), outbox attempts ${attempts.map((a) => `${a.attempts}x${a._count}`).join(' ')}, ${chosen.size} outcomes (${outcomeStats.retries} Update retries), done in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    ),
  );
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
