import { stringify } from 'csv-stringify/sync';
import type { ComplianceRecord, OverdueItem } from '../readModels';

/**
 * A cell a spreadsheet would run as a formula (= + - @, or a tab or carriage return that some read
 * as one) is prefixed with an apostrophe, as OWASP's CSV injection advice says: the text shows as
 * written and nothing runs. Numbers are written as numbers.
 */
export function guardCell(cell: string | number | null | undefined): string | number {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return cell;
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180 CSV (CRLF, quotes where needed) with a UTF-8 byte order mark, so Excel reads accents and £ right. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return stringify([header.map(guardCell), ...rows.map((row) => row.map(guardCell))], { bom: true, record_delimiter: 'windows' });
}

export const OVERDUE_ACTIONS_HEADER = ['Body', 'Action', 'Owner', 'Owner email', 'Due', 'Days overdue', 'Link'] as const;

export function overdueActionsCsv(items: readonly OverdueItem[]): string {
  return toCsv(
    OVERDUE_ACTIONS_HEADER,
    items.filter((item) => item.kind === 'action' && item.rag === 'overdue').map((item) => [item.body.name, item.title, item.owner.name, item.owner.email, item.due.date, -item.daysLeft, item.link]),
  );
}

export const COMPLIANCE_HEADER = ['Duty', 'Occurrence', 'Statutory due date', 'Agreed due date', 'Due date', 'Due time', 'Date met', 'Outcome', 'Evidence', 'Notes', 'Owner', 'Legal basis', 'Confidence'] as const;

const OUTCOME_WORDS = { met: 'met', 'met-late': 'met late', missed: 'missed', 'not-required': 'not required', open: 'open', overdue: 'overdue' } as const;

export function complianceCsv(record: ComplianceRecord): string {
  return toCsv(
    COMPLIANCE_HEADER,
    record.rows.map((row) => [
      row.title,
      row.sequence,
      row.statutoryDue,
      row.agreedDue,
      row.due.date,
      row.due.time,
      row.metOn,
      OUTCOME_WORDS[row.outcome],
      row.evidence,
      row.notes,
      row.owner.email,
      row.basis.citation,
      row.confidence,
    ]),
  );
}
