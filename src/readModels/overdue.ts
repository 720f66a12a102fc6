import { z } from 'zod';
import { Prisma } from '../db/client';
import { dutyStatusAt } from '../duties/dueStatus';
import { formatIsoDate, parseIsoDate } from '../domain/calendar/civilDate';
import { utcToLondonWallClock } from '../domain/calendar/londonTime';
import { dutyById } from '../domain/catalogue/catalogue';
import { DUE_SOON_DAYS } from '../domain/duties/noticePlan';
import { pageInfo, pageOf, pagingSchema } from './paging';
import type { Scope } from './scope';
import type { OverdueAndAtRisk, OverdueItem } from './schemas';
import { actionDeadline, occurrenceDeadline } from './deadlineItems';
import { collate, collationKey, compareFixed, dueMomentOfText, firstByDue, isoDate, openActions, ownerColumns, perDay, type ActionRow, type OccurrenceRow } from './rows';
import { confidenceOf, links, nowOf, type ReadModelDependencies } from './views';

export const overdueOptionsSchema = z.strictObject({
  /** Only this person's items. */
  ownerId: z.uuid().optional(),
  /** The manager's view: only the items of this person's line reports. */
  reportsOf: z.uuid().optional(),
});
export type OverdueOptions = z.infer<typeof overdueOptionsSchema>;

export const overduePageOptionsSchema = overdueOptionsSchema.extend(pagingSchema.shape);
export type OverduePageOptions = z.input<typeof overduePageOptionsSchema>;

/**
 * Which open duty occurrences are overdue or due soon at `now`, as date cut-offs for SQL, each found
 * with the workflow's own status function: "due soon" starts on a morning, "overdue" the morning
 * after an all-day deadline or at a timed one's time.
 */
function dutyWindow(now: number) {
  const wallClock = utcToLondonWallClock(now);
  const today = parseIsoDate(wallClock.date);
  const lastDueSoon = dutyStatusAt({ date: formatIsoDate(today + DUE_SOON_DAYS) }, now, false) === 'upcoming' ? today + DUE_SOON_DAYS - 1 : today + DUE_SOON_DAYS;
  const lastOverdueAllDay = dutyStatusAt({ date: formatIsoDate(today - 1) }, now, false) === 'overdue' ? today - 1 : today - 2;
  return { today: wallClock.date, nowTime: wallClock.time, lastDueSoon: formatIsoDate(lastDueSoon), lastOverdueAllDay: formatIsoDate(lastOverdueAllDay) };
}

/** The conditions of both lists, shared by the page's rows and its counts so that they cannot disagree. */
function conditions(scope: Scope, opts: OverdueOptions, now: number) {
  const w = dutyWindow(now);
  const ownerFilter = (alias: string) =>
    Prisma.sql`${opts.ownerId ? Prisma.sql`AND ${Prisma.raw(alias)}.owner_id = ${opts.ownerId}::uuid` : Prisma.empty}
               ${opts.reportsOf ? Prisma.sql`AND p.manager_id = ${opts.reportsOf}::uuid` : Prisma.empty}`;
  const timed = Prisma.raw(`CASE WHEN o.agreed_due IS NULL THEN nullif(o.due_time, '') END`);
  return {
    window: w,
    timed,
    // Paused duties are not chased; an agreed date has no time (see dueMomentOfText).
    duties: Prisma.sql`o.status = 'open' AND o.due_on <= ${w.lastDueSoon}::date AND a.body_id = ANY(${scope.bodyIds}::text[]) AND a.status = 'active' ${ownerFilter('a')}`,
    // A timed deadline is compared as London wall-clock time (off by up to an hour only inside the autumn's repeated hour).
    dutyOverdue: Prisma.sql`(CASE WHEN ${timed} IS NULL THEN o.due_on <= ${w.lastOverdueAllDay}::date
                                  ELSE o.due_on < ${w.today}::date OR (o.due_on = ${w.today}::date AND ${timed} COLLATE "C" <= ${w.nowTime}) END)`,
    // As actionRag: overdue once past its date, at risk within its body's threshold.
    actions: Prisma.sql`(x.due_on < ${w.today}::date OR x.due_on <= ${w.today}::date + b.action_at_risk_days) AND x.body_id = ANY(${scope.bodyIds}::text[]) ${ownerFilter('x')}`,
    actionOverdue: Prisma.sql`x.due_on < ${w.today}::date`,
    // What the action conditions read besides the action: its body's threshold, and the owner's manager for `reportsOf`.
    actionJoins: Prisma.sql`JOIN body b ON b.id = x.body_id ${opts.reportsOf ? Prisma.sql`JOIN person p ON p.id = x.owner_id` : Prisma.empty}`,
    dutyJoins: opts.reportsOf ? Prisma.sql`JOIN person p ON p.id = a.owner_id` : Prisma.empty,
  };
}

