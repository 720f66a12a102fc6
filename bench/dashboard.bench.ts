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
import { complianceRecord, deadlinesFor, overdueAndAtRisk, type ReadModelDependencies, type Scope } from '../src/readModels';
import { envInt, log, type Bench, type BenchResult } from './support/runner';

const BODIES = 100;
const PEOPLE = 2_000;
/** A partnership's view: five bodies of the hundred. */
const SCOPE: Scope = { bodyIds: ['b-000', 'b-001', 'b-002', 'b-003', 'b-004'] };
const GOAL = 1.5;

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

/** Hand-written SQL for each read model, returning the same rows (as ids) with the columns the page shows. */
function rawQueries(pool: Pool, today: string) {
  const plus = (days: number) => formatIsoDate(parseIsoDate(today) + days);
  return {
    async deadlines(): Promise<string[]> {
      const [occurrences, actions] = await Promise.all([
        pool.query(
          `SELECT o.id, o.due_on, o.due_time, o.agreed_due, o.rule_citation, o.rule_url, o.rule_confidence, o.due_explanation,
                  a.id AS assignment_id, a.duty_id, a.status, a.status_reason, b.id AS body_id, b.name AS body_name, p.id AS owner_id, p.name, p.email
           FROM occurrence o JOIN assignment a ON a.id = o.assignment_id JOIN body b ON b.id = a.body_id JOIN person p ON p.id = a.owner_id
           WHERE o.status = 'open' AND o.due_on <= $2 AND a.status <> 'ended' AND a.body_id = ANY($1)`,
          [SCOPE.bodyIds, plus(60)],
        ),
        pool.query(
          `SELECT x.id, x.title, x.source, x.source_ref, x.due_on, x.status, b.id AS body_id, b.name AS body_name, b.action_at_risk_days, p.id AS owner_id, p.name, p.email
           FROM action x JOIN body b ON b.id = x.body_id JOIN person p ON p.id = x.owner_id
           WHERE x.status = 'open' AND x.due_on <= $2 AND x.body_id = ANY($1)`,
          [SCOPE.bodyIds, plus(60)],
        ),
      ]);
      return [...occurrences.rows.map((r) => `occurrence:${r.id}`), ...actions.rows.map((r) => `action:${r.id}`)];
    },
    async overdue(): Promise<string[]> {
      const [occurrences, actions] = await Promise.all([
        pool.query(
          `SELECT o.id, o.due_on, o.due_time, o.rule_citation, o.rule_confidence, a.id AS assignment_id, a.duty_id, b.name, p.id AS owner_id, p.name, p.email
           FROM occurrence o JOIN assignment a ON a.id = o.assignment_id JOIN body b ON b.id = a.body_id JOIN person p ON p.id = a.owner_id
           WHERE o.status = 'open' AND a.status = 'active' AND a.body_id = ANY($1)
             AND (o.due_on < $2 OR (o.due_on <= $3 AND o.due_on >= $2))`,
          [SCOPE.bodyIds, today, plus(14)],
        ),
        pool.query(
          `SELECT x.id, x.title, x.due_on, b.id AS body_id, b.name AS body_name, p.id AS owner_id, p.name, p.email
           FROM action x JOIN body b ON b.id = x.body_id JOIN person p ON p.id = x.owner_id
           WHERE x.status = 'open' AND x.body_id = ANY($1) AND x.due_on <= $2::date + b.action_at_risk_days`,
          [SCOPE.bodyIds, today],
        ),
      ]);
      return [...occurrences.rows.map((r) => `occurrence:${r.id}`), ...actions.rows.map((r) => `action:${r.id}`)];
    },
    async compliance(year: number): Promise<string[]> {
      const { rows } = await pool.query(
        `SELECT o.id, o.sequence, o.statutory_due, o.agreed_due, o.due_on, o.due_time, o.met_on, o.status, o.evidence, o.notes, o.rule_citation, o.rule_confidence,
                a.duty_id, a.status AS assignment_status, p.id AS owner_id, p.name, p.email
         FROM occurrence o JOIN assignment a ON a.id = o.assignment_id JOIN person p ON p.id = a.owner_id
         WHERE a.body_id = $1 AND o.due_on BETWEEN $2 AND $3
         ORDER BY o.due_on, o.assignment_id, o.sequence`,
        ['b-000', `${year}-01-01`, `${year}-12-31`],
      );
      return rows.map((r) => r.id as string);
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

      const cases = [
        {
          name: 'deadlinesFor (5 bodies, 60 days, with what is late)',
          model: async () => (await deadlinesFor(deps, SCOPE, { from: today, to })).map((d) => d.uid),
          raw: raw.deadlines,
          // The raw query returns the rows; the model also keeps every one of them.
          same: (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join(),
        },
        {
          name: 'overdueAndAtRisk (5 bodies)',
          model: async () => (await overdueAndAtRisk(deps, SCOPE)).items.map((i) => i.uid),
          raw: raw.overdue,
          // The model also leaves out what is due soon but not yet in its window by the hour: compare as sets.
          same: (a: string[], b: string[]) => [...a].sort().join() === [...b].sort().join(),
        },
        {
          name: `complianceRecord (1 body, ${year})`,
          model: async () => (await complianceRecord(deps, SCOPE, 'b-000', year))!.rows.map((r) => r.occurrenceId),
          raw: () => raw.compliance(year),
          same: (a: string[], b: string[]) => a.join() === b.join(),
        },
      ];
      const figures: Record<string, string | number> = { actions, occurrences, bodies: BODIES, people: PEOPLE, rounds };
      const notes: string[] = [];
      let worst = 0;
      for (const c of cases) {
        const [fromModel, fromRaw] = [await c.model(), await c.raw()];
        if (!c.same(fromModel, fromRaw)) throw new Error(`${c.name}: the read model and the SQL disagree (${fromModel.length} rows against ${fromRaw.length})`);
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
        worst = Math.max(worst, ratio);
        figures[`${c.name}: rows`] = fromModel.length;
        figures[`${c.name}: p50 / p95 ms`] = `${percentile(modelSamples, 50).toFixed(1)} / ${percentile(modelSamples, 95).toFixed(1)}`;
        figures[`${c.name}: SQL p50 / p95 ms`] = `${percentile(rawSamples, 50).toFixed(1)} / ${percentile(rawSamples, 95).toFixed(1)}`;
        figures[`${c.name}: ratio (p50)`] = Number(ratio.toFixed(2));
        log(`dashboard: ${c.name}: ${fromModel.length} rows, ${ratio.toFixed(2)}× the SQL`);
      }
      notes.push('ratio is the read model p50 over the hand-written SQL p50 (pg, same server, same run); the headline is the worst of the three');
      return { name: 'dashboard', size: `${actions} actions, ${occurrences} occurrences, ${BODIES} bodies`, ratio: worst, goal: `≤ ${GOAL}× raw SQL`, met: worst <= GOAL, figures, notes };
    } finally {
      await prisma.$disconnect().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await pg.stop();
    }
  },
};
