import { assignmentSubject } from '../../activities/audit';
import type { AssignmentDetail, AssignmentQuery, AssignmentSummary, AuditEvent } from '../contracts/api/assignments';
import type { Prisma, PrismaClient } from '../db/client';
import { isoDateOf } from '../db/enums';
import type { DutyStatus } from '../domain';
import { runningAssignment } from './assignmentRun';
import type { DutyDependencies } from './dependencies';
import { dueMomentOf, dueText, dutyStatusAt } from './dueStatus';
import { occurrenceInclude, occurrenceOf } from './occurrences';
import { notFound } from './refusal';

const summaryInclude = {
  owner: true,
  manager: true,
  chair: true,
  occurrences: { orderBy: { sequence: 'desc' }, take: 1 },
} satisfies Prisma.AssignmentInclude;
type AssignmentRow = Prisma.AssignmentGetPayload<{ include: typeof summaryInclude }>;

/** As the database has it; the status is the one the workflow publishes, worked out from the open occurrence. */
function summaryOf(row: AssignmentRow, now: number): AssignmentSummary {
  const current = row.occurrences[0];
  const moment = current ? dueMomentOf(current) : undefined;
  let status: DutyStatus;
  if (row.status === 'ended') status = 'ended';
  else if (moment && current?.status === 'open') status = dutyStatusAt(moment, now, row.status === 'paused');
  // No open occurrence: the first is about to be recorded, or the next about to open.
  else status = row.status === 'paused' ? 'paused' : 'upcoming';
  return {
    id: row.id,
    duty: row.dutyId,
    body: row.bodyId,
    owner: row.owner.email,
    manager: row.manager?.email ?? null,
    chair: row.chair?.email ?? null,
    status,
    due: moment ? dueText(moment) : null,
    workflowId: row.workflowId,
  };
}

export async function listAssignments(prisma: PrismaClient, query: AssignmentQuery, now = Date.now()): Promise<AssignmentSummary[]> {
  const { status } = query;
  const rows = await prisma.assignment.findMany({
    where: {
      ...(query.body ? { bodyId: query.body } : {}),
      ...(query.duty ? { dutyId: query.duty } : {}),
      ...(query.owner ? { owner: { email: query.owner } } : {}),
      ...(status === 'ended' || status === 'paused' ? { status } : status ? { status: 'active' } : {}),
    },
    include: summaryInclude,
    orderBy: [{ bodyId: 'asc' }, { dutyId: 'asc' }, { createdAt: 'asc' }],
  });
  const summaries = rows.map((row) => summaryOf(row, now));
  return status ? summaries.filter((summary) => summary.status === status) : summaries;
}

/**
 * One assignment with all its occurrences. While its workflow runs, the status, due date, agreed
 * date and next reminder are the workflow's own (its state query); otherwise the database's.
 */
export async function assignmentDetail(deps: DutyDependencies, id: string, now = Date.now()): Promise<AssignmentDetail> {
  const row = await deps.prisma.assignment.findUnique({ where: { id }, include: summaryInclude });
  if (!row) throw notFound(`no assignment ${id}`, 'id');
  const occurrences = await deps.prisma.occurrence.findMany({ where: { assignmentId: id }, include: occurrenceInclude, orderBy: { sequence: 'asc' } });
  const summary = summaryOf(row, now);
  const current = row.occurrences[0];
  const fromDatabase: AssignmentDetail = {
    ...summary,
    statusReason: row.statusReason,
    agreedDue: current?.agreedDue ? isoDateOf(current.agreedDue) : null,
    nextReminder: null,
    unresolvedRoles: [],
    live: false,
    occurrences: occurrences.map((occurrence) => occurrenceOf(occurrence, now)),
  };
  // With Temporal or the worker not answering, the database still does.
  const running = row.status === 'ended' ? undefined : await runningAssignment(deps.temporal, row).catch(() => undefined);
  if (!running) return fromDatabase;
  const { state } = running;
  const { agreedDue, dueTime } = state.occurrence;
  return {
    ...fromDatabase,
    status: state.status,
    statusReason: state.pauseReason ?? row.statusReason,
    due: dueText({ date: state.occurrence.due, ...(dueTime && !agreedDue ? { time: dueTime } : {}) }),
    agreedDue: agreedDue ?? null,
    nextReminder: state.nextNotice ?? null,
    unresolvedRoles: state.unresolvedRoles,
    live: true,
  };
}

/** Everything recorded about an assignment, oldest first. */
export async function auditTrail(prisma: PrismaClient, id: string): Promise<AuditEvent[]> {
  if (!(await prisma.assignment.findUnique({ where: { id } }))) throw notFound(`no assignment ${id}`, 'id');
  const events = await prisma.auditEvent.findMany({ where: { subject: assignmentSubject(id) }, orderBy: [{ occurredAt: 'asc' }, { recordedAt: 'asc' }] });
  return events.map((event) => ({ kind: event.kind, occurredAt: event.occurredAt.toISOString(), detail: event.detail as Record<string, unknown> }));
}
