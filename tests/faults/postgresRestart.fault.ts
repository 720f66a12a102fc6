import { deliveryReport, describeReport } from './support/delivery';
import { eventually, FaultRig, sleep } from './support/faultRig';

// PostgreSQL stops just after the workflows start (they are opening their occurrences and sending
// reminders) and starts again on the same data directory and port: the activities retry and
// every occurrence and reminder is written and sent once.
const COUNT = Number(process.env.FAULT_PG_REMINDERS ?? 40);
const DOWN_MS = Number(process.env.FAULT_PG_DOWN_MS ?? 15_000);

let rig: FaultRig;

beforeAll(async () => {
  rig = await FaultRig.start();
  await rig.startWorker();
}, 300_000);

afterAll(() => rig?.stop());

it('loses and duplicates nothing when PostgreSQL restarts mid-run', async () => {
  const started = Date.now();
  const assigned = await rig.assignDueNow(COUNT);
  const ids = { assignmentId: { in: assigned.map((a) => a.assignmentId) } };
  await rig.stopPostgres();
  const stoppedAt = Date.now();

  // Temporal shows the retries: an activity on its second attempt or later, failing on the database.
  const retrying = await eventually(async () => {
    for (const { handle } of assigned) {
      const pending = (await handle.describe()).raw.pendingActivities ?? [];
      const retried = pending.find((activity) => (activity.attempt ?? 0) >= 2);
      if (retried) return { type: retried.activityType?.name, attempt: retried.attempt, error: retried.lastFailure?.message };
    }
    return undefined;
  }, 'an activity to retry while PostgreSQL is down', 60_000, 1_000);
  expect(retrying.error).toBeTruthy();
  await sleep(Math.max(0, stoppedAt + DOWN_MS - Date.now()));
  const downMs = Date.now() - stoppedAt;
  await rig.startPostgres();

  await eventually(async () => (await rig.prisma.outboxMessage.count({ where: { ...ids, status: 'SENT' } })) === COUNT, 'every reminder to be sent after the restart', 240_000);
  const report = await deliveryReport(rig.prisma, rig.inboxDir, ids);
  process.stderr.write(
    describeReport('PostgreSQL restart', report, `; down ${(downMs / 1000).toFixed(0)} s, seen retrying: ${retrying.type} attempt ${retrying.attempt} (${retrying.error}); done in ${((Date.now() - started) / 1000).toFixed(0)} s`),
  );
  expect(report).toMatchObject({ notices: COUNT, sent: COUNT, delivered: COUNT, lost: [], duplicates: [] });
  expect(await rig.prisma.occurrence.count({ where: ids })).toBe(COUNT);
  const opened = await rig.prisma.auditEvent.count({ where: { kind: 'occurrence.opened', subject: { in: assigned.map((a) => `assignment:${a.assignmentId}`) } } });
  expect(opened).toBe(COUNT);
});
