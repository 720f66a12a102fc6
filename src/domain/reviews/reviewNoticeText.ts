import { formatLongDate, parseIsoDate } from '../calendar/civilDate';
import type { DueNotice } from '../duties/noticePlan';
import type { ReviewClockName } from './reviewClocks';

/** What a case's email is about: its pseudonymised reference and the step, never a name. */
export interface ReviewNoticeFacts {
  readonly reference: string;
  readonly clock: ReviewClockName;
  /** The agency's name, for an agency's clock. */
  readonly agencyName?: string;
  readonly due: string;
  readonly notice: DueNotice;
  readonly partnershipName: string;
  readonly basis: string;
  readonly escalatedTo?: { readonly role: string; readonly names: readonly string[] };
}

const WHAT: Record<'decision' | 'completion' | 'commissioner-copy', string> = {
  decision: 'the decision whether to hold a review (and telling the Home Office)',
  completion: 'the completed overview report',
  'commissioner-copy': 'a copy of the report to the Domestic Abuse Commissioner',
};

/**
 * The subject and body of a case's reminder, overdue notice or escalation. The subject carries the
 * reference and nothing else about the case: cases are sensitive and subjects travel widely.
 */
export function reviewNoticeText(facts: ReviewNoticeFacts): { subject: string; text: string } {
  const { notice } = facts;
  const agency = facts.clock.startsWith('agency:');
  const what = agency ? `the chronology and individual management review of ${facts.agencyName ?? 'an agency'}` : WHAT[facts.clock as keyof typeof WHAT];
  const step = agency ? 'agency records' : facts.clock;
  const due = formatLongDate(parseIsoDate(facts.due));
  let subject: string;
  let opening: string;
  if (notice.kind === 'reminder') {
    subject = `Review ${facts.reference}: ${step} due ${notice.leadDays === 0 ? 'today' : `in ${notice.leadDays} day${notice.leadDays === 1 ? '' : 's'}`}`;
    opening = `Due by ${due}: ${what}.`;
  } else if (notice.escalation) {
    subject = `Review ${facts.reference}: ${step} overdue, escalated`;
    const to = facts.escalatedTo && facts.escalatedTo.names.length > 0 ? `${facts.escalatedTo.names.join(', ')} (${facts.escalatedTo.role})` : `the ${notice.escalation.toRole}, but nobody in ${facts.partnershipName} holds that role`;
    opening = `Overdue since ${due}: ${what}. Escalated to ${to}.`;
  } else {
    subject = `Review ${facts.reference}: ${step} overdue`;
    opening = `Overdue since ${due}: ${what}.`;
  }
  const lines = [opening, '', `Case: ${facts.reference}`, `Partnership: ${facts.partnershipName}`, `Basis: ${facts.basis}`, '', 'Case details are restricted: open the case in the duty engine.'];
  return { subject, text: `${lines.join('\n')}\n` };
}
