import { z } from 'zod';
import { Prisma } from '../db/client';
import { dutyStatusAt } from '../duties/dueStatus';
import { isoDateSchema } from '../domain/calendar/calendarSchemas';
import { dutyById } from '../domain/catalogue/catalogue';
import { londonToday as londonTodayOf } from '../domain/duties/noticePlan';
import { MEETING_CLOCK_TITLES, type MeetingClock } from '../domain/meetings/meetingDefinition';
import { pageInfo, pageOf, pagingSchema } from './paging';
import { reviewCaseClocks, reviewCasesById, reviewCasesIn, reviewClockKeys } from './reviewClocks';
import type { Scope } from './scope';
import type { Deadline, DeadlinePage, DeadlineStatus } from './schemas';
import { actionDeadline, occurrenceDeadline } from './deadlineItems';
import { collate, collationKey, codeUnitKeySql, collationKeySql, compareFixed, dueMomentOfText, firstByDue, isPlainIdSql, isoDate, openActions, ownerColumns, perDay, totalColumn, totalOf, type ActionRow, type OccurrenceRow, type PerDay } from './rows';
import { confidenceOf, deadlineStatusOfDuty, dueView, links, nowOf, personRef, ragOfStatus, type ReadModelDependencies } from './views';

export const deadlinesOptionsSchema = z.strictObject({
  /** First day, inclusive (London date). */
  from: isoDateSchema,
  /** Last day, inclusive. */
  to: isoDateSchema,
  /** Only this person's: duties and actions they own, meetings they are secretary of, cases they coordinate. */
  personId: z.uuid().optional(),
  /** Also what is still open from before `from` (default true: "my deadlines" leads with what is late). */
  includeOverdue: z.boolean().optional(),
});
export type DeadlinesOptions = z.infer<typeof deadlinesOptionsSchema>;

export const deadlinesPageOptionsSchema = deadlinesOptionsSchema.extend(pagingSchema.shape);
export type DeadlinesPageOptions = z.input<typeof deadlinesPageOptionsSchema>;

const MEETING_ACTIONS: Record<MeetingClock, string> = {
  report: 'Send the reports for the agenda to the secretary',
  agenda: 'Publish the agenda and reports',
  'public-participation': 'Close the list of members of the public who want to speak',
  'key-decision': 'Put the key decision in the forward plan',
  minutes: 'Circulate the draft minutes',
};

const KIND_ORDER = { duty: 0, review: 1, meeting: 2, action: 3 } as const;

type Counted<Row> = Row & { total?: number };

/** The lists' occurrence row, with whether its assignment is paused and why. */
interface PausableOccurrenceRow extends OccurrenceRow {
  assignmentStatus: 'active' | 'paused' | 'ended';
  statusReason: string | null;
}

interface MeetingDeadlineRow {
  meetingId: string;
  clock: string;
  dueOn: string;
  dueTime: string | null;
  ruleCitation: string;
  ruleUrl: string | null;
  ruleConfidence: string;
  explanation: string;
  meetingTitle: string;
  secretaryEmail: string;
  bodyId: string;
  bodyName: string;
}


/** Soonest first; a timed deadline before an all-day one on the same day. */
export function compareDeadlines(a: Deadline, b: Deadline): number {
  return (
    compareFixed(a.due.date, b.due.date) ||
    compareFixed(a.due.time ?? '24:00', b.due.time ?? '24:00') ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    collate(a.uid, b.uid)
  );
}

/**
 * The order of `compareDeadlines`, with each deadline's key built once: date, time (all-day last)
 * and kind are fixed-width, so one string comparison decides them; the uid breaks ties.
 */
function sortDeadlines(deadlines: Deadline[]): Deadline[] {
  const keyed = deadlines.map((d) => ({ key: `${d.due.date}${d.due.time ?? '24:00'}${KIND_ORDER[d.kind]}`, uid: collationKey(d.uid), d }));
  // With every uid a plain id, the uid's collation key makes the whole order one string comparison.
  if (keyed.every((k) => k.uid !== null)) {
    for (const k of keyed) k.key += k.uid;
    keyed.sort((a, b) => compareFixed(a.key, b.key));
  } else {
    keyed.sort((a, b) => compareFixed(a.key, b.key) || collate(a.d.uid, b.d.uid));
  }
  return keyed.map((k) => k.d);
}

