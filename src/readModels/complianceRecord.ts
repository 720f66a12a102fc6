import { dateColumn, fromDbEnum, isoDateOf } from '../db/enums';
import { dueMomentOf, isOverdueAt } from '../duties/dueStatus';
import { dutyById } from '../domain/catalogue/catalogue';
import { inScope, type Scope } from './scope';
import { complianceOutcomeSchema, type ComplianceOutcome, type ComplianceRecord, type ComplianceRow } from './schemas';
import { confidenceOf, dateOrNull, dueView, nowOf, personRef, type ReadModelDependencies } from './views';

/**
 * A body's compliance record for a calendar year: each occurrence whose due date (the one that
 * counts) falls in the year, with the date met, how it ended (met, met late, missed, not required,
 * or still open / overdue) and its evidence. Null outside the scope or for an unknown body.
 */
export async function complianceRecord(deps: ReadModelDependencies, scope: Scope, bodyId: string, year: number): Promise<ComplianceRecord | null> {
  if (!inScope(scope, bodyId) || !Number.isInteger(year) || year < 1900 || year > 9999) return null;
  const body = await deps.prisma.body.findUnique({ where: { id: bodyId }, select: { id: true, name: true } });
  if (!body) return null;
  const now = nowOf(deps);
  const catalogue = deps.catalogue();
  const rows = await deps.prisma.occurrence.findMany({
    where: { assignment: { bodyId }, dueOn: { gte: dateColumn(`${year}-01-01`), lte: dateColumn(`${year}-12-31`) } },
    include: { assignment: { select: { id: true, dutyId: true, status: true, owner: true } } },
    orderBy: [{ dueOn: 'asc' }, { assignmentId: 'asc' }, { sequence: 'asc' }],
  });
  const record: ComplianceRow[] = rows.map((row) => {
    const duty = dutyById(catalogue, row.assignment.dutyId);
    const moment = dueMomentOf(row);
    const outcome: ComplianceOutcome =
      row.status === 'open' ? (row.assignment.status !== 'ended' && isOverdueAt(moment, now) ? 'overdue' : 'open') : fromDbEnum(row.status);
    return {
      occurrenceId: row.id,
      assignmentId: row.assignmentId,
      dutyId: row.assignment.dutyId,
      title: duty?.title ?? row.assignment.dutyId,
      sequence: row.sequence,
      statutoryDue: isoDateOf(row.statutoryDue),
      agreedDue: dateOrNull(row.agreedDue),
      agreedDueReason: row.agreedDueReason,
      due: dueView(moment.date, moment.time ?? null),
      metOn: dateOrNull(row.metOn),
      outcome,
      evidence: row.evidence,
      notes: row.notes,
      owner: personRef(row.assignment.owner),
      basis: row.ruleCitation ? { citation: row.ruleCitation, url: row.ruleUrl } : { citation: duty?.basis.citation ?? null, url: duty?.basis.url ?? null },
      confidence: confidenceOf(row.ruleConfidence) ?? duty?.confidence ?? null,
    };
  });
  const totals = Object.fromEntries(complianceOutcomeSchema.options.map((o) => [o, 0])) as Record<ComplianceOutcome, number>;
  for (const row of record) totals[row.outcome]++;
  return { body, year, rows: record, totals };
}
