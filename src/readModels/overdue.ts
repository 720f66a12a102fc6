import { z } from 'zod';
import { Prisma } from '../db/client';
import { dutyById } from '../domain/catalogue/catalogue';
import { DUE_SOON_DAYS, londonToday } from '../domain/duties/noticePlan';
import type { Scope } from './scope';
import type { OverdueAndAtRisk, OverdueItem, PersonRef } from './schemas';
import { collate, compareFixed, dueMomentOfText, perDay, isoDate, ownerColumns, ownerOf, openActionsFrom, type ActionRow, type OwnerColumns } from './rows';
import { confidenceOf, links, nowOf, personRef, type ReadModelDependencies } from './views';

export const overdueOptionsSchema = z.strictObject({
  /** Only this person's items. */
  ownerId: z.uuid().optional(),
  /** The manager's view: only the items of this person's line reports. */
  reportsOf: z.uuid().optional(),
});
export type OverdueOptions = z.infer<typeof overdueOptionsSchema>;

interface OccurrenceRow extends OwnerColumns {
  id: string;
  dueOn: string;
  dueTime: string | null;
  agreedDue: string | null;
  ruleCitation: string | null;
  ruleUrl: string | null;
  ruleConfidence: string | null;
  dueExplanation: string;
  assignmentId: string;
  dutyId: string;
  bodyId: string;
  bodyName: string;
}

/**
 * "Overdue and at risk": open duty occurrences that are overdue or due soon (the workflow's own
 * status) and open actions that are overdue or at risk (each body's threshold), in the scope's
 * bodies, most overdue first, also grouped by owner and by body (team).
 */
