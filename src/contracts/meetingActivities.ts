import { z } from 'zod';
import { isoDateSchema } from '../domain/calendar/calendarSchemas';
import { meetingClockSchema } from '../domain/meetings/meetingDefinition';
import { dueNoticeSchema } from './dutyActivities';
import { inviteeSchema, meetingDeadlineStateSchema, meetingStartSchema, recordMeetingSchema, scrutinyOutcomeSchema } from './meeting';

/** Inputs and results of the activities the `meeting` workflow calls. */

const key = z.string().min(1).max(300);
const by = z.string().optional();
const change = <Kind extends string, Shape extends z.ZodRawShape>(kind: Kind, shape: Shape) => z.strictObject({ kind: z.literal(kind), ...shape });

/** A change to a meeting, persisted once per idempotency key with its audit event (subject `meeting:<id>`). */
export const meetingChangeSchema = z.discriminatedUnion('kind', [
  change('deadlines', { deadlines: z.array(meetingDeadlineStateSchema) }),
  change('reschedule', { start: meetingStartSchema, sequence: z.int().min(1), reason: z.string().min(1), by, deadlines: z.array(meetingDeadlineStateSchema) }),
  change('cancel', { sequence: z.int().min(1), reason: z.string().min(1), by }),
  change('deadline-met', { deadline: meetingClockSchema, date: isoDateSchema, evidence: z.string().optional(), by }),
  change('held', { heldOn: isoDateSchema, record: recordMeetingSchema }),
  change('scrutiny', { outcome: scrutinyOutcomeSchema }),
]);
export type MeetingChange = z.infer<typeof meetingChangeSchema>;

export const recordMeetingChangeInputSchema = z.strictObject({ idempotencyKey: key, meetingId: z.string().min(1), change: meetingChangeSchema });
export type RecordMeetingChangeInput = z.infer<typeof recordMeetingChangeInputSchema>;

/** An invitation (REQUEST) or cancellation (CANCEL) of the meeting as it stands, to every invitee. */
export const sendMeetingInvitationInputSchema = z.strictObject({
  idempotencyKey: key,
  meetingId: z.string().min(1),
  method: z.enum(['REQUEST', 'CANCEL']),
  /** RFC 5545 SEQUENCE: 0 for the first invitation, one more for each change. */
  sequence: z.int().min(0),
  title: z.string().min(1),
  start: meetingStartSchema,
  durationMinutes: z.int().min(1),
  location: z.string().min(1),
  organizer: z.email(),
  invitees: z.array(inviteeSchema).min(1),
  /** Why it moved or was cancelled, for the email. */
  reason: z.string().optional(),
  /** When the workflow decided to send it (ms since the epoch): the iCalendar DTSTAMP, the same on every retry. */
  at: z.int().min(0),
});
export type SendMeetingInvitationInput = z.infer<typeof sendMeetingInvitationInputSchema>;

export const sendMeetingNoticeInputSchema = z.strictObject({
  idempotencyKey: key,
  meetingId: z.string().min(1),
  deadline: meetingDeadlineStateSchema,
  notice: dueNoticeSchema,
  /** When the notice fell due by the plan (ms since the epoch). */
  at: z.int().min(0),
});
export type SendMeetingNoticeInput = z.infer<typeof sendMeetingNoticeInputSchema>;

export const sentMeetingMailSchema = z.strictObject({ messageId: z.string(), recipients: z.array(z.string()) });
export type SentMeetingMail = z.infer<typeof sentMeetingMailSchema>;

export const recordCrimeDisorderScrutinyInputSchema = z.strictObject({
  meetingId: z.string().min(1),
  bodyId: z.string().min(1),
  heldOn: isoDateSchema,
});
export type RecordCrimeDisorderScrutinyInput = z.infer<typeof recordCrimeDisorderScrutinyInputSchema>;
