/**
 * apistart: the API's own share of a start. N assignments through `POST /api/assignments` against N
 * bare `client.workflow.start` calls, on the same dev server with NO worker running, so neither side
 * pays for workflow tasks: what is left is the API path (auth, look-ups, the insert, the start with
 * its search attributes). Rounds alternate which goes first. The goal is the start bench's.
 * BENCH_START_N (default 200), BENCH_START_ROUNDS (4), BENCH_CONCURRENCY (16).
 */
import { randomUUID } from 'node:crypto';
import { envInt, inParallel, log, seconds, type Bench, type BenchResult } from './support/runner';
import { postAssignment, quietAssignments, seedBodies } from './support/seed';
import { startBenchServers, TASK_QUEUE } from './support/servers';

const GOAL = 1.25;

async function elapsedMs(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

export const apiStartBench: Bench = {
  name: 'apistart',
  description: 'assignments through the HTTP API vs bare workflow starts, no worker (the API path alone)',
  async run(): Promise<BenchResult> {
    const n = envInt('BENCH_START_N', 200);
    const rounds = envInt('BENCH_START_ROUNDS', 4);
    const concurrency = envInt('BENCH_CONCURRENCY', 16);
    const perRound = Math.ceil(n / rounds);
    const servers = await startBenchServers({ worker: false });
    try {
      const { requests, bodies } = quietAssignments(perRound * rounds, 'apistart');
      await seedBodies(servers.prisma, [...bodies, 'warm']);
      // Warm-up outside the measurement: first HTTP route, connection pools on both sides.
      await postAssignment(servers.api!, { ...requests[0]!, body: 'warm' });
      await servers.client.workflow.start('benchNoop', { taskQueue: TASK_QUEUE, workflowId: 'noop-warm' });

      let apiMs = 0;
      let bareMs = 0;
      for (let round = 0; round < rounds; round += 1) {
        const batch = requests.slice(round * perRound, (round + 1) * perRound);
        const api = async () => {
          apiMs += await elapsedMs(() => inParallel(batch, concurrency, (request) => postAssignment(servers.api!, request)));
        };
        const bare = async () => {
          bareMs += await elapsedMs(() =>
            inParallel(batch, concurrency, () => servers.client.workflow.start('benchNoop', { taskQueue: TASK_QUEUE, workflowId: `noop-${randomUUID()}` })),
          );
        };
        if (round % 2 === 0) await bare().then(api);
        else await api().then(bare);
        log(`apistart: round ${round + 1}/${rounds} done (${batch.length} of each)`);
      }
      const total = perRound * rounds;
      const ratio = apiMs / bareMs;
      return {
        name: 'apistart',
        size: `${total} assignments vs ${total} bare starts, no worker, ${concurrency} in flight, ${rounds} alternating rounds`,
        ratio,
        goal: `≤ ${GOAL}× the bare start time`,
        met: ratio <= GOAL,
        figures: {
          'assignments answered (s)': seconds(apiMs),
          'bare starts answered (s)': seconds(bareMs),
          'assignments per second': Math.round((total / apiMs) * 1000),
          'bare starts per second': Math.round((total / bareMs) * 1000),
          'API cost per assignment beyond its start (ms, at this concurrency)': Number(((apiMs - bareMs) / total).toFixed(2)),
        },
        notes: ['no worker: the workflows are started and never run, so this is the API path (auth, look-ups, insert, start) against the start alone'],
      };
    } finally {
      await servers.stop();
    }
  },
};
