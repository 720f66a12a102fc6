import { Prisma } from '../db/client';
import { fromDbEnum } from '../db/enums';
import { londonToday } from '../domain/duties/noticePlan';
import { dutyById } from '../domain/catalogue/catalogue';
import { inScope, type Scope } from './scope';
import { complianceOutcomeSchema, type ComplianceOutcome, type ComplianceRecord, type ComplianceRow, type PersonRef } from './schemas';
import { confidenceOf, nowOf, personRef, type ReadModelDependencies } from './views';
import { dueMomentOfText, perDay, isoDate, ownerColumns, ownerOf, type OwnerColumns } from './rows';

interface RecordRow extends OwnerColumns {
  id: string;
  assignmentId: string;
  sequence: number;
  statutoryDue: string;
  agreedDue: string | null;
  agreedDueReason: string | null;
  dueOn: string;
  dueTime: string | null;
  metOn: string | null;
  status: 'open' | 'met' | 'met_late' | 'missed' | 'not_required';
  evidence: string | null;
  notes: string | null;
  ruleCitation: string | null;
  ruleUrl: string | null;
  ruleConfidence: string | null;
  dutyId: string;
  assignmentStatus: 'active' | 'paused' | 'ended';
  
}

/**
 * A body's compliance record for a calendar year: each occurrence whose due date (the one that
 * counts) falls in the year, with the date met, how it ended (met, met late, missed, not required,
 * or still open / overdue) and its evidence. Null outside the scope or for an unknown body.
 */
export async function complianceRecord(deps: ReadModelDependencies, scope: Scope, bodyId: string, year: number): Promise<ComplianceRecord | null> {
  if (!inScope(scope, bodyId) || !Number.isInteger(year) || year < 1900 || year > 9999) return null;
  const now = nowOf(deps);
  const catalogue = deps.catalogue();
  // The body and its rows in one round trip: the body left-joined to its rows (one row of NULLs when it has none).
  const joined = await deps.prisma.$queryRaw<(Partial<RecordRow> & { bodyName: string })[]>`
    SELECT bd.name AS "bodyName", r.* FROM body bd LEFT JOIN (
      SELECT o.id, o.assignment_id AS "assignmentId", o.sequence, ${isoDate('o.statutory_due')} AS "statutoryDue", ${isoDate('o.agreed_due')} AS "agreedDue",
             o.agreed_due_reason AS "agreedDueReason", ${isoDate('o.due_on')} AS "dueOn", o.due_time AS "dueTime", ${isoDate('o.met_on')} AS "metOn", o.status,
             o.evidence, o.notes, o.rule_citation AS "ruleCitation", o.rule_url AS "ruleUrl", o.rule_confidence AS "ruleConfidence",
             a.duty_id AS "dutyId", a.status AS "assignmentStatus", ${ownerColumns('p')}, o.due_on AS "sortDue"
      FROM occurrence o JOIN assignment a ON a.id = o.assignment_id JOIN person p ON p.id = a.owner_id
      WHERE a.body_id = ${bodyId} AND o.due_on BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-31`}::date
    ) r ON true
    WHERE bd.id = ${bodyId}
    ORDER BY r."sortDue", r."assignmentId", r.sequence`;
  if (joined.length === 0) return null;
  const body = { id: bodyId, name: joined[0]!.bodyName };
  const rows = joined.filter((row): row is RecordRow & { bodyName: string } => row.id != null);
  const day = perDay(now, londonToday(now));
  const record: ComplianceRow[] = rows.map((row) => {
    const duty = dutyById(catalogue, row.dutyId);
    const moment = dueMomentOfText(row);
    const outcome: ComplianceOutcome =
      row.status === 'open' ? (row.assignmentStatus !== 'ended' && day.dutyStatus(moment) === 'overdue' ? 'overdue' : 'open') : fromDbEnum(row.status);
    return {
      occurrenceId: row.id,
      assignmentId: row.assignmentId,
      dutyId: row.dutyId,
      title: duty?.title ?? row.dutyId,
      sequence: row.sequence,
      statutoryDue: row.statutoryDue,
      agreedDue: row.agreedDue,
      agreedDueReason: row.agreedDueReason,
      due: day.due(moment.date, moment.time ?? null),
      metOn: row.metOn,
      outcome,
      evidence: row.evidence,
      notes: row.notes,
      owner: ownerOf(row),
      basis: row.ruleCitation ? { citation: row.ruleCitation, url: row.ruleUrl } : { citation: duty?.basis.citation ?? null, url: duty?.basis.url ?? null },
      confidence: confidenceOf(row.ruleConfidence) ?? duty?.confidence ?? null,
    };
  });
  const totals = Object.fromEntries(complianceOutcomeSchema.options.map((o) => [o, 0])) as Record<ComplianceOutcome, number>;
  for (const row of record) totals[row.outcome]++;
  return { body, year, rows: record, totals };
}
