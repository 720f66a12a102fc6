import { z } from 'zod';
import { isoDateSchema } from '../domain/calendar/calendarSchemas';
import { dueNoticeSchema } from './dutyActivities';

/** Inputs and results of the activities the `action` and `weeklyActionDigest` workflows call. */

const key = z.string().min(1).max(300);
const by = z.string().optional();
const change = <Kind extends string, Shape extends z.ZodRawShape>(kind: Kind, shape: Shape) => z.strictObject({ kind: z.literal(kind), ...shape });

/** A change to an action, persisted once per idempotency key with its audit event (subject `action:<id>`). */
export const actionChangeSchema = z.discriminatedUnion('kind', [
  change('note', { text: z.string().min(1), by }),
  change('due', { due: isoDateSchema, previousDue: isoDateSchema, reason: z.string().min(1), by }),
  change('done', { date: isoDateSchema, evidence: z.string().optional(), by }),
  change('dropped', { reason: z.string().min(1), by }),
]);
export type ActionChange = z.infer<typeof actionChangeSchema>;

export const recordActionChangeInputSchema = z.strictObject({ idempotencyKey: key, actionId: z.string().min(1), change: actionChangeSchema });
export type RecordActionChangeInput = z.infer<typeof recordActionChangeInputSchema>;

export const sendActionNoticeInputSchema = z.strictObject({
  idempotencyKey: key,
  actionId: z.string().min(1),
  notice: dueNoticeSchema,
  /** When the notice fell due by the plan (ms since the epoch). */
  at: z.int().min(0),
});
export type SendActionNoticeInput = z.infer<typeof sendActionNoticeInputSchema>;

export const sentActionNoticeSchema = z.strictObject({ messageId: z.string(), recipients: z.array(z.string()) });
export type SentActionNotice = z.infer<typeof sentActionNoticeSchema>;

/** The digest of the week starting `week` (a Monday), with RAG as on `today`. */
export const sendActionDigestsInputSchema = z.strictObject({ today: isoDateSchema, week: isoDateSchema });
export type SendActionDigestsInput = z.infer<typeof sendActionDigestsInputSchema>;

export const sentActionDigestsSchema = z.strictObject({
  /** The managers a digest went to (or had already gone to this week), by email. */
  managers: z.array(z.string()),
});
export type SentActionDigests = z.infer<typeof sentActionDigestsSchema>;