/**
 * "Overdue and at risk": open duty occurrences that are overdue or due soon (the workflow's own
 * status) and open actions that are overdue or at risk (each body's threshold), in the scope's
 * bodies, most overdue first: one page of them, with counts of all by owner and by body (team).
 */
export async function overdueAndAtRisk(deps: ReadModelDependencies, scope: Scope, options: OverduePageOptions = {}): Promise<OverdueAndAtRisk> {
  const { page, limit, ...opts } = overduePageOptionsSchema.parse(options);
  const now = nowOf(deps);
  const where = conditions(scope, opts, now);
  const [items, groups] = await Promise.all([overdueRows(deps, where, now, page * limit), groupCounts(deps, where)]);
  const byOwner = sortGroups(groups.filter((g) => g.ownerId !== null).map((g) => ({ owner: { id: g.ownerId!, name: g.ownerName!, email: g.ownerEmail! }, counts: countsOf(g) })));
  const byBody = sortGroups(groups.filter((g) => g.ownerId === null).map((g) => ({ body: { id: g.bodyId!, name: g.bodyName! }, counts: countsOf(g) })));
  const counts = { overdue: 0, atRisk: 0 };
  for (const g of byBody) (counts.overdue += g.counts.overdue), (counts.atRisk += g.counts.atRisk);
  return { today: where.window.today, items: pageOf(items, { page, limit }), ...pageInfo({ page, limit }, counts.overdue + counts.atRisk), counts, byOwner, byBody };
}

/** Every item of `overdueAndAtRisk`'s list, most overdue first: for exports. */
export async function overdueItems(deps: ReadModelDependencies, scope: Scope, options: OverdueOptions = {}): Promise<OverdueItem[]> {
  const opts = overdueOptionsSchema.parse(options);
  const now = nowOf(deps);
  return overdueRows(deps, conditions(scope, opts, now), now);
}

type Conditions = ReturnType<typeof conditions>;

/** The items sorted; with `take`, at least the first `take` of them. */
async function overdueRows(deps: ReadModelDependencies, where: Conditions, now: number, take?: number): Promise<OverdueItem[]> {
  const catalogue = deps.catalogue();
  const today = where.window.today;
  const [occurrences, actions] = await Promise.all([
    deps.prisma.$queryRaw<OccurrenceRow[]>`SELECT o.id, ${isoDate('o.due_on')} AS "dueOn", o.due_time AS "dueTime", ${isoDate('o.agreed_due')} AS "agreedDue", o.rule_citation AS "ruleCitation",
                        o.rule_url AS "ruleUrl", o.rule_confidence AS "ruleConfidence", o.due_explanation AS "dueExplanation",
                        a.id AS "assignmentId", a.duty_id AS "dutyId", a.body_id AS "bodyId", b.name AS "bodyName", ${ownerColumns('p')}
                 FROM occurrence o JOIN assignment a ON a.id = o.assignment_id JOIN body b ON b.id = a.body_id JOIN person p ON p.id = a.owner_id
                 WHERE ${where.duties} ${firstByDue(take, Prisma.raw('o.due_on'), where.timed)}`,
    deps.prisma.$queryRaw<ActionRow[]>(openActions(where.actions, where.actionJoins, take)),
  ]);

  const items: OverdueItem[] = [];
  const day = perDay(now, today);
  for (const row of occurrences) {
    const moment = dueMomentOfText(row);
    // The query keeps only what is overdue or due soon at `now`.
    const status = day.dutyStatus(moment) === 'overdue' ? 'overdue' : 'due-soon';
    const duty = dutyById(catalogue, row.dutyId);
    const due = day.due(moment.date, moment.time ?? null);
    items.push({ ...occurrenceDeadline(row, duty, status, due), rag: status === 'overdue' ? 'overdue' : 'at-risk', daysLeft: day.daysFrom(moment.date) });
  }
  for (const row of actions) {
    const rag = day.openActionRag(row.dueOn, row.atRiskDays) === 'overdue' ? 'overdue' : 'at-risk';
    const due = day.due(row.dueOn);
    items.push({ ...actionDeadline(row, rag, due), rag, daysLeft: day.daysFrom(row.dueOn) });
  }
  return sortItems(items);
}

