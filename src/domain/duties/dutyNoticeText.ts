import { formatLongDate, parseIsoDate } from '../calendar/civilDate';
import type { Confidence, LegalBasis } from '../legalBasis';
import type { DueNotice } from './noticePlan';

/** What a duty's email is about; everything in it comes from the occurrence as recorded. */
export interface DutyNoticeFacts {
  readonly notice: DueNotice;
  readonly dutyTitle: string;
  readonly bodyName: string;
  /** The date that counts now (agreed, else statutory), `YYYY-MM-DD`. */
  readonly due: string;
  readonly dueTime?: string;
  /** Present when an extension was agreed: the statutory date it replaced. */
  readonly statutoryDue?: string;
  readonly agreedDueReason?: string;
  /** The sentence that explains the due date: what to do and how it was counted. */
  readonly explanation: string;
  readonly basis: LegalBasis;
  readonly confidence: Confidence;
  readonly ownerName: string;
  /** For an escalation: who it went to, or that nobody holds the role. */
  readonly escalatedTo?: { readonly role: string; readonly names: readonly string[]; readonly via?: 'manager' | 'chair' };
  /** Days past the due date, for overdue notices. */
  readonly daysOverdue?: number;
  /** Days left until the due date when the notice goes, for reminders (a catch-up reminder has fewer than its lead days). */
  readonly daysUntilDue?: number;
}

const CONFIDENCE_NOTE: Record<Exclude<Confidence, 'statute'>, string> = {
  guidance: 'This timing comes from national guidance, not the text of an Act or regulation.',
  unconfirmed: 'This timing is unconfirmed: a default widely used in practice but not checked against the legal text. Check it locally.',
  local: 'This timing is a local rule set by the body.',
};

function dueText(facts: DutyNoticeFacts): string {
  const date = formatLongDate(parseIsoDate(facts.due));
  return facts.dueTime ? `${facts.dueTime} on ${date} (London time)` : date;
}

/** The subject and plain-text body of a reminder, overdue notice or escalation. Names only bodies and duties, never case details. */
export function dutyNoticeText(facts: DutyNoticeFacts): { subject: string; text: string } {
  const due = dueText(facts);
  const { notice } = facts;
  let subject: string;
  let opening: string;
  if (notice.kind === 'reminder') {
    const days = facts.daysUntilDue ?? notice.leadDays;
    subject = `Due ${days <= 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`}: ${facts.dutyTitle} (${facts.bodyName})`;
    opening = `${facts.ownerName}, this is due by ${due}.`;
  } else if (notice.escalation) {
    subject = `Escalated, overdue: ${facts.dutyTitle} (${facts.bodyName})`;
    const to = facts.escalatedTo;
    const who =
      to && to.names.length > 0
        ? `It has been escalated to ${to.names.join(', ')} (${to.via ? `the assignment's ${to.via}, as nobody in ${facts.bodyName} holds the role ${to.role}` : to.role}).`
        : `It should be escalated to the ${notice.escalation.toRole}, but nobody in ${facts.bodyName} holds that role and the assignment names no manager or chair: add a member with that role.`;
    opening = `This was due by ${due} and no outcome has been recorded${facts.daysOverdue ? ` (${facts.daysOverdue} day${facts.daysOverdue === 1 ? '' : 's'} overdue)` : ''}. ${who} The owner is ${facts.ownerName}.`;
  } else {
    subject = `Overdue: ${facts.dutyTitle} (${facts.bodyName})`;
    opening = `${facts.ownerName}, this was due by ${due} and no outcome has been recorded. Record the outcome, or agree an extension with a reason.`;
  }
  const lines = [
    opening,
    '',
    `Duty: ${facts.dutyTitle}`,
    `Body: ${facts.bodyName}`,
    `Due: ${due}`,
    ...(facts.statutoryDue ? [`Statutory date: ${formatLongDate(parseIsoDate(facts.statutoryDue))} (extended${facts.agreedDueReason ? `: ${facts.agreedDueReason}` : ''})`] : []),
    '',
    facts.explanation,
    '',
    `Legal basis: ${facts.basis.citation}${facts.basis.url ? ` <${facts.basis.url}>` : ''}`,
    ...(facts.confidence === 'statute' ? [] : [`Confidence: ${facts.confidence}. ${CONFIDENCE_NOTE[facts.confidence]}`]),
  ];
  return { subject, text: `${lines.join('\n')}\n` };
}
