/**
 * start: N duty assignments through the HTTP API (assignment row, audit event, workflow start;
 * the worker opens each occurrence) against N no-op workflows started with the client on the same
 * dev server and worker. Rounds alternate which goes first, so drift on a shared machine cancels.
 * BENCH_START_N (default 200), BENCH_START_ROUNDS (4), BENCH_CONCURRENCY (16).
 */
import { randomUUID } from 'node:crypto';
import { envInt, inParallel, log, seconds, type Bench, type BenchResult } from './support/runner';
import { quietAssignments, postAssignment, seedBodies } from './support/seed';
import { startBenchServers, TASK_QUEUE, workerSettled, type BenchServers } from './support/servers';

const GOAL = 1.25;

interface Phase {
  acceptedMs: number;
  settledMs: number;
}

async function timed(servers: BenchServers, start: () => Promise<void>, done: () => Promise<boolean>): Promise<Phase> {
  const t0 = performance.now();
  await start();
  const accepted = performance.now();
  while (!(await done())) await new Promise((r) => setTimeout(r, 20));
  const settled = await workerSettled(servers.worker!);
  return { acceptedMs: accepted - t0, settledMs: Math.max(settled, accepted) - t0 };
}

export const startBench: Bench = {
  name: 'start',
  description: 'assignments through the HTTP API vs no-op workflows, same server and worker',
  async run(): Promise<BenchResult> {
    const n = envInt('BENCH_START_N', 200);
    const rounds = envInt('BENCH_START_ROUNDS', 4);
    const concurrency = envInt('BENCH_CONCURRENCY', 16);
    const perRound = Math.ceil(n / rounds);
    const servers = await startBenchServers();
    try {
      const { requests, bodies } = quietAssignments(perRound * rounds, 'start');
      await seedBodies(servers.prisma, bodies);
      // Warm-up outside the measurement: first HTTP route, first workflow of each type, connection pools.
      await seedBodies(servers.prisma, ['warm']);
      await postAssignment(servers.api!, { ...requests[0]!, body: 'warm' });
      await servers.client.workflow.start('benchNoop', { taskQueue: TASK_QUEUE, workflowId: `noop-warm` });
      await workerSettled(servers.worker!);

      const totals = { api: { acceptedMs: 0, settledMs: 0 }, noop: { acceptedMs: 0, settledMs: 0 } };
      for (let round = 0; round < rounds; round += 1) {
        const batch = requests.slice(round * perRound, (round + 1) * perRound);
        const api = async () => {
          const before = await servers.prisma.occurrence.count();
          const phase = await timed(
            servers,
            () => inParallel(batch, concurrency, (request) => postAssignment(servers.api!, request)).then(() => undefined),
            async () => (await servers.prisma.occurrence.count()) >= before + batch.length,
          );
          totals.api.acceptedMs += phase.acceptedMs;
          totals.api.settledMs += phase.settledMs;
        };
        const noop = async () => {
          const phase = await timed(
            servers,
            () =>
              inParallel(batch, concurrency, () => servers.client.workflow.start('benchNoop', { taskQueue: TASK_QUEUE, workflowId: `noop-${randomUUID()}` })).then(
                () => undefined,
              ),
            async () => true,
          );
          totals.noop.acceptedMs += phase.acceptedMs;
          totals.noop.settledMs += phase.settledMs;
        };
        if (round % 2 === 0) await noop().then(api);
        else await api().then(noop);
        log(`start: round ${round + 1}/${rounds} done (${batch.length} of each)`);
      }
      const total = perRound * rounds;
      const ratio = totals.api.acceptedMs / totals.noop.acceptedMs;
      const settledRatio = totals.api.settledMs / totals.noop.settledMs;
      return {
        name: 'start',
        size: `${total} assignments vs ${total} no-op workflows, ${concurrency} in flight, ${rounds} alternating rounds`,
        ratio,
        goal: `≤ ${GOAL}× the no-op start time`,
        met: ratio <= GOAL,
        figures: {
          'assignments accepted (s)': seconds(totals.api.acceptedMs),
          'no-op workflows accepted (s)': seconds(totals.noop.acceptedMs),
          'assignments per second (accepted)': Math.round((total / totals.api.acceptedMs) * 1000),
          'no-op per second (accepted)': Math.round((total / totals.noop.acceptedMs) * 1000),
          'assignments settled (s)': seconds(totals.api.settledMs),
          'no-op settled (s)': seconds(totals.noop.settledMs),
          'settled ratio': Number(settledRatio.toFixed(2)),
        },
        notes: [
          'ratio = time until every start request was answered (HTTP 201 / client start), with the worker running on the same server meanwhile',
          'settled = until the worker had nothing in flight: an assignment is settled once its occurrence row is written and it waits on its first reminder timer',
        ],
      };
    } finally {
      await servers.stop();
    }
  },
};
