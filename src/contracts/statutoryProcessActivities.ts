import { z } from 'zod';
import { isoDateSchema } from '../domain/calendar/calendarSchemas';
import { dueNoticeSchema } from './dutyActivities';
import { processStateSchema } from './statutoryProcess';

/** Inputs of the activities the `statutoryProcess` workflow calls. */

const key = z.string().min(1).max(300);

export const processStepKindSchema = z.enum(['cycle-opened', 'stage-completed', 'response', 'date-set', 'reassigned', 'paused', 'resumed', 'cycle-closed']);
export type ProcessStepKind = z.infer<typeof processStepKindSchema>;

/** One step, persisted once per key: its audit event (subject `process:<id>`), its step row, and the process, stages and responses as the workflow now sees them. */
export const recordProcessStepInputSchema = z.strictObject({
  idempotencyKey: key,
  processId: z.string().min(1),
  kind: processStepKindSchema,
  stage: z.string().optional(),
  date: isoDateSchema.optional(),
  by: z.string().optional(),
  detail: z.record(z.string(), z.unknown()),
  state: processStateSchema.omit({ nextNotice: true }),
});
export type RecordProcessStepInput = z.infer<typeof recordProcessStepInputSchema>;

export const sendProcessNoticeInputSchema = z.strictObject({
  idempotencyKey: key,
  processId: z.string().min(1),
  cycle: z.int().min(1),
  cycleStart: isoDateSchema,
  /** `stage:<id>` or `party:<stage>:<party>`. */
  clock: z.string().min(1),
  due: isoDateSchema,
  notice: dueNoticeSchema,
  /** The stage's owner when someone was named for it; else the holders of its role. */
  owner: z.string().optional(),
  /** When the notice fell due by the plan (ms since the epoch). */
  at: z.int().min(0),
});
export type SendProcessNoticeInput = z.infer<typeof sendProcessNoticeInputSchema>;

export const sentProcessNoticeSchema = z.strictObject({ messageId: z.string(), recipients: z.array(z.string()) });
export type SentProcessNotice = z.infer<typeof sentProcessNoticeSchema>;
