/**
 * The dashboard's queries against hand-written SQL returning the same rows, on 100,000 actions and
 * 20,000 occurrences in a throw-away PostgreSQL. `npm run bench -- dashboard`.
 * Sizes: BENCH_DASHBOARD_ACTIONS, BENCH_DASHBOARD_OCCURRENCES, BENCH_DASHBOARD_ROUNDS.
 */
import { Pool } from 'pg';
import { createPrismaClient } from '../src/db/client';
import { applyPendingMigrations } from '../src/db/migrations';
import { DEFAULT_CATALOGUE, formatIsoDate, londonToday, londonWallClockToUtc, parseIsoDate } from '../src/domain';
import { startThrowawayPostgres } from '../src/embedded/throwawayPostgres';
import { complianceRecord, DEFAULT_PAGE_SIZE, deadlinesFor, deadlinesPage, overdueAndAtRisk, type ReadModelDependencies, type Scope } from '../src/readModels';
import { envInt, log, type Bench, type BenchResult } from './support/runner';

const BODIES = 100;
const PEOPLE = 2_000;
/** A partnership's view: five bodies of the hundred. */
const SCOPE: Scope = { bodyIds: ['b-000', 'b-001', 'b-002', 'b-003', 'b-004'] };
const GOAL = 1.5;
const PAGE_SIZE = DEFAULT_PAGE_SIZE;

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function seed(pool: Pool, actions: number, occurrences: number, today: string): Promise<void> {
  const duties = DEFAULT_CATALOGUE.duties.filter((d) => d.cadence.kind !== 'event-driven').map((d) => d.id);
  const assignments = Math.ceil(occurrences / 4);
  await pool.query(`INSERT INTO body (id, name, kind) SELECT 'b-' || lpad(i::text, 3, '0'), 'Body ' || i, 'committee' FROM generate_series(0, ${BODIES - 1}) i`);
  await pool.query(`INSERT INTO person (id, email, name) SELECT md5('p' || i)::uuid, 'p' || i || '@bench.example', 'Person ' || i FROM generate_series(0, ${PEOPLE - 1}) i`);
  await pool.query(`INSERT INTO membership (person_id, body_id, role) SELECT md5('p' || i)::uuid, 'b-' || lpad((i % ${BODIES})::text, 3, '0'), 'Officer' FROM generate_series(0, ${PEOPLE - 1}) i`);
  await pool.query(
    `INSERT INTO assignment (id, duty_id, body_id, owner_id, anchor_date, workflow_id, live_key, updated_at)
     SELECT 'a-' || i, ($1::text[])[1 + i % cardinality($1::text[])], 'b-' || lpad((i % ${BODIES})::text, 3, '0'), md5('p' || (i % ${PEOPLE}))::uuid,
            $2::date - 1000, 'duty:' || i, 'a-' || i, now()
     FROM generate_series(0, ${assignments - 1}) i`,
    [duties, today],
  );
  // Three closed occurrences (met, met late, missed) and one open per assignment, due from 3 years back to 300 days ahead.
  await pool.query(
    `INSERT INTO occurrence (id, assignment_id, sequence, opens_on, statutory_due, due_on, status, met_on, evidence, rule_citation, rule_confidence, due_explanation)
     SELECT gen_random_uuid(), 'a-' || (n / 4), 1 + n % 4, d - 365, d, d,
            (CASE n % 4 WHEN 0 THEN 'met' WHEN 1 THEN 'met_late' WHEN 2 THEN 'missed' ELSE 'open' END)::occurrence_status,
            CASE WHEN n % 4 = 0 THEN d - 3 WHEN n % 4 = 1 THEN d + 5 END,
            CASE WHEN n % 4 < 2 THEN 'https://docs.example/' || n END,
            'Crime and Disorder Act 1998 s6', 'guidance', 'Due a year after the last.'
     FROM (SELECT n, CASE WHEN n % 4 = 3 THEN $1::date - 60 + (n * 7) % 360 ELSE $1::date - 1000 + (n * 13) % 1000 END AS d
           FROM generate_series(0, ${assignments * 4 - 1}) n) s`,
    [today],
  );
  await pool.query(
    `INSERT INTO action (id, body_id, source, title, owner_id, due_on, status, workflow_id, updated_at)
     SELECT 'act-' || i, 'b-' || lpad((i % ${BODIES})::text, 3, '0'), 'agreement', 'Action ' || i, md5('p' || (i % ${PEOPLE}))::uuid,
            $1::date - 200 + (i * 7) % 600, (CASE WHEN i % 5 = 0 THEN 'done' ELSE 'open' END)::action_status, 'action:' || i, now()
     FROM generate_series(0, ${actions - 1}) i`,
    [today],
  );
  await pool.query('ANALYZE');
}