/**
 * "My deadlines": every deadline in the scope's bodies from `from` to `to` (and, by default, what is
 * still open from before), of four kinds: duty occurrences, a meeting's derived deadlines, review
 * case clocks (decision, completion, the Commissioner's copy) and actions. Each carries its legal
 * basis, confidence, status and the one thing to do now.
 */
export async function deadlinesFor(deps: ReadModelDependencies, scope: Scope, options: DeadlinesOptions): Promise<Deadline[]> {
  return sortDeadlines((await collectDeadlines(deps, scope, deadlinesOptionsSchema.parse(options))).deadlines);
}

/**
 * One page of `deadlinesFor`'s list, with its total: one query sorts the four sources' bare keys
 * together and joins only the page's rows (see `deadlinesPageInOneQuery`). When SQL cannot order a
 * list exactly as `compareDeadlines` (ids off the plain alphabet tied on a date), or the page is
 * past the end, the sources are merged in JavaScript instead, each read only up to the end of the
 * page (see `firstByDue`).
 */
export async function deadlinesPage(deps: ReadModelDependencies, scope: Scope, options: DeadlinesPageOptions): Promise<DeadlinePage> {
  const { page, limit, ...opts } = deadlinesPageOptionsSchema.parse(options);
  const person = await personOf(deps, opts);
  if (person === undefined) return { items: [], ...pageInfo({ page, limit }, 0) };
  let onePage = await deadlinesPageInOneQuery(deps, scope, opts, person, { page, limit });
  if (onePage === 'irregular') onePage = await deadlinesPageInOneQuery(deps, scope, opts, person, { page, limit }, true);
  if (onePage && onePage !== 'irregular') return { items: onePage.items, ...pageInfo({ page, limit }, onePage.total) };
  const { deadlines, total } = await collectDeadlines(deps, scope, opts, page * limit);
  return { items: pageOf(sortDeadlines(deadlines), { page, limit }), ...pageInfo({ page, limit }, total) };
}

