/**
 * scale: as many open assignments as BENCH_SCALE (default 2000; the issue's full run is 10000),
 * alongside death review cases (BENCH_SCALE_REVIEWS) and meetings (BENCH_SCALE_MEETINGS), each
 * 10% of BENCH_SCALE unless told (0 leaves a kind out), on one worker (sticky cache bounded by
 * BENCH_CACHE, default 1000; PostgreSQL pool BENCH_PG_POOL, 32) and the embedded dev server. Every
 * workflow is opened through the HTTP API, in two halves and kind by kind, with progress lines:
 * time to start them all per kind, worker memory per open workflow, the dev server's SQLite size,
 * and the visibility query "overdue in body X" against a plain count of every dutyAssignment,
 * alternated on the same server, at half and at full size.
 */
import os from 'node:os';
import type { PrismaClient } from '../src/db/client';
import { envInt, inParallel, log, median, seconds, type Bench, type BenchResult } from './support/runner';
import { overdueAssignments, postAssignment, postCreate, postRetries, quietAssignments, quietMeetings, quietReviews, seedBodies } from './support/seed';
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
const MiB = (bytes: number | undefined) => (bytes === undefined ? NaN : bytes / 2 ** 20);

interface Snapshot {
  open: number;
  rss: number;
  serverRss: number;
  db: number;
  cached: number;
}

/** A kind of workflow the bench opens through the API, and the row that shows one has done its first work. */
interface Kind {
  name: string;
  route: string;
  requests: readonly object[];
  /** e.g. "occurrences open": what `done` counts. */
  doneNoun: string;
  done(prisma: PrismaClient): Promise<number>;
}

interface Phase {
  acceptedMs: number;
  settledMs: number;
}

/**
 * Starts `requests` of one kind through the API with at most `concurrency` in flight, then waits
 * until each has done its first work (`kind.done` has grown by as many) and the worker has nothing
 * in flight. A progress line every 15 s; a stall of BENCH_STALL_S (300) seconds with no progress
 * stops the run with what it saw.
 */
