import { z } from 'zod';
import { isoDateSchema } from '../domain/calendar/calendarSchemas';
import { confidenceSchema, legalBasisSchema } from '../domain/legalBasis';
import { meetingClockSchema, meetingDefinitionSchema } from '../domain/meetings/meetingDefinition';

/**
 * The contract of the `meeting` workflow: its input, its Updates' payloads, its state query and its
 * result. The workflow's Update validators run these schemas, so a bad payload never enters history.
 */

const reason = z.string().trim().min(1, 'give a reason').max(2_000);
/** Who did it, for the record; the API fills it in from the caller. */
const by = z.email().max(320).optional();
const text = (max: number) => z.string().trim().min(1).max(max);

/** A London wall-clock date and time. */
export const meetingStartSchema = z.strictObject({
  date: isoDateSchema,
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a London wall-clock time written HH:mm (24-hour)' }),
});
export type MeetingStart = z.infer<typeof meetingStartSchema>;

export const inviteeSchema = z.strictObject({
  email: z.email().max(320),
  name: text(200).optional(),
  /** Members of the body take part; partners (e.g. the CSP's responsible authorities) are invited to attend. */
  kind: z.enum(['member', 'partner']),
});
export type Invitee = z.infer<typeof inviteeSchema>;

export const meetingInputSchema = z.strictObject({
  meetingId: z.string().min(1).max(100),
  bodyId: z.string().min(1),
  title: text(300),
  start: meetingStartSchema,
  durationMinutes: z.int().min(15).max(12 * 60),
  location: text(500),
  /** The meeting's secretary: organiser of the invitations, recipient of the deadline notices. */
  secretary: z.email().max(320),
  invitees: z.array(inviteeSchema).min(1),
  /** The rules, reminders and settings as they were when the meeting was scheduled. */
  definition: meetingDefinitionSchema,
});
export type MeetingInput = z.infer<typeof meetingInputSchema>;

export const rescheduleMeetingSchema = z.strictObject({ start: meetingStartSchema, reason, by });
export type RescheduleMeeting = z.infer<typeof rescheduleMeetingSchema>;

export const cancelMeetingSchema = z.strictObject({ reason, by });
export type CancelMeeting = z.infer<typeof cancelMeetingSchema>;

/** One deadline met (the agenda published, the minutes out): its reminders and escalation stop. */
export const meetDeadlineSchema = z.strictObject({ deadline: meetingClockSchema, date: isoDateSchema, evidence: text(2_000).optional(), by });
export type MeetDeadline = z.infer<typeof meetDeadlineSchema>;

export const attendanceSchema = z.strictObject({
  name: text(200),
  email: z.email().max(320).optional(),
  status: z.enum(['present', 'apologies', 'absent']),
  /** e.g. "Chair", "Police representative". */
  role: text(200).optional(),
});

/** Interests as the Localism Act 2011 and members' codes of conduct name them. */
export const declarationSchema = z.strictObject({
  member: text(200),
  item: text(500),
  interest: z.enum(['disclosable-pecuniary', 'other-registrable', 'non-registrable']),
  detail: text(2_000).optional(),
});

export const decisionSchema = z.strictObject({
  item: text(500).optional(),
  text: text(5_000),
  /** A key decision (SI 2012/2089 reg 8): recorded with its reasons (reg 12). */
  key: z.boolean().default(false),
});

/** The seed of an action plan: what was recommended, and to whom and by when if said. */
export const recommendationSchema = z.strictObject({
  text: text(5_000),
  owner: z.email().max(320).optional(),
  due: isoDateSchema.optional(),
});

export const recordMeetingSchema = z.strictObject({
  attendance: z.array(attendanceSchema).min(1, 'record who attended'),
  declarations: z.array(declarationSchema).default([]),
  decisions: z.array(decisionSchema).default([]),
  recommendations: z.array(recommendationSchema).default([]),
  by,
});
export type RecordMeeting = z.input<typeof recordMeetingSchema>;
export type MeetingRecord = z.output<typeof recordMeetingSchema>;

/** What recording a held meeting did to the body's crime and disorder scrutiny duty. */
export const scrutinyOutcomeSchema = z.discriminatedUnion('result', [
  z.strictObject({ result: z.literal('recorded'), date: isoDateSchema, nextOpensOn: isoDateSchema.optional() }),
  z.strictObject({ result: z.literal('not-assigned') }),
  z.strictObject({ result: z.literal('already-recorded') }),
  z.strictObject({ result: z.literal('refused'), reason: z.string() }),
]);
export type ScrutinyOutcome = z.infer<typeof scrutinyOutcomeSchema>;

export const recordedMeetingSchema = z.strictObject({ heldOn: isoDateSchema, scrutiny: scrutinyOutcomeSchema });
export type RecordedMeeting = z.infer<typeof recordedMeetingSchema>;

export const meetingDeadlineStateSchema = z.strictObject({
  clock: meetingClockSchema,
  ruleId: z.string(),
  /** `YYYY-MM-DD` */
  due: isoDateSchema,
  /** `HH:mm` London time, for deadlines with a time. */
  dueTime: z.string().optional(),
  basis: legalBasisSchema,
  confidence: confidenceSchema,
  explanation: z.string(),
  metOn: isoDateSchema.optional(),
});
export type MeetingDeadlineState = z.infer<typeof meetingDeadlineStateSchema>;

export const meetingStatusSchema = z.enum(['scheduled', 'held', 'cancelled']);

export const meetingStateSchema = z.strictObject({
  meetingId: z.string(),
  bodyId: z.string(),
  status: meetingStatusSchema,
  start: meetingStartSchema,
  /** The iCalendar SEQUENCE of the latest invitation or cancellation. */
  sequence: z.int().min(0),
  deadlines: z.array(meetingDeadlineStateSchema),
  /** The next deadline notice the workflow will send, with its time (ISO, UTC). */
  nextNotice: z.strictObject({ deadline: meetingClockSchema, step: z.string(), kind: z.string(), at: z.string() }).optional(),
  cancelReason: z.string().optional(),
  record: recordedMeetingSchema.optional(),
});
export type MeetingState = z.infer<typeof meetingStateSchema>;

export const meetingResultSchema = z.strictObject({ meetingId: z.string(), status: meetingStatusSchema, reason: z.string() });
export type MeetingResult = z.infer<typeof meetingResultSchema>;