/** The deadlines unsorted; with `take`, at least the first `take` of the sorted list, and the total of all. */
async function collectDeadlines(deps: ReadModelDependencies, scope: Scope, opts: DeadlinesOptions, take?: number): Promise<{ deadlines: Deadline[]; total: number }> {
  const now = nowOf(deps);
  const prisma = deps.prisma;
  const person = await personOf(deps, opts);
  if (person === undefined) return { deadlines: [], total: 0 };

  const today = londonTodayOf(now);
  // The two big lists are joined in SQL (see rows.ts); the same filters as the Prisma queries of meetings and cases.
  const dueIn = (column: Prisma.Sql) =>
    Prisma.sql`${column} <= ${opts.to}::date${opts.includeOverdue === false ? Prisma.sql` AND ${column} >= ${opts.from}::date` : Prisma.empty}`;
  const [occurrences, meetingDeadlines, cases, actions] = await Promise.all([
    prisma.$queryRaw<Counted<PausableOccurrenceRow>[]>`SELECT o.id, ${isoDate('o.due_on')} AS "dueOn", o.due_time AS "dueTime", ${isoDate('o.agreed_due')} AS "agreedDue", o.rule_citation AS "ruleCitation",
                        o.rule_url AS "ruleUrl", o.rule_confidence AS "ruleConfidence", o.due_explanation AS "dueExplanation",
                        a.id AS "assignmentId", a.duty_id AS "dutyId", a.status AS "assignmentStatus", a.status_reason AS "statusReason",
                        a.body_id AS "bodyId", b.name AS "bodyName", ${ownerColumns('p')} ${totalColumn(take)}
                 FROM occurrence o JOIN assignment a ON a.id = o.assignment_id JOIN body b ON b.id = a.body_id JOIN person p ON p.id = a.owner_id
                 WHERE o.status = 'open' AND ${dueIn(Prisma.raw('o.due_on'))} AND a.body_id = ANY(${scope.bodyIds}::text[]) AND a.status <> 'ended'
                   ${person ? Prisma.sql`AND a.owner_id = ${person.id}::uuid` : Prisma.empty}
                 ${firstByDue(take, Prisma.raw('o.due_on'), Prisma.raw(`CASE WHEN o.agreed_due IS NULL THEN nullif(o.due_time, '') END`))}`,
    prisma.$queryRaw<Counted<MeetingDeadlineRow>[]>`SELECT d.meeting_id AS "meetingId", d.clock, ${isoDate('d.due_on')} AS "dueOn", d.due_time AS "dueTime", d.rule_citation AS "ruleCitation",
                        d.rule_url AS "ruleUrl", d.rule_confidence AS "ruleConfidence", d.explanation, m.title AS "meetingTitle", m.secretary_email AS "secretaryEmail",
                        m.body_id AS "bodyId", b.name AS "bodyName" ${totalColumn(take)}
                 FROM meeting_deadline d JOIN meeting m ON m.id = d.meeting_id JOIN body b ON b.id = m.body_id
                 WHERE d.met_on IS NULL AND ${dueIn(Prisma.raw('d.due_on'))} AND m.body_id = ANY(${scope.bodyIds}::text[])
                   AND (m.status = 'scheduled' OR (m.status = 'held' AND d.clock = 'minutes'))
                   ${person ? Prisma.sql`AND m.secretary_email = ${person.email}` : Prisma.empty}
                 ${firstByDue(take, Prisma.raw('d.due_on'), Prisma.raw(`nullif(d.due_time, '')`))}`,
    reviewCasesIn(deps, scope, person?.email),
    prisma.$queryRaw<Counted<ActionRow>[]>(
      openActions(
        Prisma.sql`${dueIn(Prisma.raw('x.due_on'))} AND x.body_id = ANY(${scope.bodyIds}::text[]) ${person ? Prisma.sql`AND x.owner_id = ${person.id}::uuid` : Prisma.empty}`,
        Prisma.empty,
        take,
      ),
    ),
  ]);
  const day = perDay(now, today);

  const secretaries = await peopleByEmail(deps, [...meetingDeadlines.map((d) => d.secretaryEmail), ...cases.map((c) => c.coordinatorEmail)]);
  const deadlines: Deadline[] = [];

  const map = deadlineMappers(deps, now, day, secretaries);
  for (const row of occurrences) deadlines.push(map.occurrence(row));
  for (const row of meetingDeadlines) deadlines.push(map.meeting(row));
  for (const reviewCase of cases) {
    for (const clock of reviewCaseClocks(reviewCase)) {
      if (clock.due > opts.to || (opts.includeOverdue === false && clock.due < opts.from)) continue;
      deadlines.push(map.review(reviewCase, clock));
    }
  }
  for (const row of actions) deadlines.push(map.action(row));

  const clocks = deadlines.length - occurrences.length - meetingDeadlines.length - actions.length;
  return { deadlines, total: totalOf(occurrences, take) + totalOf(meetingDeadlines, take) + clocks + totalOf(actions, take) };
}

/** The person whose deadlines are asked for: null for everyone's, undefined when that person does not exist. */
async function personOf(deps: ReadModelDependencies, opts: DeadlinesOptions): Promise<{ id: string; email: string } | null | undefined> {
  if (!opts.personId) return null;
  return (await deps.prisma.person.findUnique({ where: { id: opts.personId }, select: { id: true, email: true } })) ?? undefined;
}

async function peopleByEmail(deps: ReadModelDependencies, emails: string[]) {
  const wanted = [...new Set(emails.map((e) => e.toLowerCase()))];
  if (wanted.length === 0) return new Map<string, { id: string; name: string; email: string }>();
  const people = await deps.prisma.person.findMany({ where: { email: { in: wanted } }, select: { id: true, name: true, email: true } });
  return new Map(people.map((p) => [p.email.toLowerCase(), p]));
}

type People = Map<string, { id: string; name: string; email: string }>;
type ReviewCaseRow = Awaited<ReturnType<typeof reviewCasesById>>[number];
type ReviewClock = ReturnType<typeof reviewCaseClocks>[number];

