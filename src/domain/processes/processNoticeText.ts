import { formatLongDate, parseIsoDate } from '../calendar/civilDate';
import type { Confidence } from '../legalBasis';
import type { DueNotice } from '../duties/noticePlan';

/** What a process email is about: the process, the cycle, the stage and, for a late party, the party. Never a person referred to Channel. */
export interface ProcessNoticeFacts {
  readonly processTitle: string;
  readonly bodyName: string;
  readonly cycle: number;
  readonly cycleStart: string;
  readonly stageTitle: string;
  readonly partyName?: string;
  readonly due: string;
  readonly notice: DueNotice;
  readonly basis: string;
  readonly confidence: Confidence;
  readonly escalatedTo?: { readonly role: string; readonly names: readonly string[] };
}

export function processNoticeText(facts: ProcessNoticeFacts): { subject: string; text: string } {
  const { notice } = facts;
  const due = formatLongDate(parseIsoDate(facts.due));
  const what = facts.partyName ? `the response of ${facts.partyName} to "${facts.stageTitle}"` : facts.stageTitle;
  const about = `${facts.processTitle} (cycle ${facts.cycle})${facts.partyName ? `, ${facts.partyName}` : ''}`;
  let subject: string;
  let opening: string;
  if (notice.kind === 'reminder') {
    subject = `${about}: due ${notice.leadDays === 0 ? 'today' : `in ${notice.leadDays} day${notice.leadDays === 1 ? '' : 's'}`}`;
    opening = `Due by ${due}: ${what}.`;
  } else if (notice.escalation) {
    subject = `${about}: overdue, escalated`;
    const to = facts.escalatedTo && facts.escalatedTo.names.length > 0 ? `${facts.escalatedTo.names.join(', ')} (${facts.escalatedTo.role})` : `the ${notice.escalation.toRole}, but nobody in ${facts.bodyName} holds that role`;
    opening = `Overdue since ${due}: ${what}. Escalated to ${to}.`;
  } else {
    subject = `${about}: overdue`;
    opening = `Overdue since ${due}: ${what}.`;
  }
  const lines = [
    opening,
    '',
    `Process: ${facts.processTitle}, cycle ${facts.cycle} (from ${formatLongDate(parseIsoDate(facts.cycleStart))})`,
    `Stage: ${facts.stageTitle}`,
    `Body: ${facts.bodyName}`,
    `Basis: ${facts.basis}${facts.confidence === 'statute' ? '' : ` (${facts.confidence})`}`,
  ];
  return { subject, text: `${lines.join('\n')}\n` };
}