export async function overdueAndAtRisk(deps: ReadModelDependencies, scope: Scope, options: OverdueOptions = {}): Promise<OverdueAndAtRisk> {
  const opts = overdueOptionsSchema.parse(options);
  const now = nowOf(deps);
  const today = londonToday(now);
  const catalogue = deps.catalogue();
  const ownerFilter = (alias: string) =>
    Prisma.sql`${opts.ownerId ? Prisma.sql`AND ${Prisma.raw(alias)}.owner_id = ${opts.ownerId}::uuid` : Prisma.empty}
               ${opts.reportsOf ? Prisma.sql`AND p.manager_id = ${opts.reportsOf}::uuid` : Prisma.empty}`;

  // Joined in SQL (see rows.ts). Paused duties are not chased; a timed deadline can be overdue on its own day, so the
  // window reaches DUE_SOON_DAYS ahead. An action is kept up to its own body's at-risk threshold.
  const [occurrences, actions] = await Promise.all([
    deps.prisma.$queryRaw<OccurrenceRow[]>`SELECT o.id, ${isoDate('o.due_on')} AS "dueOn", o.due_time AS "dueTime", ${isoDate('o.agreed_due')} AS "agreedDue", o.rule_citation AS "ruleCitation",
                        o.rule_url AS "ruleUrl", o.rule_confidence AS "ruleConfidence", o.due_explanation AS "dueExplanation",
                        a.id AS "assignmentId", a.duty_id AS "dutyId", a.body_id AS "bodyId", b.name AS "bodyName", ${ownerColumns('p')}
                 FROM occurrence o JOIN assignment a ON a.id = o.assignment_id JOIN body b ON b.id = a.body_id JOIN person p ON p.id = a.owner_id
                 WHERE o.status = 'open' AND o.due_on <= ${today}::date + ${DUE_SOON_DAYS}::int
                   AND a.body_id = ANY(${scope.bodyIds}::text[]) AND a.status = 'active' ${ownerFilter('a')}`,
    deps.prisma.$queryRaw<ActionRow[]>`${openActionsFrom} AND x.due_on <= ${today}::date + greatest(b.action_at_risk_days, 0)
                   AND x.body_id = ANY(${scope.bodyIds}::text[]) ${ownerFilter('x')}`,
  ]);

  const items: OverdueItem[] = [];
  const day = perDay(now, today);
  for (const row of occurrences) {
    const moment = dueMomentOfText(row);
    const status = day.dutyStatus(moment);
    if (status !== 'overdue' && status !== 'due-soon') continue;
    const duty = dutyById(catalogue, row.dutyId);
    const due = day.due(moment.date, moment.time ?? null);
    items.push({
      uid: `occurrence:${row.id}`,
      kind: 'duty',
      subject: { type: 'assignment', id: row.assignmentId },
      title: duty?.title ?? row.dutyId,
      body: { id: row.bodyId, name: row.bodyName },
      due,
      basis: row.ruleCitation ? { citation: row.ruleCitation, url: row.ruleUrl } : { citation: duty?.basis.citation ?? null, url: duty?.basis.url ?? null },
      confidence: confidenceOf(row.ruleConfidence) ?? duty?.confidence ?? null,
      status,
      rag: status === 'overdue' ? 'overdue' : 'at-risk',
      owner: ownerOf(row),
      explanation: row.dueExplanation,
      actionToTake:
        status === 'overdue'
          ? `Overdue since ${due.text}: do it and record the outcome with its evidence, or agree an extension with a reason.`
          : `Do it by ${due.text} and record the outcome with its evidence.`,
      link: links.assignment(row.bodyId, row.assignmentId),
      daysLeft: day.daysFrom(moment.date),
    });
  }
  for (const row of actions) {
    const rag = day.openActionRag(row.dueOn, row.atRiskDays);
    if (rag !== 'overdue' && rag !== 'at-risk') continue;
    const due = day.due(row.dueOn);
    items.push({
      uid: `action:${row.id}`,
      kind: 'action',
      subject: { type: 'action', id: row.id },
      title: row.title,
      body: { id: row.bodyId, name: row.bodyName },
      due,
      basis: { citation: null, url: null },
      confidence: null,
      status: rag === 'overdue' ? 'overdue' : 'due-soon',
      rag,
      owner: ownerOf(row),
      explanation: `An action of the ${row.source} plan${row.sourceRef ? ` (${row.sourceRef})` : ''}.`,
      actionToTake:
        rag === 'overdue'
          ? `Overdue since ${due.text}: do it and mark it done with its evidence, or note progress and agree a new date.`
          : `Do it by ${due.text} and mark it done with its evidence.`,
      link: links.action(row.bodyId, row.id),
      daysLeft: day.daysFrom(row.dueOn),
    });
  }
  items.sort((a, b) => a.daysLeft - b.daysLeft || compareFixed(a.due.time ?? '24:00', b.due.time ?? '24:00') || collate(a.uid, b.uid));

  return { today, items, byOwner: groupBy(items, (i) => i.owner.id, (i) => ({ owner: i.owner })), byBody: groupBy(items, (i) => i.body.id, (i) => ({ body: i.body })) };
}

function groupBy<K extends object>(items: OverdueItem[], keyOf: (item: OverdueItem) => string, head: (item: OverdueItem) => K) {
  const groups = new Map<string, K & { counts: { overdue: number; atRisk: number }; items: OverdueItem[] }>();
  const labels = new Map<object, string>();
  for (const item of items) {
    const key = keyOf(item);
    let group = groups.get(key);
    if (!group) {
      groups.set(key, (group = { ...head(item), counts: { overdue: 0, atRisk: 0 }, items: [] }));
      labels.set(group, JSON.stringify(head(item)));
    }
    group.items.push(item);
    if (item.rag === 'overdue') group.counts.overdue++;
    else group.counts.atRisk++;
  }
  // Most overdue first, then by name (the group's head as JSON, made once per group).
  return [...groups.values()].sort((a, b) => b.counts.overdue - a.counts.overdue || b.counts.atRisk - a.counts.atRisk || collate(labels.get(a)!, labels.get(b)!));
}
