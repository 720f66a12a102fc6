import { z } from 'zod';
import { bodyIdSchema, dueSchema, emailSchema, isoDateSchema } from './common';

/**
 * An occurrence's status as the API reports it: its recorded outcome, or, while it is open, `overdue`
 * once the deadline has passed (the domain's notion: from the morning after the due day, or from
 * its time for a timed rule) and `open` before. An ended assignment's open occurrence stays `open`.
 */
export const occurrenceStatusSchema = z.enum(['open', 'overdue', 'met', 'met-late', 'missed', 'not-required']);
export type OccurrenceStatus = z.infer<typeof occurrenceStatusSchema>;

export const occurrenceQuerySchema = z.strictObject({
  body: bodyIdSchema.optional(),
  owner: emailSchema.optional(),
  status: occurrenceStatusSchema.optional(),
  /** Due strictly before this date. */
  dueBefore: isoDateSchema.optional(),
  /** Due strictly after this date. */
  dueAfter: isoDateSchema.optional(),
});
export type OccurrenceQuery = z.infer<typeof occurrenceQuerySchema>;

export const occurrenceSchema = z.strictObject({
  id: z.string(),
  assignment: z.string(),
  sequence: z.int(),
  duty: z.string(),
  body: z.string(),
  owner: z.string(),
  opensOn: isoDateSchema,
  statutoryDue: isoDateSchema,
  dueTime: z.string().nullable(),
  agreedDue: isoDateSchema.nullable(),
  agreedDueReason: z.string().nullable(),
  /** The date that counts now: the agreed date when there is one, else the statutory date (with its time). */
  due: dueSchema,
  status: occurrenceStatusSchema,
  metOn: isoDateSchema.nullable(),
  evidence: z.string().nullable(),
  notes: z.string().nullable(),
  explanation: z.string(),
  rule: z.strictObject({ id: z.string().nullable(), citation: z.string().nullable(), confidence: z.string().nullable() }),
});
export type Occurrence = z.infer<typeof occurrenceSchema>;

export const occurrenceListSchema = z.array(occurrenceSchema);
