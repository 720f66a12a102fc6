/**
 * scale: as many open assignments as BENCH_SCALE (default 2000; the full run is 10000) on
 * one worker (sticky cache bounded by BENCH_CACHE, default 1000) and the embedded dev server: time
 * to start them all through the API, worker memory per open workflow, the dev server's SQLite size,
 * and the visibility query "overdue in body X" against a plain count of every dutyAssignment,
 * alternated on the same server, at half and at full size.
 */
import { envInt, inParallel, log, median, seconds, type Bench, type BenchResult } from './support/runner';
import { overdueAssignments, postAssignment, quietAssignments, seedBodies } from './support/seed';
import { startBenchServers, workerSettled, type BenchServers } from './support/servers';

const OVERDUE_BODY = 'overdue-body';
const OVERDUE_QUERY = `BodyId = '${OVERDUE_BODY}' AND DutyStatus = 'overdue'`;
const PLAIN_QUERY = `WorkflowType = 'dutyAssignment'`;

async function queryTimes(servers: BenchServers, repeats = 15): Promise<{ overdueMs: number; plainMs: number; listMs: number; overdue: number; all: number }> {
  const overdue: number[] = [];
  const plain: number[] = [];
  const list: number[] = [];
  let counts = { overdue: 0, all: 0 };
  for (let i = 0; i < repeats; i += 1) {
    const a = performance.now();
    const o = await servers.client.workflow.count(OVERDUE_QUERY);
    const b = performance.now();
    const p = await servers.client.workflow.count(PLAIN_QUERY);
    const c = performance.now();
    for await (const _ of servers.client.workflow.list({ query: OVERDUE_QUERY })) void _;
    list.push(performance.now() - c);
    overdue.push(b - a);
    plain.push(c - b);
    counts = { overdue: o.count, all: p.count };
  }
  return { overdueMs: median(overdue), plainMs: median(plain), listMs: median(list), ...counts };
}

const rssMiB = () => process.memoryUsage().rss / 2 ** 20;

export const scaleBench: Bench = {
  name: 'scale',
  description: 'open assignments on one worker and the embedded dev server',
  async run(): Promise<BenchResult> {
    const n = envInt('BENCH_SCALE', 2000);
    const cache = envInt('BENCH_CACHE', 1000);
    const concurrency = envInt('BENCH_CONCURRENCY', 16);
    const servers = await startBenchServers({ maxCachedWorkflows: cache });
    try {
      const overdue = overdueAssignments(OVERDUE_BODY);
      const { requests, bodies } = quietAssignments(n - overdue.length, 'scale');
      await seedBodies(servers.prisma, [OVERDUE_BODY, ...bodies]);
      await inParallel(overdue, concurrency, (request) => postAssignment(servers.url!, request));
      await workerSettled(servers.worker!, 1000);
      const before = { rss: rssMiB(), db: servers.temporalDbBytes(), open: overdue.length };

      const t0 = performance.now();
      const half = Math.floor(requests.length / 2);
      await inParallel(requests.slice(0, half), concurrency, (request) => postAssignment(servers.url!, request));
      const halfQueries = await queryTimes(servers);
      await inParallel(requests.slice(half), concurrency, (request) => postAssignment(servers.url!, request));
      const acceptedMs = performance.now() - t0;
      while ((await servers.prisma.occurrence.count()) < n) await new Promise((r) => setTimeout(r, 200));
      const settledMs = (await workerSettled(servers.worker!, 1000)) - t0;
      log(`scale: ${n} open, settled after ${seconds(settledMs)} s`);

      const status = servers.worker!.getStatus();
      const after = { rss: rssMiB(), db: servers.temporalDbBytes() };
      const fullQueries = await queryTimes(servers);
      const started = requests.length;
      const rssPerWorkflowKiB = ((after.rss - before.rss) * 1024) / started;
      const dbPerWorkflowKiB = (after.db - before.db) / 1024 / started;
      const ratio = fullQueries.overdueMs / fullQueries.plainMs;
      const growth = fullQueries.overdueMs / halfQueries.overdueMs;
      const startsPerSecond = (started / acceptedMs) * 1000;
      const toGoal = 100_000;
      return {
        name: 'scale',
        size: `${n} open assignments (${overdue.length} overdue in one body), sticky cache ${cache}, ${concurrency} in flight`,
        ratio,
        goal: '"overdue in body X" no slower than a plain count (≤ 1×)',
        met: ratio <= 1,
        figures: {
          'start all through the API (s)': seconds(acceptedMs),
          'starts per second': Number(startsPerSecond.toFixed(1)),
          'all settled, occurrences open (s)': seconds(settledMs),
          'worker RSS before → after (MiB)': `${before.rss.toFixed(0)} → ${after.rss.toFixed(0)}`,
          'RSS per open workflow (KiB)': Number(rssPerWorkflowKiB.toFixed(1)),
          'workflows in the sticky cache': status.numCachedWorkflows,
          'dev server SQLite (MiB)': Number((after.db / 2 ** 20).toFixed(1)),
          'SQLite per workflow (KiB)': Number(dbPerWorkflowKiB.toFixed(1)),
          'count overdue in body X (ms, median)': Number(fullQueries.overdueMs.toFixed(1)),
          'list overdue in body X (ms, median)': Number(fullQueries.listMs.toFixed(1)),
          'count all dutyAssignment (ms, median)': Number(fullQueries.plainMs.toFixed(1)),
          [`count overdue at ${overdue.length + half} → ${n} (ms)`]: `${halfQueries.overdueMs.toFixed(1)} → ${fullQueries.overdueMs.toFixed(1)} (×${growth.toFixed(2)})`,
          'overdue found / all counted': `${fullQueries.overdue} / ${fullQueries.all}`,
          [`projected for ${toGoal}: start time (min)`]: Number((toGoal / startsPerSecond / 60).toFixed(0)),
          [`projected for ${toGoal}: SQLite (GiB)`]: Number(((dbPerWorkflowKiB * toGoal) / 2 ** 20).toFixed(2)),
          [`projected for ${toGoal}: worker RSS if all cached (GiB)`]: Number(((rssPerWorkflowKiB * toGoal) / 2 ** 20).toFixed(2)),
        },
        notes: [
          'RSS is the whole bench process (worker, API, Prisma): the delta over the started workflows, with the cache bounded, is the worker\'s cost per open workflow',
          'projections are linear in the measured per-workflow figures',
        ],
      };
    } finally {
      await servers.stop();
    }
  },
};
