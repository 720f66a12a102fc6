import { ApplicationFailure } from '@temporalio/activity';
import { FailureType } from '../src/contracts/failures';
import { sendMeetingNoticeInputSchema, type SendMeetingNoticeInput, type SentMeetingMail } from '../src/contracts/meetingActivities';
import { isoDateOf } from '../src/db/enums';
import { dutyNoticeText, formatLongDate, londonToday, MEETING_CLOCK_TITLES, parseIsoDate } from '../src/domain';
import { appendAuditEvent } from './audit';
import { meetingSubject } from './meetingRecords';
import { sendOnce, storedNotice, type OutboxDependencies } from './outbox';
import { parseActivityInput } from './parseInput';
import { roleHolders } from './roleHolders';

/**
 * Sends a reminder, overdue notice or escalation about one of a meeting's deadlines to its
 * secretary (and, for an escalation, to the body's members who hold the role) once per key.
 */
export function createSendMeetingNoticeActivity(deps: OutboxDependencies) {
  return async function sendMeetingNotice(raw: SendMeetingNoticeInput): Promise<SentMeetingMail> {
    const input = parseActivityInput(sendMeetingNoticeInputSchema, raw, 'sendMeetingNotice');
    const meeting = await deps.prisma.meeting.findUnique({ where: { id: input.meetingId }, include: { body: true } });
    if (!meeting) throw ApplicationFailure.nonRetryable(`no meeting ${input.meetingId}`, FailureType.RecordMissing);
    const escalation = input.notice.kind === 'overdue' ? input.notice.escalation : undefined;
    const holders = escalation ? await roleHolders(deps.prisma, meeting.bodyId, escalation.toRole) : [];
    const notice =
      (await storedNotice(deps.prisma, input.idempotencyKey)) ??
      (() => {
        const { deadline } = input;
        const { subject, text } = dutyNoticeText({
          notice: input.notice,
          dutyTitle: `${MEETING_CLOCK_TITLES[deadline.clock]} for ${meeting.title} on ${formatLongDate(parseIsoDate(isoDateOf(meeting.startDate)))}`,
          bodyName: meeting.body.name,
          due: deadline.due,
          ...(deadline.dueTime ? { dueTime: deadline.dueTime } : {}),
          explanation: deadline.explanation,
          basis: deadline.basis,
          confidence: deadline.confidence,
          ownerName: meeting.secretaryEmail,
          ...(escalation ? { escalatedTo: { role: escalation.toRole, names: holders.map(({ person }) => person.name) } } : {}),
          ...(input.notice.kind === 'overdue' ? { daysOverdue: Math.max(0, parseIsoDate(londonToday(input.at)) - parseIsoDate(deadline.due)) } : {}),
        });
        const to = [...new Set([meeting.secretaryEmail, ...holders.map(({ person }) => person.email)])];
        return { idempotencyKey: input.idempotencyKey, to, subject, text };
      })();
    const receipt = await sendOnce(deps, notice);
    await appendAuditEvent(deps.prisma, {
      idempotencyKey: `${input.idempotencyKey}/sent`,
      kind: `notice.${escalation ? 'escalation' : input.notice.kind}`,
      subject: meetingSubject(meeting.id),
      detail: { deadline: input.deadline.clock, due: input.deadline.due, step: input.notice.step, fellDueAt: new Date(input.at).toISOString(), to: notice.to, subject: notice.subject, messageId: receipt.messageId },
      occurredAt: deps.clock(),
    });
    return { messageId: receipt.messageId, recipients: notice.to };
  };
}
