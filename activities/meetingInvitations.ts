import { sendMeetingInvitationInputSchema, type SendMeetingInvitationInput, type SentMeetingMail } from '../src/contracts/meetingActivities';
import { formatLongDate, londonWallClockToUtc, parseIsoDate } from '../src/domain';
import { meetingInvitationCalendar } from '../src/mail/meetingInvitation';
import { appendAuditEvent } from './audit';
import { meetingSubject } from './meetingRecords';
import { sendOnce, type OutboxDependencies } from './outbox';
import { parseActivityInput } from './parseInput';

/** The calendar entry's UID: one per meeting, so every update and the cancellation replace the same entry. */
export const meetingUid = (meetingId: string) => `meeting-${meetingId}@duty-engine`;

/**
 * Sends the meeting's invitation (iTIP REQUEST) or cancellation (CANCEL) to every member and
 * partner once per idempotency key. Everything in it comes from the input, with the workflow's
 * time as DTSTAMP, so a retry sends the same message.
 */
export function createSendMeetingInvitationActivity(deps: OutboxDependencies) {
  return async function sendMeetingInvitation(raw: SendMeetingInvitationInput): Promise<SentMeetingMail> {
    const input = parseActivityInput(sendMeetingInvitationInputSchema, raw, 'sendMeetingInvitation');
    const start = new Date(londonWallClockToUtc(input.start.date, input.start.time).epochMs);
    const when = `${formatLongDate(parseIsoDate(input.start.date))} at ${input.start.time} (London time)`;
    const [subject, opening] =
      input.method === 'CANCEL'
        ? [`Cancelled: ${input.title}, ${when}`, `This meeting is cancelled.`]
        : input.sequence === 0
          ? [`Invitation: ${input.title}, ${when}`, `You are invited to this meeting.`]
          : [`Updated invitation: ${input.title}, ${when}`, `This meeting has moved; the details below replace the earlier invitation.`];
    const text = [
      opening,
      ...(input.reason ? [`Reason: ${input.reason}`] : []),
      '',
      `Meeting: ${input.title}`,
      `When: ${when}, for ${input.durationMinutes} minutes`,
      `Where: ${input.location}`,
      `Organiser: ${input.organizer}`,
    ].join('\n');
    const ics = meetingInvitationCalendar({
      uid: meetingUid(input.meetingId),
      method: input.method,
      sequence: input.sequence,
      title: input.title,
      description: text,
      location: input.location,
      start,
      end: new Date(start.getTime() + input.durationMinutes * 60_000),
      organizer: { email: input.organizer },
      attendees: input.invitees,
      stamp: new Date(input.at),
    });
    const to = input.invitees.map((invitee) => invitee.email);
    const receipt = await sendOnce(deps, { idempotencyKey: input.idempotencyKey, to, subject, text: `${text}\n`, ics, icsMethod: input.method });
    await appendAuditEvent(deps.prisma, {
      idempotencyKey: `${input.idempotencyKey}/sent`,
      kind: input.method === 'CANCEL' ? 'meeting.cancellation-sent' : 'meeting.invitation-sent',
      subject: meetingSubject(input.meetingId),
      detail: { method: input.method, sequence: input.sequence, to, subject, messageId: receipt.messageId },
      occurredAt: deps.clock(),
    });
    return { messageId: receipt.messageId, recipients: to };
  };
}