async function startPhase(servers: BenchServers, kind: Kind, requests: readonly object[], concurrency: number, label: string): Promise<Phase> {
  const target = (await kind.done(servers.prisma)) + requests.length;
  const t0 = performance.now();
  let posted = 0;
  let acceptedAt: number | undefined;
  const progress = setInterval(() => {
    void kind.done(servers.prisma).then(
      (done) =>
        log(
          `scale ${label}, ${kind.name}: ${posted}/${requests.length} started (${((posted / (performance.now() - t0)) * 1000).toFixed(1)}/s), ${done}/${target} ${kind.doneNoun}, ` +
            `RSS ${rssMiB().toFixed(0)} MiB (main heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)}), ${servers.worker!.getStatus().numCachedWorkflows} cached, dev server ${MiB(servers.temporalServerRssBytes()).toFixed(0)} MiB, SQLite ${MiB(servers.temporalDbBytes()).toFixed(0)} MiB, load ${os.loadavg()[0]!.toFixed(1)}`,
        ),
      () => undefined,
    );
  }, 15_000);
  try {
    await inParallel(requests, concurrency, async (request) => {
      await postCreate(servers.api!, kind.route, request, 6);
      posted += 1;
    });
    acceptedAt = performance.now();
    const stallMs = envInt('BENCH_STALL_S', 300) * 1000;
    let last = -1;
    let lastChange = performance.now();
    for (;;) {
      const done = await kind.done(servers.prisma);
      if (done >= target) break;
      if (done !== last) [last, lastChange] = [done, performance.now()];
      else if (performance.now() - lastChange > stallMs) throw new Error(`scale ${label}, ${kind.name}: stalled at ${done}/${target} ${kind.doneNoun} for ${stallMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const settled = await workerSettled(servers.worker!, 1000);
    return { acceptedMs: acceptedAt - t0, settledMs: Math.max(settled, acceptedAt) - t0 };
  } finally {
    clearInterval(progress);
  }
}

/** One half: each kind's share started and settled in turn, so each kind's rates are its own. */
async function startHalf(servers: BenchServers, kinds: readonly Kind[], which: 'first' | 'second', concurrency: number, totals: Map<string, Phase>): Promise<void> {
  for (const kind of kinds) {
    const half = Math.floor(kind.requests.length / 2);
    const requests = which === 'first' ? kind.requests.slice(0, half) : kind.requests.slice(half);
    if (requests.length === 0) continue;
    const phase = await startPhase(servers, kind, requests, concurrency, `${which} half`);
    const sum = totals.get(kind.name) ?? { acceptedMs: 0, settledMs: 0 };
    totals.set(kind.name, { acceptedMs: sum.acceptedMs + phase.acceptedMs, settledMs: sum.settledMs + phase.settledMs });
  }
}

const snapshot = async (servers: BenchServers): Promise<Snapshot> => ({
  open: await servers.prisma.occurrence.count(),
  rss: rssMiB(),
  serverRss: MiB(servers.temporalServerRssBytes()),
  db: servers.temporalDbBytes(),
  cached: servers.worker!.getStatus().numCachedWorkflows,
});

export const scaleBench: Bench = {
  name: 'scale',
  description: 'open assignments on one worker and the embedded dev server',
  async run(): Promise<BenchResult> {
    const n = envInt('BENCH_SCALE', 2000);
    const loadAtStart = os.loadavg()[0]!;
    const cache = envInt('BENCH_CACHE', 1000);
    const concurrency = envInt('BENCH_CONCURRENCY', 16);
    const pool = envInt('BENCH_PG_POOL', 32);
    const slots = envInt('BENCH_WF_SLOTS', 4);
    const reviewCount = envInt('BENCH_SCALE_REVIEWS', Math.round(n / 10), 0);
    const meetingCount = envInt('BENCH_SCALE_MEETINGS', Math.round(n / 10), 0);
    const servers = await startBenchServers({ maxCachedWorkflows: cache, maxConnections: pool, maxConcurrentWorkflowTaskExecutions: slots });
    try {
      const overdue = overdueAssignments(OVERDUE_BODY);
      const { requests, bodies } = quietAssignments(n - overdue.length, 'scale');
      const reviews = quietReviews(reviewCount, 'scale');
      const meetings = quietMeetings(meetingCount, 'scale');
      await seedBodies(servers.prisma, [OVERDUE_BODY, ...bodies]);
      await seedBodies(servers.prisma, reviews.bodies, 'community_safety_partnership');
      await seedBodies(servers.prisma, meetings.bodies, 'board');
      const kinds: Kind[] = [
        { name: 'assignments', route: '/api/assignments', requests, doneNoun: 'occurrences open', done: (prisma) => prisma.occurrence.count() },
        // The workflow's first activity writes the case's `opened` step; it then waits for the decision's first reminder.
        { name: 'reviews', route: '/api/reviews', requests: reviews.requests, doneNoun: 'cases with the opened step written', done: (prisma) => prisma.reviewStepRecord.count({ where: { kind: 'opened' } }) },
        // The workflow records its deadlines, sends the invitation (then audited as sent) and waits for the first deadline's reminder.
        { name: 'meetings', route: '/api/meetings', requests: meetings.requests, doneNoun: 'invitations sent', done: (prisma) => prisma.auditEvent.count({ where: { kind: 'meeting.invitation-sent' } }) },
      ];
      await inParallel(overdue, concurrency, (request) => postAssignment(servers.api!, request, 6));
      while ((await servers.prisma.occurrence.count()) < overdue.length) await new Promise((r) => setTimeout(r, 200));
      await workerSettled(servers.worker!, 1000);
      const before = await snapshot(servers);

      const totals = new Map<string, Phase>();
      await startHalf(servers, kinds, 'first', concurrency, totals);
      const mid = await snapshot(servers);
      const halfQueries = await queryTimes(servers);
      log(`scale: ${mid.open} open after the first half; RSS ${mid.rss.toFixed(0)} MiB, ${mid.cached} cached`);
      await startHalf(servers, kinds, 'second', concurrency, totals);
      const { acceptedMs, settledMs } = totals.get('assignments')!;
      const after = await snapshot(servers);
      log(`scale: ${after.open} open, assignments settled after ${seconds(settledMs)} s`);
      const fullQueries = await queryTimes(servers);

      // Memory and disk are per workflow of every kind; start and settle rates are the assignments' (the other kinds' follow).
      const started = kinds.reduce((sum, kind) => sum + kind.requests.length, 0);
      const half = kinds.reduce((sum, kind) => sum + Math.floor(kind.requests.length / 2), 0);
      const assignmentsAtHalf = overdue.length + Math.floor(requests.length / 2);
      const cachePossible = Math.min(cache, overdue.length + started);
      const rssPerWorkflowKiB = ((after.rss - before.rss) * 1024) / started;
      const rssPerCachedKiB = ((mid.rss - before.rss) * 1024) / Math.max(Math.min(mid.cached, half), 1);
      // Once the sticky cache is full, what each further open workflow adds.
      const rssMarginalKiB = ((after.rss - mid.rss) * 1024) / (started - half);
      const serverRssPerWorkflowKiB = ((after.serverRss - before.serverRss) * 1024) / started;
      const dbPerWorkflowKiB = (after.db - before.db) / 1024 / started;
      const ratio = fullQueries.overdueMs / fullQueries.plainMs;
      const growth = fullQueries.overdueMs / halfQueries.overdueMs;
      const startsPerSecond = (requests.length / acceptedMs) * 1000;
      const settledPerSecond = (requests.length / settledMs) * 1000;
      const cases = kinds.filter((kind) => kind.name !== 'assignments' && kind.requests.length > 0);
      const perKind = Object.fromEntries(
        cases.flatMap((kind) => {
          const { acceptedMs: accepted, settledMs: settled } = totals.get(kind.name)!;
          return [
            [`${kind.name}: start all through the API (s)`, seconds(accepted)],
            [`${kind.name}: starts per second (API answered)`, Number(((kind.requests.length / accepted) * 1000).toFixed(1))],
            [`${kind.name}: all settled, ${kind.doneNoun} (s)`, seconds(settled)],
            [`${kind.name}: settled per second`, Number(((kind.requests.length / settled) * 1000).toFixed(1))],
          ];
        }),
      );
      const toGoal = 100_000;
      const workerAtGoalGiB = (before.rss + (rssPerCachedKiB * Math.min(cache, toGoal)) / 1024 + (rssMarginalKiB * Math.max(toGoal - cache, 0)) / 1024) / 1024;
      return {
        name: 'scale',
        size: `${n} open assignments (${overdue.length} overdue in one body)${cases.map((kind) => `, ${kind.requests.length} ${kind.name}`).join('')}, sticky cache ${cache}, ${slots} workflow tasks at once, ${concurrency} in flight, PostgreSQL pool ${pool}`,
        ratio,
        goal: '"overdue in body X" no slower than a plain count (≤ 1×)',
        met: ratio <= 1,
        figures: {
          'start all through the API (s)': seconds(acceptedMs),
          'starts per second (API answered)': Number(startsPerSecond.toFixed(1)),
          'all settled, occurrences open (s)': seconds(settledMs),
          'settled per second (first workflow task done)': Number(settledPerSecond.toFixed(1)),
          ...perKind,
          'workflows opened after the overdue body (all kinds)': started,
          'bench process RSS before → half → full (MiB)': `${before.rss.toFixed(0)} → ${mid.rss.toFixed(0)} → ${after.rss.toFixed(0)}`,
          'RSS per cached workflow (KiB, first half)': Number(rssPerCachedKiB.toFixed(1)),
          'RSS per open workflow, cache full (KiB, second half)': Number(rssMarginalKiB.toFixed(1)),
          'RSS per open workflow overall (KiB)': Number(rssPerWorkflowKiB.toFixed(1)),
          'workflows in the sticky cache': `${after.cached} (of ${cachePossible} possible)`,
          'dev server RSS before → half → full (MiB)': `${before.serverRss.toFixed(0)} → ${mid.serverRss.toFixed(0)} → ${after.serverRss.toFixed(0)}`,
          'dev server RSS per workflow (KiB)': Number(serverRssPerWorkflowKiB.toFixed(1)),
          'dev server SQLite (MiB)': Number((after.db / 2 ** 20).toFixed(1)),
          'SQLite per workflow (KiB)': Number(dbPerWorkflowKiB.toFixed(1)),
          'count overdue in body X (ms, median)': Number(fullQueries.overdueMs.toFixed(1)),
          'list overdue in body X (ms, median)': Number(fullQueries.listMs.toFixed(1)),
          'count all dutyAssignment (ms, median)': Number(fullQueries.plainMs.toFixed(1)),
          [`count overdue at ${assignmentsAtHalf} → ${n} (ms)`]: `${halfQueries.overdueMs.toFixed(1)} → ${fullQueries.overdueMs.toFixed(1)} (×${growth.toFixed(2)})`,
          [`count all at ${assignmentsAtHalf} → ${n} (ms)`]: `${halfQueries.plainMs.toFixed(1)} → ${fullQueries.plainMs.toFixed(1)} (×${(fullQueries.plainMs / halfQueries.plainMs).toFixed(2)})`,
          'overdue found / all counted': `${fullQueries.overdue} / ${fullQueries.all}`,
          'load average (1 min) at the start → end': `${loadAtStart.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}`,
          'API starts retried (5xx, then 201)': [...postRetries.values()].reduce((a, b) => a + b, 0),
          [`projected for ${toGoal}: start through the API (min)`]: Number((toGoal / startsPerSecond / 60).toFixed(0)),
          [`projected for ${toGoal}: all settled (min)`]: Number((toGoal / settledPerSecond / 60).toFixed(0)),
          [`projected for ${toGoal}: SQLite (GiB)`]: Number(((dbPerWorkflowKiB * toGoal) / 2 ** 20).toFixed(2)),
          [`projected for ${toGoal}: dev server RSS (GiB)`]: Number(((after.serverRss + (serverRssPerWorkflowKiB * (toGoal - n)) / 1024) / 1024).toFixed(2)),
          [`projected for ${toGoal}: worker RSS, cache ${cache} (GiB)`]: Number(workerAtGoalGiB.toFixed(2)),
          [`projected for ${toGoal}: worker RSS if all cached (GiB)`]: Number(((rssPerCachedKiB * toGoal) / 2 ** 20).toFixed(2)),
        },
        notes: [
          'each half is started through the API kind by kind (assignments, then reviews, then meetings), each kind waited for until every one has done its first work and the worker has nothing in flight; start and settle times are the sums of the two halves',
          'first work: an assignment\'s occurrence row; a review\'s `opened` step row (its first activity); a meeting\'s invitation sent (after its deadlines are recorded), counted by its `meeting.invitation-sent` audit event',
          'the figures without a kind are the assignments\'; RSS, dev server and SQLite per workflow are over every workflow opened after the overdue body, of all kinds; the visibility queries count dutyAssignment workflows only',
          'RSS is the whole bench process (worker, API, Prisma): the first half fills the sticky cache, so its delta per cached workflow is the worker\'s cost of a cached workflow; the second half\'s delta is what an open workflow costs once the cache is full (evicted workflows live only in the server\'s history)',
          ...(overdue.length + half > cache
            ? [`the first half opened ${half} workflows after the ${overdue.length} overdue ones, ${overdue.length + half - cache} more than the sticky cache holds: the delta per cached workflow also carries those (at the cache-full rate, some ${((rssMarginalKiB * (overdue.length + half - cache)) / 1024).toFixed(0)} MiB of it)`]
            : []),
          'dev server RSS is read from /proc for the `temporal server start-dev` process (history and mutable-state caches, SQLite page cache)',
          'projections are linear in the measured per-workflow figures',
          ...[...postRetries].map(([why, count]) => `retried ${count}× after: ${why}`),
        ],
      };
    } finally {
      await servers.stop();
    }
  },
};
