import { rescheduleUpdate, stateQuery } from '../../workflows/dutyAssignment';
import { deliveryReport, describeReport } from './support/delivery';
import { daysFromToday, eventually, FaultRig, sleep, type Assigned } from './support/faultRig';

// The Temporal dev server is restarted on its SQLite file: settled workflows answer the same state
// query after as before, workflows caught mid-reminder finish, and reminders are still sent.
const SETTLED = Number(process.env.FAULT_TEMPORAL_SETTLED ?? 20);
const IN_FLIGHT = Number(process.env.FAULT_TEMPORAL_IN_FLIGHT ?? 20);
const RESCHEDULED = 5;

let rig: FaultRig;

beforeAll(async () => {
  rig = await FaultRig.start();
  await rig.startWorker();
}, 300_000);

afterAll(() => rig?.stop());

const states = (assigned: Assigned[]) => Promise.all(assigned.map(({ handle }) => handle.query(stateQuery)));
const sentFor = (assigned: Assigned[]) => rig.prisma.outboxMessage.count({ where: { assignmentId: { in: assigned.map((a) => a.assignmentId) }, status: 'SENT' } });

it('resumes every workflow where it was after the Temporal server restarts', async () => {
  const started = Date.now();
  const settled = await rig.assignDueNow(SETTLED, 'settled');
  await eventually(async () => (await sentFor(settled)) === SETTLED, 'the settled reminders');
  const before = await states(settled);
  expect(before.every((state) => state.occurrence.id && state.nextNotice?.step === 'reminder-2')).toBe(true);

  const inFlight = await rig.assignDueNow(IN_FLIGHT, 'flight');
  await rig.stopTemporal();
  const sentWhenStopped = await sentFor(inFlight);
  await sleep(3_000);
  await rig.startTemporal();
  const restartedAt = Date.now();

  // Queries need a worker: the one polling before the restart reconnects by itself.
  const after = await eventually(() => states(settled), 'the state query after the restart', 120_000, 1_000);
  expect(after).toEqual(before);

  await eventually(async () => (await sentFor(inFlight)) === IN_FLIGHT, 'the reminders caught by the restart', 240_000);

  // Moving the due date replans: a new reminder for the new date, sent by the resumed workflows.
  const moved = settled.slice(0, RESCHEDULED);
  const newDue = daysFromToday(6);
  for (const { handle } of moved) {
    const state = await handle.executeUpdate(rescheduleUpdate, { args: [{ due: newDue, reason: 'Panel moved after the restart' }] });
    expect(state.occurrence.due).toBe(newDue);
  }
  await eventually(async () => (await sentFor(moved)) === 2 * RESCHEDULED, 'the reminders for the new date');

  const all = [...settled, ...inFlight];
  const report = await deliveryReport(rig.prisma, rig.inboxDir, { assignmentId: { in: all.map((a) => a.assignmentId) } });
  process.stderr.write(
    describeReport(
      'Temporal restart',
      report,
      `; ${SETTLED} settled workflows with the same state after, ${IN_FLIGHT} in flight (${sentWhenStopped} sent when stopped), back ${((Date.now() - restartedAt) / 1000).toFixed(0)} s after the restart, done in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    ),
  );
  const expected = SETTLED + IN_FLIGHT + RESCHEDULED;
  expect(report).toMatchObject({ notices: expected, sent: expected, delivered: expected, lost: [], duplicates: [] });
});
