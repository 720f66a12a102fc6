/**
 * year: BENCH_YEAR_N assignments (default 200) of the default catalogue's duties, spread over every
 * duty and a few bodies, simulated over a whole year on the time-skipping test server with the real
 * worker, activities, PostgreSQL and SMTP (tests/support/dutyHarness.ts). Nobody records an
 * outcome: the year is the engine's worst case for email, every reminder, overdue notice and
 * escalation step goes out. The emails the SMTP server received (distinct Message-IDs) and the
 * outbox rows are checked against the count the catalogue implies, computed with the same pure
 * functions the workflow runs (occurrenceDue, occurrencePlan, noticesDue, nextPointAfter), and the
 * plan points are broken down so that any difference between points and emails is explained.
 *
 * Deterministic: the server's clock is first skipped to a fixed start (BENCH_YEAR_FROM, default
 * 2030-04-01, 06:00 London) and each assignment's anchor is a fixed offset from it.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  DEFAULT_CATALOGUE,
  dutyDefinitionOf,
  formatIsoDate,
  londonWallClockToUtc,
  needsGivenDue,
  nextPointAfter,
  noticesDue,
  occurrenceDue,
  occurrencePlan,
  parseIsoDate,
  type Duty,
  type PlanPoint,
} from '../src/domain';
import { DutyHarness } from '../tests/support/dutyHarness';
import { createTimeSkippingTestEnv } from '../tests/support/temporal';
import { envInt, inParallel, log, seconds, type Bench, type BenchResult } from './support/runner';

const DAY = 86_400_000;
const YEAR_DAYS = 365;
const shift = (date: string, days: number) => formatIsoDate(parseIsoDate(date) + days);
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export interface YearAssignment {
  duty: string;
  body: string;
  opensOn: string;
  givenDue?: string;
}

/**
 * Assignment i of n: duty i mod |duties|, in body ⌊i / |duties|⌋, anchored so that its due date
 * falls about i/n of the way through the year (fixed-date duties keep their calendar date).
 */
export function yearAssignments(n: number, start: string): { assignments: YearAssignment[]; bodies: string[] } {
  const duties = DEFAULT_CATALOGUE.duties;
  const bodies = Array.from({ length: Math.ceil(n / duties.length) }, (_, b) => `year-body-${b + 1}`);
  const assignments = Array.from({ length: n }, (_, i): YearAssignment => {
    const duty = duties[i % duties.length]!;
    const body = bodies[Math.floor(i / duties.length)]!;
    // Due dates spread over the year, from a fortnight in to a fortnight before its end.
    const offset = 14 + Math.floor((i * (YEAR_DAYS - 28)) / n);
    const cadence = duty.cadence;
    const definition = dutyDefinitionOf(DEFAULT_CATALOGUE, duty.id)!;
    switch (cadence.kind) {
      case 'rolling-period':
        return { duty: duty.id, body, opensOn: shift(start, offset - Math.round(cadence.months * 30.44)) };
      case 'every-n-years':
        return { duty: duty.id, body, opensOn: shift(start, offset - cadence.years * 365) };
      case 'fixed-annual-date':
        return { duty: duty.id, body, opensOn: start };
      case 'event-driven':
        // A meeting-anchored rule counts back from the anchor; a duty with no rule is given its date.
        return needsGivenDue(definition) ? { duty: duty.id, body, opensOn: start, givenDue: shift(start, offset) } : { duty: duty.id, body, opensOn: shift(start, offset) };
    }
  });
  return { assignments, bodies };
}

export interface ExpectedYear {
  /** Emails the workflow loop must send between `from` and `to` (one per noticesDue notice). */
  emails: number;
  /** Plan points in the window, by kind. */
  points: Record<PlanPoint['kind'], number>;
  /** Points that send nothing of their own: due-soon (a status change) and points merged into one notice at the same instant or at the first wake. */
  merged: number;
  /** Of those: due-soon points that only change the status. */
  silentDueSoon: number;
  /** Points at the same instant as the notice that carried them (overdue with an escalation of afterDays 0, a reminder on the due-soon morning). */
  sameInstant: number;
  /** Points already passed when the assignment started, collapsed into its first notice. */
  collapsedAtStart: number;
  /** Emails by kind of notice. */
  byKind: { reminder: number; overdue: number; escalation: number };
}

/**
 * What a year of these assignments implies with no outcome recorded: the dutyAssignment loop,
 * replayed with the pure functions (wake at start, then at each next plan point up to `to`).
 */
