import { ApplicationFailure } from '@temporalio/activity';
import { sendDutyNoticeInputSchema, type SendDutyNoticeInput, type SentDutyNotice } from '../src/contracts/dutyActivities';
import { FailureType } from '../src/contracts/failures';
import { isoDateOf } from '../src/db/enums';
import { confidenceSchema, dutyNoticeText, londonToday, londonWallClockToUtc, parseIsoDate, type DutyNoticeFacts } from '../src/domain';
import { deadlineCalendar } from '../src/mail/deadlineCalendar';
import { appendAuditEvent, assignmentSubject } from './audit';
import { sendOnce, storedNotice, type OutboxDependencies } from './outbox';
import { parseActivityInput } from './parseInput';
import { roleHolders } from './roleHolders';

export interface DutyNoticeDependencies extends OutboxDependencies {
  /** The duty's title by id, from the catalogue (the occurrence row keeps the rule, not the title). */
  dutyTitle: (dutyId: string) => string | undefined;
}

interface Escalation {
  recipients: { email: string; name: string }[];
  via?: 'manager' | 'chair';
  unresolvedRole?: string;
}

/**
 * Sends a duty's reminder, overdue notice or escalation once per idempotency key. Recipients are
 * resolved when the notice is first written: the owner, and for an escalation the body's members
 * who hold the role (else the assignment's manager for the first step and its chair for later
 * ones). A retry resends the stored notice, so a membership change between attempts changes nothing.
 */
export function createSendDutyNoticeActivity(deps: DutyNoticeDependencies) {
  return async function sendDutyNotice(raw: SendDutyNoticeInput): Promise<SentDutyNotice> {
    const input = parseActivityInput(sendDutyNoticeInputSchema, raw, 'sendDutyNotice');
    const occurrence = await deps.prisma.occurrence.findUnique({
      where: { id: input.occurrenceId },
      include: { assignment: { include: { owner: true, manager: true, chair: true, body: true } } },
    });
    if (!occurrence) throw ApplicationFailure.nonRetryable(`no occurrence ${input.occurrenceId}`, FailureType.RecordMissing);
    const { assignment } = occurrence;
    const sentAt = input.sentAt ?? input.at;
    const escalation = input.notice.kind === 'overdue' && input.notice.escalation ? await resolveEscalation(deps, assignment, input.notice.escalation) : undefined;

    const notice =
      (await storedNotice(deps.prisma, input.idempotencyKey)) ??
      (() => {
        const due = isoDateOf(occurrence.dueOn);
        const facts: DutyNoticeFacts = {
          notice: input.notice,
          dutyTitle: deps.dutyTitle(assignment.dutyId) ?? assignment.dutyId,
          bodyName: assignment.body.name,
          due,
          ...(occurrence.dueTime && !occurrence.agreedDue ? { dueTime: occurrence.dueTime } : {}),
          ...(occurrence.agreedDue ? { statutoryDue: isoDateOf(occurrence.statutoryDue), agreedDueReason: occurrence.agreedDueReason ?? undefined } : {}),
          explanation: occurrence.dueExplanation,
          basis: { citation: occurrence.ruleCitation ?? '', ...(occurrence.ruleUrl ? { url: occurrence.ruleUrl } : {}) },
          confidence: confidenceSchema.catch('unconfirmed').parse(occurrence.ruleConfidence),
          ownerName: assignment.owner.name,
          ...(escalation && input.notice.kind === 'overdue' && input.notice.escalation
            ? { escalatedTo: { role: input.notice.escalation.toRole, names: escalation.recipients.map((r) => r.name), ...(escalation.via ? { via: escalation.via } : {}) } }
            : {}),
          ...(input.notice.kind === 'overdue'
            ? { daysOverdue: Math.max(0, parseIsoDate(londonToday(sentAt)) - parseIsoDate(due)) }
            : { daysUntilDue: Math.max(0, parseIsoDate(due) - parseIsoDate(londonToday(sentAt))) }),
        };
        const { subject, text } = dutyNoticeText(facts);
        const to = [...new Set([assignment.owner.email, ...(escalation?.recipients.map((r) => r.email) ?? [])])];
        const ics = deadlineCalendar({
          uid: `occurrence-${occurrence.id}@duty-engine`,
          summary: `Due: ${facts.dutyTitle} (${facts.bodyName})`,
          description: text,
          date: due,
          ...(facts.dueTime ? { at: new Date(londonWallClockToUtc(due, facts.dueTime).epochMs) } : {}),
        });
        return { idempotencyKey: input.idempotencyKey, to, subject, text, ics };
      })();

    const receipt = await sendOnce(deps, notice, { assignmentId: assignment.id, occurrenceId: occurrence.id, step: input.notice.step });
    await appendAuditEvent(deps.prisma, {
      idempotencyKey: `${input.idempotencyKey}/sent`,
      kind: `notice.${input.notice.kind === 'overdue' && input.notice.escalation ? 'escalation' : input.notice.kind}`,
      subject: assignmentSubject(assignment.id),
      detail: { occurrenceId: occurrence.id, step: input.notice.step, fellDueAt: new Date(input.at).toISOString(), to: notice.to, subject: notice.subject, messageId: receipt.messageId, unresolvedRole: escalation?.unresolvedRole },
      occurredAt: deps.clock(),
    });
    return { messageId: receipt.messageId, recipients: notice.to, ...(escalation?.unresolvedRole ? { unresolvedRole: escalation.unresolvedRole } : {}) };
  };
}

type AssignmentPeople = {
  bodyId: string;
  manager: { email: string; name: string } | null;
  chair: { email: string; name: string } | null;
};

async function resolveEscalation(
  deps: OutboxDependencies,
  assignment: AssignmentPeople,
  step: { number: number; toRole: string },
): Promise<Escalation> {
  const holders = await roleHolders(deps.prisma, assignment.bodyId, step.toRole);
  if (holders.length > 0) return { recipients: holders.map(({ person }) => ({ email: person.email, name: person.name })) };
  const standIn = step.number === 1 ? { person: assignment.manager, via: 'manager' as const } : { person: assignment.chair, via: 'chair' as const };
  if (standIn.person) return { recipients: [{ email: standIn.person.email, name: standIn.person.name }], via: standIn.via };
  return { recipients: [], unresolvedRole: step.toRole };
}
