import { z } from 'zod';
import { dateColumn, isoDateOf } from '../db/enums';
import { dueMomentOf, dutyStatusAt } from '../duties/dueStatus';
import { actionRag } from '../domain/actions/actionRag';
import { formatIsoDate, parseIsoDate } from '../domain/calendar/civilDate';
import { dutyById } from '../domain/catalogue/catalogue';
import { DUE_SOON_DAYS, londonToday } from '../domain/duties/noticePlan';
import type { Scope } from './scope';
import type { OverdueAndAtRisk, OverdueItem } from './schemas';
import { confidenceOf, dueView, links, nowOf, personRef, type ReadModelDependencies } from './views';

export const overdueOptionsSchema = z.strictObject({
  /** Only this person's items. */
  ownerId: z.uuid().optional(),
  /** The manager's view: only the items of this person's line reports. */
  reportsOf: z.uuid().optional(),
});
export type OverdueOptions = z.infer<typeof overdueOptionsSchema>;

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
  const owner = {
    ...(opts.ownerId ? { id: opts.ownerId } : {}),
    ...(opts.reportsOf ? { managerId: opts.reportsOf } : {}),
  };
  const bodies = await deps.prisma.body.findMany({ where: { id: { in: scope.bodyIds } }, select: { actionAtRiskDays: true } });
  const widestAtRisk = Math.max(0, ...bodies.map((b) => b.actionAtRiskDays));
  const horizon = (days: number) => dateColumn(formatIsoDate(parseIsoDate(today) + days));

  const [occurrences, actions] = await Promise.all([
    deps.prisma.occurrence.findMany({
      // Paused duties are not chased; a timed deadline can be overdue on its own day, so the window reaches DUE_SOON_DAYS ahead.
      where: { status: 'open', dueOn: { lte: horizon(DUE_SOON_DAYS) }, assignment: { bodyId: { in: scope.bodyIds }, status: 'active', owner } },
      include: { assignment: { include: { body: { select: { id: true, name: true } }, owner: true } } },
    }),
    deps.prisma.action.findMany({
      where: { status: 'open', dueOn: { lte: horizon(widestAtRisk) }, bodyId: { in: scope.bodyIds }, owner },
      include: { body: { select: { id: true, name: true, actionAtRiskDays: true } }, owner: true },
    }),
  ]);

  const items: OverdueItem[] = [];
  const daysLeftOf = (date: string) => parseIsoDate(date) - parseIsoDate(today);
  for (const row of occurrences) {
    const moment = dueMomentOf(row);
    const status = dutyStatusAt(moment, now, false);
    if (status !== 'overdue' && status !== 'due-soon') continue;
    const duty = dutyById(catalogue, row.assignment.dutyId);
    const due = dueView(moment.date, moment.time ?? null);
    items.push({
      uid: `occurrence:${row.id}`,
      kind: 'duty',
      subject: { type: 'assignment', id: row.assignmentId },
      title: duty?.title ?? row.assignment.dutyId,
      body: row.assignment.body,
      due,
      basis: row.ruleCitation ? { citation: row.ruleCitation, url: row.ruleUrl } : { citation: duty?.basis.citation ?? null, url: duty?.basis.url ?? null },
      confidence: confidenceOf(row.ruleConfidence) ?? duty?.confidence ?? null,
      status,
      rag: status === 'overdue' ? 'overdue' : 'at-risk',
      owner: personRef(row.assignment.owner),
      explanation: row.dueExplanation,
      actionToTake:
        status === 'overdue'
          ? `Overdue since ${due.text}: do it and record the outcome with its evidence, or agree an extension with a reason.`
          : `Do it by ${due.text} and record the outcome with its evidence.`,
      link: links.assignment(row.assignment.bodyId, row.assignmentId),
      daysLeft: daysLeftOf(moment.date),
    });
  }
  for (const row of actions) {
    const date = isoDateOf(row.dueOn);
    const rag = actionRag({ status: row.status, due: date }, row.body.actionAtRiskDays, today);
    if (rag !== 'overdue' && rag !== 'at-risk') continue;
    const due = dueView(date);
    items.push({
      uid: `action:${row.id}`,
      kind: 'action',
      subject: { type: 'action', id: row.id },
      title: row.title,
      body: { id: row.body.id, name: row.body.name },
      due,
      basis: { citation: null, url: null },
      confidence: null,
      status: rag === 'overdue' ? 'overdue' : 'due-soon',
      rag,
      owner: personRef(row.owner),
      explanation: `An action of the ${row.source} plan${row.sourceRef ? ` (${row.sourceRef})` : ''}.`,
      actionToTake:
        rag === 'overdue'
          ? `Overdue since ${due.text}: do it and mark it done with its evidence, or note progress and agree a new date.`
          : `Do it by ${due.text} and mark it done with its evidence.`,
      link: links.action(row.bodyId, row.id),
      daysLeft: daysLeftOf(date),
    });
  }
  items.sort((a, b) => a.daysLeft - b.daysLeft || (a.due.time ?? '24:00').localeCompare(b.due.time ?? '24:00') || a.uid.localeCompare(b.uid));

  return { today, items, byOwner: groupBy(items, (i) => i.owner.id, (i) => ({ owner: i.owner })), byBody: groupBy(items, (i) => i.body.id, (i) => ({ body: i.body })) };
}

function groupBy<K extends object>(items: OverdueItem[], keyOf: (item: OverdueItem) => string, head: (item: OverdueItem) => K) {
  const groups = new Map<string, K & { counts: { overdue: number; atRisk: number }; items: OverdueItem[] }>();
  for (const item of items) {
    const key = keyOf(item);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ...head(item), counts: { overdue: 0, atRisk: 0 }, items: [] }));
    group.items.push(item);
    if (item.rag === 'overdue') group.counts.overdue++;
    else group.counts.atRisk++;
  }
  // Most overdue first, then by name.
  return [...groups.values()].sort((a, b) => b.counts.overdue - a.counts.overdue || b.counts.atRisk - a.counts.atRisk || JSON.stringify(head(a.items[0]!)).localeCompare(JSON.stringify(head(b.items[0]!))));
}