export function expectedYear(assignments: readonly YearAssignment[], from: number, to: number): ExpectedYear {
  const result: ExpectedYear = { emails: 0, points: { reminder: 0, 'due-soon': 0, overdue: 0, escalation: 0 }, merged: 0, silentDueSoon: 0, sameInstant: 0, collapsedAtStart: 0, byKind: { reminder: 0, overdue: 0, escalation: 0 } };
  for (const a of assignments) {
    const definition = dutyDefinitionOf(DEFAULT_CATALOGUE, a.duty)!;
    const due = occurrenceDue(definition, a.opensOn, a.givenDue);
    const plan = occurrencePlan(definition.duty, { date: due.statutoryDue, ...(due.dueTime ? { time: due.dueTime } : {}) });
    for (const point of plan) if (point.at <= to) result.points[point.kind] += 1;
    const handled = new Set<string>();
    let now = from;
    for (;;) {
      const { notice, fellDueAt, handled: steps } = noticesDue(plan, now, handled);
      for (const step of steps) handled.add(step);
      for (const point of plan.filter((p) => steps.includes(p.step) && p.step !== notice?.step)) {
        if (point.kind === 'due-soon' && point.at === now) result.silentDueSoon += 1;
        else if (point.at === fellDueAt) result.sameInstant += 1;
        else result.collapsedAtStart += 1;
      }
      if (notice) {
        result.emails += 1;
        result.byKind[notice.kind === 'overdue' && notice.escalation ? 'escalation' : notice.kind] += 1;
      }
      const next = nextPointAfter(plan, handled);
      if (!next || next.at > to) break;
      now = Math.max(next.at, now);
    }
  }
  const inWindow = Object.values(result.points).reduce((sum, n) => sum + n, 0);
  result.merged = inWindow - result.emails;
  return result;
}

/** Every role an escalation of these duties goes to. */
const escalationRoles = (duties: readonly Duty[]) => [...new Set(duties.flatMap((duty) => duty.escalation.map((step) => step.toRole)))];

/** Waits until the outbox stops changing; resolves with its counts and when the last row was sent. */
async function settle(harness: DutyHarness, expected: number, timeoutMs: number): Promise<{ sent: number; pending: number; lastSentAt: number }> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let stableSince = performance.now();
  for (;;) {
    const [sent, pending] = await Promise.all([
      harness.db.prisma.outboxMessage.count({ where: { status: 'SENT' } }),
      harness.db.prisma.outboxMessage.count({ where: { status: { not: 'SENT' } } }),
    ]);
    if (sent !== last) {
      last = sent;
      stableSince = performance.now();
    }
    const done = { sent, pending, lastSentAt: stableSince };
    // Done when the count the catalogue implies is reached and nothing more arrives for a while (a duplicate would show).
    if (pending === 0 && sent >= expected && performance.now() - stableSince > 3000) return done;
    if (pending === 0 && sent < expected && performance.now() - stableSince > 60_000) return done;
    if (Date.now() > deadline) return done;
    await new Promise((r) => setTimeout(r, 250));
  }
}