/** Each source's row as a deadline; `secretaries` holds meeting secretaries and case coordinators by lowercased email. */
function deadlineMappers(deps: ReadModelDependencies, now: number, day: PerDay, secretaries: People) {
  const catalogue = deps.catalogue();
  return {
    occurrence(row: PausableOccurrenceRow): Deadline {
      const moment = dueMomentOfText(row);
      const status = deadlineStatusOfDuty(row.assignmentStatus === 'paused' ? 'paused' : day.dutyStatus(moment));
      return occurrenceDeadline(row, dutyById(catalogue, row.dutyId), status, day.due(moment.date, moment.time ?? null));
    },
    meeting(row: MeetingDeadlineRow): Deadline {
      const clock = row.clock as MeetingClock;
      const moment = { date: row.dueOn, ...(row.dueTime ? { time: row.dueTime } : {}) };
      const status = deadlineStatusOfDuty(day.dutyStatus(moment));
      const due = day.due(moment.date, row.dueTime);
      const secretary = secretaries.get(row.secretaryEmail.toLowerCase());
      return {
        uid: `meeting:${row.meetingId}:${row.clock}`,
        kind: 'meeting',
        subject: { type: 'meeting', id: row.meetingId },
        title: `${MEETING_CLOCK_TITLES[clock] ?? row.clock}: ${row.meetingTitle}`,
        body: { id: row.bodyId, name: row.bodyName },
        due,
        basis: { citation: row.ruleCitation, url: row.ruleUrl },
        confidence: confidenceOf(row.ruleConfidence),
        status,
        rag: ragOfStatus(status),
        owner: secretary ? personRef(secretary) : null,
        explanation: row.explanation,
        actionToTake: `${status === 'overdue' ? 'Overdue: ' : ''}${MEETING_ACTIONS[clock] ?? 'Meet this deadline'} by ${due.text}, then record it on the meeting page.`,
        link: links.meeting(row.meetingId),
      };
    },
    review(reviewCase: ReviewCaseRow, clock: ReviewClock): Deadline {
      const coordinator = secretaries.get(reviewCase.coordinatorEmail.toLowerCase());
      const status: DeadlineStatus = clock.paused ? 'paused' : deadlineStatusOfDuty(dutyStatusAt({ date: clock.due }, now, false));
      const due = dueView(clock.due);
      return {
        uid: `review:${reviewCase.id}:${clock.name}`,
        kind: 'review',
        subject: { type: 'review', id: reviewCase.id },
        title: `Review ${reviewCase.reference}: ${clock.title}`,
        body: reviewCase.partnership,
        due,
        basis: clock.basis,
        confidence: clock.confidence,
        status,
        rag: ragOfStatus(status),
        owner: coordinator ? personRef(coordinator) : null,
        explanation: clock.explanation,
        actionToTake:
          status === 'paused'
            ? `Paused${reviewCase.pauseReason ? ` (${reviewCase.pauseReason})` : ''}: the clock restarts when the review resumes.`
            : `${status === 'overdue' ? 'Overdue: ' : ''}${clock.action} by ${due.text}.`,
        link: links.review(reviewCase.partnershipId, reviewCase.reference),
      };
    },
    action(row: ActionRow): Deadline {
      return actionDeadline(row, day.openActionRag(row.dueOn, row.atRiskDays), day.due(row.dueOn));
    },
  };
}

/** A row of the one-query page: its kind and keys, the list's total, and the wide columns of its own source (the others null). */
type PageRow = { k: number; total: number; irregular: number; caseId: string | null; clock: string; actionId: string } & PausableOccurrenceRow & MeetingDeadlineRow & ActionRow;

/**
 * One page of the deadlines in one query: the four sources' bare keys (kind, uid, due date and
 * time) are counted and sorted together, exactly in `compareDeadlines`' order (ties on date, time
 * and kind by the uid's collation key, see `collationKeySql`), and only the page's rows are joined
 * to their wide columns. Returns 'irregular' when the SQL order cannot be trusted to be `collate`'s
 * (a uid in the list has a character outside the plain id alphabet, and with `tiesChecked` such a
 * uid also ties with another row on date, time and kind), and null when the page is past the end
 * (no row to carry the total): the caller then merges the sources in JavaScript.
 */