/** What the raw queries return for a paged list: the page's uids in order and the total; for overdue also the counts per owner and per body. */
interface RawPage {
  uids: string[];
  total: number;
  groups?: string[];
}

/** Hand-written SQL for each read model, returning the same rows (as uids, in order) with the columns the page shows. */
function rawQueries(pool: Pool, today: string) {
  const plus = (days: number) => formatIsoDate(parseIsoDate(today) + days);
  // The deadlines list's sources, tagged with the read model's kind order (duty 0, action 3): the whole list's rows, wide.
  const deadlineRows = `
    SELECT 0 AS k, 'occurrence:' AS prefix, o.id::text AS id, o.due_on, CASE WHEN o.agreed_due IS NULL THEN o.due_time END AS t, o.agreed_due, o.rule_citation, o.rule_url,
           o.rule_confidence, o.due_explanation, a.id AS assignment_id, a.duty_id, a.status::text AS status, a.status_reason,
           NULL AS title, NULL AS source, NULL AS source_ref, NULL::int AS at_risk_days, b.id AS body_id, b.name AS body_name, p.id::text AS owner_id, p.name AS owner_name, p.email AS owner_email
    FROM occurrence o JOIN assignment a ON a.id = o.assignment_id JOIN body b ON b.id = a.body_id JOIN person p ON p.id = a.owner_id
    WHERE o.status = 'open' AND o.due_on <= $2 AND a.status <> 'ended' AND a.body_id = ANY($1)
    UNION ALL
    SELECT 3, 'action:', x.id, x.due_on, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           x.title, x.source::text, x.source_ref, b.action_at_risk_days, b.id, b.name, p.id::text, p.name, p.email
    FROM action x JOIN body b ON b.id = x.body_id JOIN person p ON p.id = x.owner_id
    WHERE x.status = 'open' AND x.due_on <= $2 AND x.body_id = ANY($1)`;
  // A page: count and sort the matching rows as bare keys, then join the wide columns to the page's rows only.
  const widePage = (keys: string, order: string) => `
    WITH page AS (SELECT u.*, count(*) OVER () AS total FROM (${keys}) u ORDER BY ${order} LIMIT ${PAGE_SIZE})
    SELECT page.k, page.total, CASE WHEN page.occurrence_id IS NOT NULL THEN 'occurrence:' ELSE 'action:' END AS prefix, coalesce(page.occurrence_id::text, page.action_id) AS id,
           o.due_on, o.due_time, o.agreed_due, o.rule_citation, o.rule_url, o.rule_confidence, o.due_explanation, a.id AS assignment_id, a.duty_id, a.status::text AS status, a.status_reason,
           x.title, x.source::text AS source, x.source_ref, x.due_on AS action_due_on, b.action_at_risk_days, b.id AS body_id, b.name AS body_name, p.id::text AS owner_id, p.name AS owner_name, p.email AS owner_email
    FROM page LEFT JOIN occurrence o ON o.id = page.occurrence_id LEFT JOIN assignment a ON a.id = o.assignment_id LEFT JOIN action x ON x.id = page.action_id
         JOIN body b ON b.id = coalesce(a.body_id, x.body_id) JOIN person p ON p.id = coalesce(a.owner_id, x.owner_id)
    ORDER BY ${order.replaceAll('u.', 'page.')}`;
  const deadlineKeys = `
    SELECT 0 AS k, o.id AS occurrence_id, NULL AS action_id, o.id::text AS id, o.due_on, CASE WHEN o.agreed_due IS NULL THEN o.due_time END AS t
    FROM occurrence o JOIN assignment a ON a.id = o.assignment_id
    WHERE o.status = 'open' AND o.due_on <= $2 AND a.status <> 'ended' AND a.body_id = ANY($1)
    UNION ALL
    SELECT 3, NULL, x.id, x.id, x.due_on, NULL FROM action x WHERE x.status = 'open' AND x.due_on <= $2 AND x.body_id = ANY($1)`;
  // Overdue and due soon at noon: all-day duties due up to yesterday are overdue, timed ones up to 12:00 today; due soon reaches 14 days ahead.
  const overdueKeys = `
    SELECT 1 AS k, o.id AS occurrence_id, NULL AS action_id, o.id::text AS id, o.due_on, CASE WHEN o.agreed_due IS NULL THEN o.due_time END AS t, a.owner_id, a.body_id,
           CASE WHEN o.due_time IS NULL OR o.agreed_due IS NOT NULL THEN o.due_on <= $3::date ELSE o.due_on < $2::date OR (o.due_on = $2::date AND o.due_time <= '12:00') END AS overdue
    FROM occurrence o JOIN assignment a ON a.id = o.assignment_id
    WHERE o.status = 'open' AND a.status = 'active' AND a.body_id = ANY($1) AND o.due_on <= $4::date
    UNION ALL
    SELECT 0, NULL, x.id, x.id, x.due_on, NULL, x.owner_id, x.body_id, x.due_on < $2::date
    FROM action x JOIN body b ON b.id = x.body_id
    WHERE x.status = 'open' AND x.body_id = ANY($1) AND (x.due_on < $2::date OR x.due_on <= $2::date + b.action_at_risk_days)`;
  const pageOrder = 'u.due_on, u.t COLLATE "C" NULLS LAST, u.k, u.id COLLATE "C"';
  const overdueParams = [SCOPE.bodyIds, today, plus(-1), plus(14)];
  return {
    async deadlines(): Promise<RawPage> {
      const { rows } = await pool.query(widePage(deadlineKeys, pageOrder), [SCOPE.bodyIds, plus(60)]);
      return { uids: rows.map((r) => `${r.prefix}${r.id}`), total: Number(rows[0]?.total ?? 0) };
    },
    async deadlinesAll(): Promise<RawPage> {
      const { rows } = await pool.query(deadlineRows, [SCOPE.bodyIds, plus(60)]);
      return { uids: rows.map((r) => `${r.prefix}${r.id}`), total: rows.length };
    },
    async overdue(): Promise<RawPage> {
      const [page, groups] = await Promise.all([
        pool.query(widePage(overdueKeys, pageOrder), overdueParams),
        pool.query(
          `SELECT g.owner_id, op.name AS owner_name, op.email AS owner_email, g.body_id, gb.name AS body_name, g.overdue, g.at_risk
           FROM (SELECT CASE WHEN GROUPING(u.owner_id) = 0 THEN u.owner_id END AS owner_id, CASE WHEN GROUPING(u.body_id) = 0 THEN u.body_id END AS body_id,
                        count(*) FILTER (WHERE u.overdue) AS overdue, count(*) FILTER (WHERE NOT u.overdue) AS at_risk
                 FROM (${overdueKeys}) u GROUP BY GROUPING SETS ((u.owner_id), (u.body_id))) g
           LEFT JOIN person op ON op.id = g.owner_id LEFT JOIN body gb ON gb.id = g.body_id`,
          overdueParams,
        ),
      ]);
      const counts = groups.rows.map((g) => `${g.owner_id ?? g.body_id}:${g.overdue}:${g.at_risk}`);
      const total = groups.rows.filter((g) => g.owner_id === null).reduce((sum, g) => sum + Number(g.overdue) + Number(g.at_risk), 0);
      return { uids: page.rows.map((r) => `${r.prefix}${r.id}`), total, groups: counts };
    },
    async compliance(year: number): Promise<RawPage> {
      const { rows } = await pool.query(
        `SELECT o.id, o.sequence, o.statutory_due, o.agreed_due, o.due_on, o.due_time, o.met_on, o.status, o.evidence, o.notes, o.rule_citation, o.rule_confidence,
                a.duty_id, a.status AS assignment_status, p.id AS owner_id, p.name, p.email
         FROM occurrence o JOIN assignment a ON a.id = o.assignment_id JOIN person p ON p.id = a.owner_id
         WHERE a.body_id = $1 AND o.due_on BETWEEN $2 AND $3
         ORDER BY o.due_on, o.assignment_id, o.sequence`,
        ['b-000', `${year}-01-01`, `${year}-12-31`],
      );
      return { uids: rows.map((r) => r.id as string), total: rows.length };
    },
  };
}

