import type { Occurrence, OccurrenceQuery } from '../contracts/api/occurrences';
import type { Prisma, PrismaClient } from '../db/client';
import { dateColumn, fromDbEnum, isoDateOf, toDbEnum } from '../db/enums';
import { dueMomentOf, dueText, isOverdueAt } from './dueStatus';

export const occurrenceInclude = { assignment: { include: { owner: true } } } satisfies Prisma.OccurrenceInclude;
type OccurrenceRow = Prisma.OccurrenceGetPayload<{ include: typeof occurrenceInclude }>;

const dateOrNull = (column: Date | null) => (column ? isoDateOf(column) : null);

export function occurrenceOf(row: OccurrenceRow, now: number): Occurrence {
  const moment = dueMomentOf(row);
  const live = row.assignment.status !== 'ended';
  return {
    id: row.id,
    assignment: row.assignmentId,
    sequence: row.sequence,
    duty: row.assignment.dutyId,
    body: row.assignment.bodyId,
    owner: row.assignment.owner.email,
    opensOn: isoDateOf(row.opensOn),
    statutoryDue: isoDateOf(row.statutoryDue),
    dueTime: row.dueTime,
    agreedDue: dateOrNull(row.agreedDue),
    agreedDueReason: row.agreedDueReason,
    due: dueText(moment),
    status: row.status === 'open' ? (live && isOverdueAt(moment, now) ? 'overdue' : 'open') : fromDbEnum(row.status),
    metOn: dateOrNull(row.metOn),
    evidence: row.evidence,
    notes: row.notes,
    explanation: row.dueExplanation,
    rule: { id: row.ruleId, citation: row.ruleCitation, confidence: row.ruleConfidence },
  };
}

/**
 * Occurrences by body, owner, status and due date, soonest first. `open` and `overdue` are about
 * what is still due, so they leave out the open occurrence an ended assignment left behind.
 */
export async function listOccurrences(prisma: PrismaClient, query: OccurrenceQuery, now = Date.now()): Promise<Occurrence[]> {
  const { status } = query;
  const stillDue = status === 'open' || status === 'overdue';
  const where: Prisma.OccurrenceWhereInput = {
    assignment: {
      ...(query.body ? { bodyId: query.body } : {}),
      ...(query.owner ? { owner: { email: query.owner } } : {}),
      ...(stillDue ? { status: { not: 'ended' } } : {}),
    },
    ...(status === undefined ? {} : { status: status === 'open' || status === 'overdue' ? 'open' : toDbEnum(status) }),
    dueOn: {
      ...(query.dueBefore ? { lt: dateColumn(query.dueBefore) } : {}),
      ...(query.dueAfter ? { gt: dateColumn(query.dueAfter) } : {}),
    },
  };
  const rows = await prisma.occurrence.findMany({
    where,
    include: occurrenceInclude,
    orderBy: [{ dueOn: 'asc' }, { assignmentId: 'asc' }, { sequence: 'asc' }],
  });
  const occurrences = rows.map((row) => occurrenceOf(row, now));
  return status ? occurrences.filter((occurrence) => occurrence.status === status) : occurrences;
}
