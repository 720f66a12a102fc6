import { fromDbEnum, isoDateOf } from '../db/enums';
import { dueMomentOf, dutyStatusAt } from '../duties/dueStatus';
import { actionRag } from '../domain/actions/actionRag';
import { dutyById } from '../domain/catalogue/catalogue';
import { londonToday } from '../domain/duties/noticePlan';
import { reviewCasesIn } from './reviewClocks';
import { inScope, type Scope } from './scope';
import type { ActionView, AssignmentView, BodyOverview, MeetingView } from './schemas';
import { confidenceOf, dateOrNull, dueView, links, nowOf, personRef, type ReadModelDependencies } from './views';
import type { Prisma } from '../db/client';

export const meetingViewInclude = { body: { select: { id: true, name: true } } } as const;
export type MeetingViewRow = Prisma.MeetingGetPayload<{ include: typeof meetingViewInclude }>;

export function meetingView(row: MeetingViewRow): MeetingView {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    startsAt: row.startsAt.toISOString(),
    startDate: isoDateOf(row.startDate),
    startTime: row.startTime,
    durationMinutes: row.durationMinutes,
    location: row.location,
    status: row.status,
    statusReason: row.statusReason,
    sequence: row.sequence,
    link: links.meeting(row.id),
  };
}

/** A body's page: its members, live assignments, meetings, review cases (summary only) and actions. Null outside the scope. */
export async function bodyOverview(deps: ReadModelDependencies, scope: Scope, bodyId: string): Promise<BodyOverview | null> {
  if (!inScope(scope, bodyId)) return null;
  const now = nowOf(deps);
  const today = londonToday(now);
  const catalogue = deps.catalogue();
  const body = await deps.prisma.body.findUnique({
    where: { id: bodyId },
    include: {
      parent: { select: { id: true, name: true } },
      children: { select: { id: true, name: true }, orderBy: { name: 'asc' } },
      memberships: { include: { person: true }, orderBy: [{ role: 'asc' }] },
      assignments: {
        where: { status: { not: 'ended' } },
        include: { owner: true, manager: true, chair: true, occurrences: { where: { status: 'open' }, orderBy: { sequence: 'desc' }, take: 1 } },
        orderBy: [{ dutyId: 'asc' }],
      },
      meetings: { include: meetingViewInclude, orderBy: { startsAt: 'desc' } },
      actions: { include: { owner: true }, orderBy: [{ status: 'asc' }, { dueOn: 'asc' }, { id: 'asc' }] },
    },
  });
  if (!body) return null;
  const cases = (await reviewCasesIn(deps, { ...scope, bodyIds: [bodyId] })).sort((a, b) => a.reference.localeCompare(b.reference));

  const assignments: AssignmentView[] = body.assignments.map((a) => {
    const duty = dutyById(catalogue, a.dutyId);
    const open = a.occurrences[0];
    const moment = open ? dueMomentOf(open) : undefined;
    return {
      id: a.id,
      dutyId: a.dutyId,
      title: duty?.title ?? a.dutyId,
      owner: personRef(a.owner),
      manager: a.manager ? personRef(a.manager) : null,
      chair: a.chair ? personRef(a.chair) : null,
      status: a.status === 'paused' ? 'paused' : moment ? dutyStatusAt(moment, now, false) : 'upcoming',
      statusReason: a.statusReason,
      due: moment ? dueView(moment.date, moment.time ?? null) : null,
      basis: open?.ruleCitation ? { citation: open.ruleCitation, url: open.ruleUrl } : { citation: duty?.basis.citation ?? null, url: duty?.basis.url ?? null },
      confidence: confidenceOf(open?.ruleConfidence) ?? duty?.confidence ?? null,
      link: links.assignment(body.id, a.id),
    };
  });

  const actions: ActionView[] = body.actions.map((a) => ({
    id: a.id,
    title: a.title,
    source: a.source,
    sourceRef: a.sourceRef,
    owner: personRef(a.owner),
    due: dueView(a.dueOn),
    status: a.status,
    rag: actionRag({ status: a.status, due: isoDateOf(a.dueOn) }, body.actionAtRiskDays, today),
    doneOn: dateOrNull(a.doneOn),
    evidence: a.evidence,
    link: links.action(body.id, a.id),
  }));

  return {
    body: { id: body.id, name: body.name, kind: fromDbEnum(body.kind), parent: body.parent, children: body.children, actionAtRiskDays: body.actionAtRiskDays },
    members: body.memberships.map((m) => ({ person: personRef(m.person), role: m.role })).sort((a, b) => a.person.name.localeCompare(b.person.name) || a.role.localeCompare(b.role)),
    assignments,
    meetings: body.meetings.map(meetingView),
    cases: cases.map((c) => ({ id: c.id, reference: c.reference, stage: c.stage, notifiedOn: isoDateOf(c.notifiedOn), link: links.review(c.partnershipId, c.reference) })),
    actions,
  };
}