async function deadlinesPageInOneQuery(
  deps: ReadModelDependencies,
  scope: Scope,
  opts: DeadlinesOptions,
  person: { id: string; email: string } | null,
  { page, limit }: { page: number; limit: number },
  tiesChecked = false,
): Promise<{ items: Deadline[]; total: number } | 'irregular' | null> {
  const now = nowOf(deps);
  const rows = await deps.prisma.$queryRaw<PageRow[]>(deadlinesPageQuery(scope, opts, person, { page, limit }, tiesChecked));
  if (rows.length === 0) return page === 1 ? { items: [], total: 0 } : null;
  if (rows[0]!.irregular > 0) return 'irregular';

  // A case's clocks are built by `reviewCaseClocks` from the case itself (texts, rules, pause), for the page's cases only.
  const caseIds = [...new Set(rows.flatMap((r) => (r.k === KIND_ORDER.review && r.caseId ? [r.caseId] : [])))];
  const cases = new Map((await reviewCasesById(deps, caseIds)).map((c) => [c.id, c]));
  const emails = [...rows.flatMap((r) => (r.k === KIND_ORDER.meeting && r.secretaryEmail ? [r.secretaryEmail] : [])), ...[...cases.values()].map((c) => c.coordinatorEmail)];
  const map = deadlineMappers(deps, now, perDay(now, londonTodayOf(now)), await peopleByEmail(deps, emails));
  const items: Deadline[] = [];
  for (const row of rows) {
    if (row.k === KIND_ORDER.duty) items.push(map.occurrence(row));
    else if (row.k === KIND_ORDER.meeting) items.push(map.meeting(row));
    else if (row.k === KIND_ORDER.action) items.push(map.action({ ...row, id: row.actionId }));
    else {
      const reviewCase = cases.get(row.caseId!);
      const clock = reviewCase && reviewCaseClocks(reviewCase).find((c) => c.name === row.clock);
      // Changed between the two reads (a clock stopped): the next read will not list it either.
      if (reviewCase && clock) items.push(map.review(reviewCase, clock));
    }
  }
  return { items, total: rows[0]!.total };
}

/**
 * The SQL of `deadlinesPageInOneQuery`. Each source gives its rows' kind, due date and time, ids,
 * and `key`: the uid without the kind's prefix (which every row of a kind shares) as a collation
 * key, so that ordering by date, time, kind and key is `compareDeadlines`' order; and `odd` when
 * the uid is off the plain alphabet (never for an occurrence: its uid is a UUID's lowercase text).
 */