export const statutoryYearBench: Bench = {
  name: 'year',
  description: 'assignments of the default catalogue over a year on the time-skipping server, emails checked against the catalogue',
  async run(): Promise<BenchResult> {
    const n = envInt('BENCH_YEAR_N', 200);
    const startDate = process.env.BENCH_YEAR_FROM || '2030-04-01';
    const concurrency = envInt('BENCH_CONCURRENCY', 16);
    const from = londonWallClockToUtc(startDate, '06:00').epochMs;
    const to = londonWallClockToUtc(shift(startDate, YEAR_DAYS), '06:00').epochMs;
    const { assignments, bodies } = yearAssignments(n, startDate);
    const expected = expectedYear(assignments, from, to);
    log(`year: ${n} assignments, ${expected.emails} emails expected from ${startDate} to ${shift(startDate, YEAR_DAYS)}`);

    const setupStarted = performance.now();
    let env: TestWorkflowEnvironment | undefined;
    let harness: DutyHarness | undefined;
    try {
      env = await createTimeSkippingTestEnv();
      const serverNow = await env.currentTimeMs();
      if (serverNow > from) throw new Error(`BENCH_YEAR_FROM=${startDate} is in the past of the server's clock; give a later date`);
      harness = await DutyHarness.start(env);
      const h = harness;
      const roles = escalationRoles(DEFAULT_CATALOGUE.duties);
      for (const body of bodies) {
        await h.addBody(body, `Bench ${body}`);
        await h.addPerson(`owner@${body}.example`, `Owner of ${body}`);
        await h.db.prisma.person.createMany({ data: roles.map((role) => ({ email: `${slug(role)}@${body}.example`, name: `${role} of ${body}` })) });
        const people = await h.db.prisma.person.findMany({ where: { email: { endsWith: `@${body}.example` } } });
        const byEmail = new Map(people.map((p) => [p.email, p.id]));
        await h.db.prisma.membership.createMany({ data: roles.map((role) => ({ bodyId: body, role, personId: byEmail.get(`${slug(role)}@${body}.example`)! })) });
      }
      // Skip to the fixed start, then assign everything (the server's clock stands still meanwhile).
      await env.sleep(from - (await env.currentTimeMs()));
      const setupMs = performance.now() - setupStarted;

      const t0 = performance.now();
      await inParallel(assignments, concurrency, (a) =>
        h.assign({ duty: a.duty, body: a.body, owner: `owner@${a.body}.example`, opensOn: a.opensOn, ...(a.givenDue ? { givenDue: a.givenDue } : {}) }),
      );
      const assignedMs = performance.now() - t0;
      log(`year: ${n} assigned in ${seconds(assignedMs)} s; skipping a year`);

      // A quarter at a time, with progress; the server skips from timer to timer.
      let simulatedTo = await env.currentTimeMs();
      let simulatedAt = performance.now();
      for (let quarter = 1; quarter <= 4; quarter += 1) {
        const target = quarter === 4 ? to : from + Math.round(((to - from) * quarter) / 4);
        await env.sleep(Math.max(target - (await env.currentTimeMs()), 1));
        simulatedTo = await env.currentTimeMs();
        simulatedAt = performance.now();
        const sent = await h.db.prisma.outboxMessage.count({ where: { status: 'SENT' } });
        log(`year: reached ${new Date(simulatedTo).toISOString().slice(0, 10)} after ${seconds(performance.now() - t0)} s, ${sent} emails sent`);
      }
      const outbox = await settle(h, expected.emails, 10 * 60_000);
      // Until the last email was sent (the quiet waited for after it is not counted).
      const wallMs = Math.max(outbox.lastSentAt, simulatedAt) - t0;

      const mail = await h.mail();
      const ids = mail.map((m) => m.messageId ?? m.file);
      const distinct = new Set(ids).size;
      const attempts = await h.db.prisma.outboxMessage.aggregate({ _sum: { attempts: true } });
      const notices = await h.db.prisma.auditEvent.count({ where: { kind: { startsWith: 'notice.' } } });
      const diff = distinct - expected.emails;
      const ratio = distinct / expected.emails;
      const met = diff === 0 && ids.length === distinct && outbox.sent === expected.emails;
      const notes = [
        'no outcome is recorded all year, so every occurrence runs its whole plan: the worst case for email, and deterministic (outcomes recorded "on time" would need a driver stepping the clock to each due date, and would only remove the overdue and escalation notices)',
        'expected = the dutyAssignment loop replayed with the pure domain functions (occurrenceDue → occurrencePlan → noticesDue at the start and at each next point up to the end of the year)',
        `plan points in the year: ${expected.points.reminder} reminders, ${expected.points['due-soon']} due-soon, ${expected.points.overdue} overdue, ${expected.points.escalation} escalation steps; ${expected.merged} send nothing of their own: ${expected.silentDueSoon} due-soon points only change the status, ${expected.sameInstant} fall at the same instant as the notice that carries them (an escalation with afterDays 0 goes with the overdue notice as one email), and ${expected.collapsedAtStart} had already passed when their assignment started, so they collapsed into its first notice`,
        'a duty stays on its first occurrence without an outcome, so a monthly duty (channel-panel) sends its first month\'s notices and then escalates; a rolling duty does not open its next period',
        diff === 0 ? 'sent = expected: no email missing, none duplicated' : `difference ${diff > 0 ? '+' : ''}${diff}: see the outbox and audit figures`,
      ];
      return {
        name: 'year',
        size: `${n} assignments (${DEFAULT_CATALOGUE.duties.length} duties × ${bodies.length} bodies), ${startDate} + ${YEAR_DAYS} days, no outcomes`,
        ratio,
        goal: 'emails sent = emails the catalogue implies (1×), each once',
        met,
        figures: {
          'wall time for the year (s)': seconds(wallMs),
          'assigning them (s)': seconds(assignedMs),
          'set-up: servers, people, skip to start (s)': seconds(setupMs),
          'simulated span (days)': Number(((simulatedTo - from) / DAY).toFixed(1)),
          'simulated days per wall second': Number(((simulatedTo - from) / DAY / (wallMs / 1000)).toFixed(1)),
          'emails expected (catalogue)': expected.emails,
          'expected: reminders / overdue / escalations': `${expected.byKind.reminder} / ${expected.byKind.overdue} / ${expected.byKind.escalation}`,
          'emails received at SMTP (distinct Message-ID)': distinct,
          'messages received at SMTP (total)': ids.length,
          'outbox rows sent / not sent': `${outbox.sent} / ${outbox.pending}`,
          'outbox send attempts': attempts._sum.attempts ?? 0,
          'notice audit events': notices,
          'emails per wall second': Number((distinct / (wallMs / 1000)).toFixed(1)),
        },
        notes,
      };
    } finally {
      await harness?.stop().catch((error: Error) => log(`stopping harness: ${error.message}`));
      await env?.teardown().catch((error: Error) => log(`stopping test server: ${error.message}`));
    }
  },
};
