import type { ActionRag } from '../domain/actions/actionRag';
import type { Duty } from '../domain/catalogue/dutySchema';
import { ownerOf, type ActionRow, type OccurrenceRow } from './rows';
import type { Deadline, DeadlineStatus, DueView, PersonRef } from './schemas';
import { confidenceOf, links, ragOfStatus, statusOfRag } from './views';

/**
 * A duty occurrence as a row of a list ("my deadlines", "overdue and at risk"), with the status the
 * list worked out for it; `statusReason` says why a paused one is paused.
 */
export function occurrenceDeadline(row: OccurrenceRow & { statusReason?: string | null }, duty: Duty | undefined, status: DeadlineStatus, due: DueView): Deadline & { kind: 'duty'; owner: PersonRef } {
  return {
    uid: `occurrence:${row.id}`,
    kind: 'duty',
    subject: { type: 'assignment', id: row.assignmentId },
    title: duty?.title ?? row.dutyId,
    body: { id: row.bodyId, name: row.bodyName },
    due,
    basis: row.ruleCitation ? { citation: row.ruleCitation, url: row.ruleUrl } : { citation: duty?.basis.citation ?? null, url: duty?.basis.url ?? null },
    confidence: confidenceOf(row.ruleConfidence) ?? duty?.confidence ?? null,
    status,
    rag: ragOfStatus(status),
    owner: ownerOf(row),
    explanation: row.dueExplanation,
    actionToTake:
      status === 'paused'
        ? `Paused${row.statusReason ? ` (${row.statusReason})` : ''}: nothing is chased until it is resumed.`
        : status === 'overdue'
          ? `Overdue since ${due.text}: do it and record the outcome with its evidence, or agree an extension with a reason.`
          : `Do it by ${due.text} and record the outcome with its evidence.`,
    link: links.assignment(row.bodyId, row.assignmentId),
  };
}

/** An open action as a row of a list, with its RAG on the list's day. */
export function actionDeadline(row: ActionRow, rag: ActionRag, due: DueView): Deadline & { kind: 'action'; owner: PersonRef } {
  return {
    uid: `action:${row.id}`,
    kind: 'action',
    subject: { type: 'action', id: row.id },
    title: row.title,
    body: { id: row.bodyId, name: row.bodyName },
    due,
    basis: { citation: null, url: null },
    confidence: null,
    status: statusOfRag(rag),
    rag,
    owner: ownerOf(row),
    explanation: `An action of the ${row.source} plan${row.sourceRef ? ` (${row.sourceRef})` : ''}.`,
    actionToTake:
      rag === 'overdue'
        ? `Overdue since ${due.text}: do it and mark it done with its evidence, or note progress and agree a new date.`
        : `Do it by ${due.text} and mark it done with its evidence.`,
    link: links.action(row.bodyId, row.id),
  };
}
