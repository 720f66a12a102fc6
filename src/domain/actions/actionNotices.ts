import { formatIsoDate, formatLongDate, parseIsoDate, weekdayOf } from '../calendar/civilDate';
import type { Duty } from '../catalogue/dutySchema';
import type { DueNotice } from '../duties/noticePlan';

/**
 * The escalation "roles" of an action that are not roles in the body: the owner's own line manager
 * (Person.managerId) and that manager's line manager, resolved when the notice is sent. Any other
 * `toRole` is a role in the action's body, resolved to its holders as a duty's escalation is.
 */
export const LINE_MANAGER = 'line manager';
export const LINE_MANAGERS_MANAGER = "line manager's manager";

/** An action's escalation chain: the duty catalogue's escalation steps, in increasing `afterDays`. */
export type ActionEscalation = Duty['escalation'];

/**
 * When an open action is chased, in the terms occurrencePlan plans a duty's notices in: reminders
 * to the owner a week and a day before the due date, the overdue notice the morning after, and
 * the escalation to the owner's line manager a week after that.
 * The first version of the `action` workflow chased with this policy only (its escalation ends
 * at the line manager); running workflows of that version keep it (see workflows/action.ts).
 */
export const ACTION_NOTICE_POLICY: Pick<Duty, 'reminderLeadDays' | 'escalation'> = {
  reminderLeadDays: [7, 1],
  escalation: [{ afterDays: 7, toRole: LINE_MANAGER }],
};

/**
 * The default chain when an action keeps slipping: its owner's line manager a week after it became
 * overdue, then that manager's own manager a week later. A body can give its own chain (a role of
 * the body, such as its chair, as a later step); an action captures its chain when it is added.
 */
export const DEFAULT_ACTION_ESCALATION: ActionEscalation = [
  { afterDays: 7, toRole: LINE_MANAGER },
  { afterDays: 14, toRole: LINE_MANAGERS_MANAGER },
];

/** The notice policy of an action with its escalation chain. */
export function actionNoticePolicy(escalation: ActionEscalation): Pick<Duty, 'reminderLeadDays' | 'escalation'> {
  return { reminderLeadDays: ACTION_NOTICE_POLICY.reminderLeadDays, escalation };
}

/** How an escalation's recipients are described: "the owner's line manager", "the body's Partnership chair". */
export function escalationRoleText(toRole: string): string {
  if (toRole === LINE_MANAGER) return "the owner's line manager";
  if (toRole === LINE_MANAGERS_MANAGER) return "the owner's line manager's manager";
  return `the body's ${toRole}`;
}

export interface ActionNoticeFacts {
  readonly notice: DueNotice;
  readonly title: string;
  readonly bodyName: string;
  readonly due: string;
  readonly ownerName: string;
  /** For an escalation: the people it went to (none when nobody holds the step's role). */
  readonly escalatedTo?: readonly string[];
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
    const { number, toRole } = notice.escalation;
    subject = `Escalated${number > 1 ? ` again (step ${number})` : ''}, overdue action: ${facts.title} (${facts.bodyName})`;
    const role = escalationRoleText(toRole);
    const names = facts.escalatedTo ?? [];
    const who =
      names.length > 0
        ? `It has been escalated to ${names.join(', ')}, ${role}.`
        : toRole === LINE_MANAGER || toRole === LINE_MANAGERS_MANAGER
          ? `It should be escalated to ${role}, but none is recorded: record one for ${toRole === LINE_MANAGER ? facts.ownerName : "the owner's line manager"}.`
          : `It should be escalated to ${role}, but nobody holds that role: add a member with it.`;
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