async function time(rounds: number, run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples.sort((a, b) => a - b);
}

export const dashboardBench: Bench = {
  name: 'dashboard',
  description: 'read models (deadlines, overdue and at risk, compliance record) against hand-written SQL, on 100,000 actions and 20,000 occurrences',
  async run(): Promise<BenchResult> {
    const actions = envInt('BENCH_DASHBOARD_ACTIONS', 100_000);
    const occurrences = envInt('BENCH_DASHBOARD_OCCURRENCES', 20_000);
    const rounds = envInt('BENCH_DASHBOARD_ROUNDS', 30);
    const pg = await startThrowawayPostgres({ database: 'duty_dashboard_bench' });
    const pool = new Pool({ connectionString: pg.databaseUrl, max: 4 });
    // An idle client told "terminating connection" while the throw-away server stops must not crash the run before the results are written.
    pool.on('error', () => undefined);
    const prisma = createPrismaClient(pg.databaseUrl, { maxConnections: 4 });
    try {
      await applyPendingMigrations(pg.databaseUrl, { log: () => undefined });
      // Noon in London: the due-soon and overdue points (09:00) of today have passed, as the SQL assumes.
      const today = londonToday(Date.now());
      const now = londonWallClockToUtc(today, '12:00').epochMs;
      const year = Number(today.slice(0, 4));
      const seeded = Date.now();
      await seed(pool, actions, occurrences, today);
      log(`dashboard: seeded ${actions} actions and ${occurrences} occurrences in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
      const deps: ReadModelDependencies = { prisma, catalogue: () => DEFAULT_CATALOGUE, now: () => now };
      const raw = rawQueries(pool, today);
      const to = formatIsoDate(parseIsoDate(today) + 60);

      const sameRows = (a: RawPage, b: RawPage) => a.total === b.total && a.uids.join() === b.uids.join() && [...(a.groups ?? [])].sort().join() === [...(b.groups ?? [])].sort().join();
      const cases = [
        {
          name: `deadlinesPage (5 bodies, 60 days, with what is late; page 1 of ${PAGE_SIZE})`,
          model: async (): Promise<RawPage> => {
            const page = await deadlinesPage(deps, SCOPE, { from: today, to, page: 1, limit: PAGE_SIZE });
            return { uids: page.items.map((d) => d.uid), total: page.total };
          },
          raw: raw.deadlines,
          headline: true,
        },
        {
          name: `overdueAndAtRisk (5 bodies; page 1 of ${PAGE_SIZE}, counts by owner and body)`,
          model: async (): Promise<RawPage> => {
            const view = await overdueAndAtRisk(deps, SCOPE, { page: 1, limit: PAGE_SIZE });
            const groups = [...view.byOwner.map((g) => `${g.owner.id}:${g.counts.overdue}:${g.counts.atRisk}`), ...view.byBody.map((g) => `${g.body.id}:${g.counts.overdue}:${g.counts.atRisk}`)];
            return { uids: view.items.map((i) => i.uid), total: view.total, groups };
          },
          raw: raw.overdue,
          headline: true,
        },
        {
          name: `complianceRecord (1 body, ${year})`,
          model: async (): Promise<RawPage> => {
            const rows = (await complianceRecord(deps, SCOPE, 'b-000', year))!.rows.map((r) => r.occurrenceId);
            return { uids: rows, total: rows.length };
          },
          raw: () => raw.compliance(year),
          headline: true,
        },
        {
          // Feeds, the calendar and exports read whole lists; the raw SQL leaves them unsorted, so compare as sets.
          name: 'deadlinesFor, whole list (5 bodies, 60 days, with what is late; not in the headline)',
          model: async (): Promise<RawPage> => {
            const all = await deadlinesFor(deps, SCOPE, { from: today, to });
            return { uids: all.map((d) => d.uid).sort(), total: all.length };
          },
          raw: async () => {
            const all = await raw.deadlinesAll();
            return { ...all, uids: all.uids.sort() };
          },
          headline: false,
        },
      ];
      const figures: Record<string, string | number> = { actions, occurrences, bodies: BODIES, people: PEOPLE, rounds };
      const notes: string[] = [];
      let worst = 0;
      for (const c of cases) {
        const [fromModel, fromRaw] = [await c.model(), await c.raw()];
        if (!sameRows(fromModel, fromRaw)) throw new Error(`${c.name}: the read model and the SQL disagree (${fromModel.uids.length} of ${fromModel.total} rows against ${fromRaw.uids.length} of ${fromRaw.total})`);
        // Alternate the two so that drift on the shared machine falls on both.
        const modelSamples: number[] = [];
        const rawSamples: number[] = [];
        for (let i = 0; i < rounds; i += 5) {
          modelSamples.push(...(await time(5, c.model)));
          rawSamples.push(...(await time(5, c.raw)));
        }
        modelSamples.sort((a, b) => a - b);
        rawSamples.sort((a, b) => a - b);
        const ratio = percentile(modelSamples, 50) / percentile(rawSamples, 50);
        if (c.headline) worst = Math.max(worst, ratio);
        figures[`${c.name}: rows (of all)`] = `${fromModel.uids.length} (of ${fromModel.total})`;
        figures[`${c.name}: p50 / p95 ms`] = `${percentile(modelSamples, 50).toFixed(1)} / ${percentile(modelSamples, 95).toFixed(1)}`;
        figures[`${c.name}: SQL p50 / p95 ms`] = `${percentile(rawSamples, 50).toFixed(1)} / ${percentile(rawSamples, 95).toFixed(1)}`;
        figures[`${c.name}: ratio (p50)`] = Number(ratio.toFixed(2));
        log(`dashboard: ${c.name}: ${fromModel.uids.length} rows of ${fromModel.total}, ${ratio.toFixed(2)}× the SQL`);
      }
      notes.push('ratio is the read model p50 over the hand-written SQL p50 (pg, same server, same run); the headline is the worst of the three paged or per-body read models the pages and API serve');
      notes.push('each raw query returns the same page (same rows in the same order, the same total, for overdue the same counts per owner and body), checked before timing');
      return { name: 'dashboard', size: `${actions} actions, ${occurrences} occurrences, ${BODIES} bodies`, ratio: worst, goal: `≤ ${GOAL}× raw SQL`, met: worst <= GOAL, figures, notes };
    } finally {
      await prisma.$disconnect().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await pg.stop();
    }
  },
};