/** Most overdue first (the due date), timed before all-day, then by uid; one string comparison when every uid is a plain id. */
function sortItems(items: OverdueItem[]): OverdueItem[] {
  const keyed = items.map((item) => ({ key: `${item.due.date}${item.due.time ?? '24:00'}`, uid: collationKey(item.uid), item }));
  if (keyed.every((k) => k.uid !== null)) {
    for (const k of keyed) k.key += k.uid;
    keyed.sort((a, b) => compareFixed(a.key, b.key));
  } else {
    keyed.sort((a, b) => compareFixed(a.key, b.key) || collate(a.item.uid, b.item.uid));
  }
  return keyed.map((k) => k.item);
}

interface GroupRow {
  ownerId: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  bodyId: string | null;
  bodyName: string | null;
  overdue: number;
  atRisk: number;
}

/** Overdue and at-risk counts of the whole list, per owner and per body, in one query (grouping sets). */
function groupCounts(deps: ReadModelDependencies, where: Conditions): Promise<GroupRow[]> {
  return deps.prisma.$queryRaw<GroupRow[]>`
    SELECT g."ownerId"::text AS "ownerId", op.name AS "ownerName", op.email AS "ownerEmail", g."bodyId", gb.name AS "bodyName", g.overdue, g."atRisk"
    FROM (SELECT CASE WHEN GROUPING(u.owner_id) = 0 THEN u.owner_id END AS "ownerId", CASE WHEN GROUPING(u.body_id) = 0 THEN u.body_id END AS "bodyId",
                 (count(*) FILTER (WHERE u.overdue))::int AS overdue, (count(*) FILTER (WHERE NOT u.overdue))::int AS "atRisk"
          FROM (SELECT a.owner_id, a.body_id, ${where.dutyOverdue} AS overdue
                FROM occurrence o JOIN assignment a ON a.id = o.assignment_id ${where.dutyJoins}
                WHERE ${where.duties}
                UNION ALL
                SELECT x.owner_id, x.body_id, ${where.actionOverdue}
                FROM action x ${where.actionJoins}
                WHERE x.status = 'open' AND ${where.actions}) u
          GROUP BY GROUPING SETS ((u.owner_id), (u.body_id))) g
    LEFT JOIN person op ON op.id = g."ownerId" LEFT JOIN body gb ON gb.id = g."bodyId"`;
}

const countsOf = (g: GroupRow) => ({ overdue: g.overdue, atRisk: g.atRisk });

/** Most overdue first, then by name (the group's head as JSON, made once per group). */
function sortGroups<G extends { counts: { overdue: number; atRisk: number } }>(groups: G[]): G[] {
  const labels = new Map(groups.map((g) => [g, JSON.stringify({ ...g, counts: undefined })]));
  return groups.sort((a, b) => b.counts.overdue - a.counts.overdue || b.counts.atRisk - a.counts.atRisk || collate(labels.get(a)!, labels.get(b)!));
}