export function deadlinesPageQuery(
  scope: Scope,
  opts: DeadlinesOptions,
  person: { id: string; email: string } | null,
  { page, limit }: { page: number; limit: number },
  tiesChecked = false,
): Prisma.Sql {
  const dueIn = (column: Prisma.Sql) =>
    Prisma.sql`${column} <= ${opts.to}::date${opts.includeOverdue === false ? Prisma.sql` AND ${column} >= ${opts.from}::date` : Prisma.empty}`;
  const bodies = Prisma.sql`${scope.bodyIds}::text[]`;
  const keyOf = (suffix: Prisma.Sql) => Prisma.sql`${collationKeySql(suffix)} AS key, NOT ${isPlainIdSql(suffix)} AS odd`;
  // Only what the sort needs goes through it (kind, date, time, key, the ids to join the page's rows
  // back): every column carried costs there, for each of the list's rows.
  // The same filters as `collectDeadlines`' four queries; the time is the one `compareDeadlines` sorts by (none when agreed or empty).
  const keys = Prisma.sql`
    SELECT 0 AS k, o.due_on, CASE WHEN o.agreed_due IS NULL THEN nullif(o.due_time, '') END AS t, o.id::text COLLATE "C" AS key, false AS odd,
           o.id AS occurrence_id, NULL::text AS id, NULL::text AS clock
    FROM occurrence o JOIN assignment a ON a.id = o.assignment_id
    WHERE o.status = 'open' AND ${dueIn(Prisma.raw('o.due_on'))} AND a.body_id = ANY(${bodies}) AND a.status <> 'ended'
      ${person ? Prisma.sql`AND a.owner_id = ${person.id}::uuid` : Prisma.empty}
    UNION ALL
    SELECT 2, d.due_on, nullif(d.due_time, ''), ${keyOf(Prisma.raw(`(d.meeting_id || ':' || d.clock)`))}, NULL, d.meeting_id, d.clock
    FROM meeting_deadline d JOIN meeting m ON m.id = d.meeting_id
    WHERE d.met_on IS NULL AND ${dueIn(Prisma.raw('d.due_on'))} AND m.body_id = ANY(${bodies})
      AND (m.status = 'scheduled' OR (m.status = 'held' AND d.clock = 'minutes'))
      ${person ? Prisma.sql`AND m.secretary_email = ${person.email}` : Prisma.empty}
    UNION ALL
    SELECT 1, r.due_on, NULL, ${keyOf(Prisma.raw(`(r.case_id || ':' || r.clock)`))}, NULL, r.case_id, r.clock
    FROM (${reviewClockKeys(scope, person?.email, dueIn)}) r
    UNION ALL
    SELECT 3, x.due_on, NULL, ${codeUnitKeySql(Prisma.raw('x.id'))}, NOT ${isPlainIdSql(Prisma.raw('x.id'), false)}, NULL, x.id, NULL
    FROM action x
    WHERE x.status = 'open' AND ${dueIn(Prisma.raw('x.due_on'))} AND x.body_id = ANY(${bodies}) ${person ? Prisma.sql`AND x.owner_id = ${person.id}::uuid` : Prisma.empty}`;
  const order = (u: string) => Prisma.raw(`${u}.due_on, ${u}.t COLLATE "C" NULLS LAST, ${u}.k, ${u}.key`);
  // A uid off the plain alphabet has no key whose order is certainly `collate`'s; that matters only
  // when it ties with another row on date, time and kind, which `tiesChecked` looks for.
  const odd = tiesChecked ? Prisma.sql`keys.odd AND count(*) OVER (PARTITION BY keys.due_on, keys.t, keys.k) > 1` : Prisma.sql`keys.odd`;
  return Prisma.sql`
    WITH page AS (
      SELECT u.k, u.due_on, u.t, u.key, u.occurrence_id, u.id, u.clock, count(*) OVER ()::int AS total, (count(*) FILTER (WHERE u.irregular_row) OVER ())::int AS irregular
      FROM (SELECT keys.*, ${odd} AS irregular_row FROM (${keys}) keys) u ORDER BY ${order('u')} LIMIT ${limit}::int OFFSET ${(page - 1) * limit}::int)
    SELECT page.k, page.total, page.irregular, CASE WHEN page.k = 1 THEN page.id END AS "caseId", page.clock, ${isoDate('page.due_on')} AS "dueOn",
           o.id, coalesce(o.due_time, d.due_time) AS "dueTime", ${isoDate('o.agreed_due')} AS "agreedDue",
           coalesce(o.rule_citation, d.rule_citation) AS "ruleCitation", coalesce(o.rule_url, d.rule_url) AS "ruleUrl", coalesce(o.rule_confidence, d.rule_confidence) AS "ruleConfidence",
           o.due_explanation AS "dueExplanation", a.id AS "assignmentId", a.duty_id AS "dutyId", a.status AS "assignmentStatus", a.status_reason AS "statusReason",
           d.meeting_id AS "meetingId", d.explanation, m.title AS "meetingTitle", m.secretary_email AS "secretaryEmail",
           x.id AS "actionId", x.title, x.source, x.source_ref AS "sourceRef", b.action_at_risk_days AS "atRiskDays",
           b.id AS "bodyId", b.name AS "bodyName", ${ownerColumns('p')}
    FROM page
    LEFT JOIN occurrence o ON o.id = page.occurrence_id LEFT JOIN assignment a ON a.id = o.assignment_id
    LEFT JOIN meeting_deadline d ON page.k = 2 AND d.meeting_id = page.id AND d.clock = page.clock LEFT JOIN meeting m ON m.id = d.meeting_id
    LEFT JOIN action x ON page.k = 3 AND x.id = page.id
    LEFT JOIN body b ON b.id = coalesce(a.body_id, m.body_id, x.body_id) LEFT JOIN person p ON p.id = coalesce(a.owner_id, x.owner_id)
    ORDER BY ${order('page')}`;
}
