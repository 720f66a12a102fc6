import { formatIsoDate, formatLongDate, parseIsoDate, weekdayOf } from '../calendar/civilDate';
import type { Duty } from '../catalogue/dutySchema';
import type { DueNotice } from '../duties/noticePlan';

/**
 * The escalation "role" of an action: not a role in the body but the owner's own line manager
 * (Person.managerId), resolved when the notice is sent.
 */
export const LINE_MANAGER = 'line manager';

/**
 * When an open action is chased, in the terms occurrencePlan plans a duty's notices in: reminders
 * to the owner a week and a day before the due date, the overdue notice the morning after, and
 * the escalation to the owner's line manager a week after that.
 */
export const ACTION_NOTICE_POLICY: Pick<Duty, 'reminderLeadDays' | 'escalation'> = {
  reminderLeadDays: [7, 1],
  escalation: [{ afterDays: 7, toRole: LINE_MANAGER }],
};

export interface ActionNoticeFacts {
  readonly notice: DueNotice;
  readonly title: string;
  readonly bodyName: string;
  readonly due: string;
  readonly ownerName: string;
  /** For an escalation: the line manager it went to, if the owner has one. */
  readonly managerName?: string;
  /** Days left (reminder) or days past (overdue) on the day the notice goes. */
  readonly days: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The subject and plain-text body of an action's reminder, overdue notice or escalation. */
export function actionNoticeText(facts: ActionNoticeFacts): { subject: string; text: string } {
  const due = formatLongDate(parseIsoDate(facts.due));
  const { notice } = facts;
  let subject: string;
  let opening: string;
  if (notice.kind === 'reminder') {
    subject = `Action due ${facts.days <= 0 ? 'today' : `in ${plural(facts.days, 'day')}`}: ${facts.title} (${facts.bodyName})`;
    opening = `${facts.ownerName}, this action is due by ${due}. Record progress, mark it done with evidence, or agree a new date with a reason.`;
  } else if (notice.escalation) {
    subject = `Escalated, overdue action: ${facts.title} (${facts.bodyName})`;
    const who = facts.managerName
      ? `It has been escalated to ${facts.managerName}, the owner's line manager.`
      : `It should be escalated to the owner's line manager, but none is recorded: record one for ${facts.ownerName}.`;
    opening = `This action was due by ${due} and is ${plural(facts.days, 'day')} overdue. ${who} The owner is ${facts.ownerName}.`;
  } else {
    subject = `Overdue action: ${facts.title} (${facts.bodyName})`;
    opening = `${facts.ownerName}, this action was due by ${due} and is not marked done. Mark it done with evidence, or agree a new date with a reason.`;
  }
  const lines = [opening, '', `Action: ${facts.title}`, `Body: ${facts.bodyName}`, `Due: ${due}`];
  return { subject, text: `${lines.join('\n')}\n` };
}

/** The Monday of the week `date` falls in: a digest is sent once per manager per week. */
export function weekStarting(date: string): string {
  const day = parseIsoDate(date);
  return formatIsoDate(day - ((weekdayOf(day) + 6) % 7));
}

export interface DigestLine {
  readonly title: string;
  readonly bodyName: string;
  readonly ownerName: string;
  readonly due: string;
  readonly rag: 'overdue' | 'at-risk';
}

/** The weekly digest of a manager's people's overdue and at-risk actions, overdue first, each by due date. */
export function actionDigestText(managerName: string, week: string, lines: readonly DigestLine[]): { subject: string; text: string } {
  const overdue = lines.filter((line) => line.rag === 'overdue');
  const atRisk = lines.filter((line) => line.rag === 'at-risk');
  const byDue = (a: DigestLine, b: DigestLine) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.title.localeCompare(b.title));
  const section = (heading: string, group: readonly DigestLine[]) =>
    group.length === 0
      ? []
      : [heading, ...[...group].sort(byDue).map((line) => `- ${line.title} (${line.bodyName}), owner ${line.ownerName}, due ${formatLongDate(parseIsoDate(line.due))}`), ''];
  const subject = `Actions digest, week of ${formatLongDate(parseIsoDate(week))}: ${plural(overdue.length, 'overdue action')}, ${atRisk.length} at risk`;
  const text = [
    `${managerName}, these actions of the people you manage need attention.`,
    '',
    ...section('Overdue:', overdue),
    ...section('At risk:', atRisk),
  ].join('\n');
  return { subject, text };
}
