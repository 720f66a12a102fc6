import { deliveryReport, describeReport } from './support/delivery';
import { eventually, FaultRig, sleep } from './support/faultRig';

// The SMTP server is down while reminders fall due, then comes back: each reminder is retried
// (the outbox shows the attempts and the last error meanwhile), then delivered once.
const COUNT = Number(process.env.FAULT_SMTP_REMINDERS ?? 40);
const OUTAGE_MS = Number(process.env.FAULT_SMTP_OUTAGE_MS ?? 20_000);

let rig: FaultRig;

beforeAll(async () => {
  rig = await FaultRig.start();
  await rig.startWorker();
}, 300_000);

afterAll(() => rig?.stop());

it('loses and duplicates nothing while the SMTP server is down for a stretch', async () => {
  const started = Date.now();
  await rig.stopSmtp();
  const assigned = await rig.assignDueNow(COUNT);
  const ids = { assignmentId: { in: assigned.map((a) => a.assignmentId) } };

  // Every reminder was tried and failed at least once, and some already retried, while the server was down.
  const duringOutage = await eventually(async () => {
    const rows = await rig.prisma.outboxMessage.findMany({ where: ids });
    return rows.length === COUNT && rows.every((row) => row.attempts >= 1 && row.lastError) && rows.some((row) => row.attempts >= 2) && rows;
  }, 'every reminder to fail once and one to be retried', 90_000);
  expect(duringOutage.every((row) => row.status === 'PENDING' && /ECONNREFUSED|connect/i.test(row.lastError ?? ''))).toBe(true);
  await sleep(Math.max(0, started + OUTAGE_MS - Date.now()));
  const outageMs = Date.now() - started;
  await rig.startSmtp();

  const sent = await eventually(async () => {
    const rows = await rig.prisma.outboxMessage.findMany({ where: ids });
    return rows.every((row) => row.status === 'SENT') && rows;
  }, 'every reminder to be sent once the server is back', 180_000);
  expect(sent).toHaveLength(COUNT);
  expect(sent.every((row) => row.attempts >= 2 && row.lastError === null)).toBe(true);

  const report = await deliveryReport(rig.prisma, rig.inboxDir, ids);
  const attempts = sent.map((row) => row.attempts);
  process.stderr.write(
    describeReport('SMTP outage', report, `; outage ${(outageMs / 1000).toFixed(0)} s, attempts per reminder ${Math.min(...attempts)}-${Math.max(...attempts)}, done in ${((Date.now() - started) / 1000).toFixed(0)} s`),
  );
  expect(report).toMatchObject({ notices: COUNT, sent: COUNT, delivered: COUNT, lost: [], duplicates: [] });
  expect(await rig.prisma.occurrence.count({ where: ids })).toBe(COUNT);
});
