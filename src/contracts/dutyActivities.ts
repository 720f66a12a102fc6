import { z } from 'zod';
import { isoDateSchema } from '../domain/calendar/calendarSchemas';
import { confidenceSchema, legalBasisSchema } from '../domain/legalBasis';
import { occurrenceOutcomeSchema } from './dutyAssignment';

/** Inputs and results of the activities the `dutyAssignment` workflow calls. */

const key = z.string().min(1).max(300);

export const openOccurrenceInputSchema = z.strictObject({
  assignmentId: z.string().min(1),
  sequence: z.int().min(1),
  opensOn: isoDateSchema,
  statutoryDue: isoDateSchema,
  dueTime: z.string().regex(/^\d\d:\d\d$/).optional(),
  ruleId: z.string().optional(),
  basis: legalBasisSchema,
  confidence: confidenceSchema,
  explanation: z.string().min(1),
});
export type OpenOccurrenceInput = z.infer<typeof openOccurrenceInputSchema>;

const escalationPointSchema = z.strictObject({ number: z.int().min(1), afterDays: z.int().min(0), toRole: z.string().min(1) });

export const dueNoticeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('reminder'), step: z.string().min(1), leadDays: z.int().min(0) }),
  z.strictObject({ kind: z.literal('overdue'), step: z.string().min(1), escalation: escalationPointSchema.optional() }),
]);

export const sendDutyNoticeInputSchema = z.strictObject({
  idempotencyKey: key,
  assignmentId: z.string().min(1),
  occurrenceId: z.uuid(),
  notice: dueNoticeSchema,
  /** When the notice fell due by the plan (ms since the epoch), for "N days overdue" and the audit trail. */
  at: z.int().min(0),
  /** Workflow time when it is sent; later than `at` for a catch-up notice. Absent in older histories: then `at`. */
  sentAt: z.int().min(0).optional(),
});
export type SendDutyNoticeInput = z.infer<typeof sendDutyNoticeInputSchema>;

export const sentDutyNoticeSchema = z.strictObject({
  messageId: z.string(),
  recipients: z.array(z.string()),
  /** The escalation role nobody holds, when the notice could only go to the owner. */
  unresolvedRole: z.string().optional(),
});
export type SentDutyNotice = z.infer<typeof sentDutyNoticeSchema>;

const change = <Kind extends string, Shape extends z.ZodRawShape>(kind: Kind, shape: Shape) =>
  z.strictObject({ kind: z.literal(kind), ...shape });
const reason = z.string().min(1);
const by = z.string().optional();

/** A change to an assignment or its occurrence, persisted once per idempotency key with its audit event. */
export const dutyChangeSchema = z.discriminatedUnion('kind', [
  change('outcome', {
    status: occurrenceOutcomeSchema,
    date: isoDateSchema,
    evidence: z.string().optional(),
    notes: z.string().optional(),
    by,
  }),
  change('reschedule', { due: isoDateSchema, reason, by }),
  change('extend', { due: isoDateSchema, reason, by }),
  change('pause', { reason, by }),
  change('resume', { by }),
  change('reassign', { owner: z.string().optional(), manager: z.string().nullable().optional(), chair: z.string().nullable().optional(), by }),
  change('end', { reason, by }),
]);
export type DutyChange = z.infer<typeof dutyChangeSchema>;

export const recordDutyChangeInputSchema = z.strictObject({
  idempotencyKey: key,
  assignmentId: z.string().min(1),
  /** The open occurrence the change is about; absent for changes to the assignment alone before one opens. */
  occurrenceId: z.uuid().optional(),
  change: dutyChangeSchema,
});
export type RecordDutyChangeInput = z.infer<typeof recordDutyChangeInputSchema>;

export const currentDutyDefinitionInputSchema = z.strictObject({ dutyId: z.string().min(1), bodyId: z.string().min(1) });
export type CurrentDutyDefinitionInput = z.infer<typeof currentDutyDefinitionInputSchema>;
