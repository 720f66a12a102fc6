import { z } from 'zod';
import { isoDateSchema } from '../domain/calendar/calendarSchemas';
import { dueNoticeSchema } from './dutyActivities';
import { reviewActionSchema, reviewCaseStateSchema } from './deathReview';

/** Inputs and results of the activities the `deathReview` workflow calls. */

const key = z.string().min(1).max(300);

export const reviewStepKindSchema = z.enum([
  'opened',
  'decision',
  'home-office',
  'panel',
  'agencies-requested',
  'agency-received',
  'overview-completed',
  'qa-submitted',
  'qa-returned',
  'qa-approved',
  'published',
  'commissioner-copy',
  'actions',
  'pause',
  'resume',
  'extend',
  'closed',
]);
export type ReviewStepKind = z.infer<typeof reviewStepKindSchema>;

/**
 * One step of a case, persisted once per idempotency key: a step row, its audit event (subject
 * `review:<caseId>`), the case row as the workflow now sees it, and for `actions` the Action rows.
 */
export const recordReviewStepInputSchema = z.strictObject({
  idempotencyKey: key,
  caseId: z.string().min(1),
  kind: reviewStepKindSchema,
  date: isoDateSchema.optional(),
  by: z.string().optional(),
  /** The Update's payload as accepted (or what the workflow derived). */
  detail: z.record(z.string(), z.unknown()),
  state: reviewCaseStateSchema.omit({ nextNotice: true }),
  actions: z.array(reviewActionSchema).optional(),
});
export type RecordReviewStepInput = z.infer<typeof recordReviewStepInputSchema>;

export const sendReviewNoticeInputSchema = z.strictObject({
  idempotencyKey: key,
  caseId: z.string().min(1),
  /** `decision`, `completion`, `commissioner-copy` or `agency:<id>`. */
  clock: z.string().min(1),
  due: isoDateSchema,
  notice: dueNoticeSchema,
  /** When the notice fell due by the plan (ms since the epoch). */
  at: z.int().min(0),
});
export type SendReviewNoticeInput = z.infer<typeof sendReviewNoticeInputSchema>;

export const sentReviewNoticeSchema = z.strictObject({ messageId: z.string(), recipients: z.array(z.string()) });
export type SentReviewNotice = z.infer<typeof sentReviewNoticeSchema>;
