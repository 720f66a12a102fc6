import { z } from 'zod';
import { isoDateSchema } from '../domain/calendar/calendarSchemas';
import { idSchema } from '../domain/legalBasis';
import { reviewRulesSchema } from '../domain/reviews/reviewRules';

/**
 * The contract of the `deathReview` workflow (Domestic Homicide Reviews, to become Domestic Abuse
 * Related Death Reviews): its input, its Updates' payloads, its state query and its result. The
 * Update validators run these schemas, so a bad payload never enters history. Cases are known by a
 * pseudonymised reference only: no schema here takes a victim's or a family member's name.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
/** Who did it, for the record; the API fills it in from the caller. */
const by = z.email().max(320).optional();

/** A pseudonymised reference such as DHR-2026-03: letters, digits and hyphens, with at least one digit, so a name cannot pass. */
export const reviewReferenceSchema = z
  .string()
  .max(40)
  .regex(/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, { message: 'expected a pseudonymised reference of letters, digits and hyphens, e.g. DHR-2026-03 (never a name)' })
  .refine((reference) => /\d/.test(reference), { message: 'expected a pseudonymised reference with a number in it, e.g. DHR-2026-03 (never a name)' });

export const deathReviewInputSchema = z.strictObject({
  /** `<partnership>:<reference>`, also the audit subject `review:<caseId>`. */
  caseId: z.string().min(1),
  partnershipId: z.string().min(1),
  reference: reviewReferenceSchema,
  notifiedOn: isoDateSchema,
  notifyingBody: text(200),
  /** Who coordinates the case: the reminders go to them. */
  coordinator: z.email().max(320),
  /** The rule version the case was opened under, captured whole. */
  rules: reviewRulesSchema,
  /** The partnership's review roles whose holders may see the case. */
  accessRoles: z.array(text(100)).min(1),
});
export type DeathReviewInput = z.infer<typeof deathReviewInputSchema>;

const dated = { date: isoDateSchema, by };

export const decideReviewSchema = z.strictObject({ review: z.boolean(), reasons: text(5_000), ...dated });
export type DecideReview = z.infer<typeof decideReviewSchema>;

/** A step that happened on a date: the Home Office told, the report completed, submitted, approved, the Commissioner's copy sent. */
export const reviewStepSchema = z.strictObject(dated);
export type ReviewStep = z.infer<typeof reviewStepSchema>;

export const appointPanelSchema = z.strictObject({
  chair: text(200),
  /** The agencies on the panel. */
  panel: z.array(text(200)).min(1, 'name the agencies on the panel'),
  ...dated,
});
export type AppointPanel = z.infer<typeof appointPanelSchema>;

export const reviewAgencySchema = z.strictObject({
  agencyId: idSchema,
  name: text(200),
  /** Who at the agency is chased when its records are late. */
  contact: z.email().max(320),
  due: isoDateSchema,
});

export const requestAgencyRecordsSchema = z.strictObject({ agencies: z.array(reviewAgencySchema).min(1), ...dated });
export type RequestAgencyRecords = z.infer<typeof requestAgencyRecordsSchema>;

export const receiveAgencyRecordsSchema = z.strictObject({ agencyId: idSchema, ...dated });
export type ReceiveAgencyRecords = z.infer<typeof receiveAgencyRecordsSchema>;

/** The Quality Assurance Panel's letter asked for changes. */
export const returnReviewSchema = z.strictObject({ changes: text(5_000), ...dated });
export type ReturnReview = z.infer<typeof returnReviewSchema>;

export const publishReviewSchema = z.strictObject({ url: z.url().max(2_000), ...dated });
export type PublishReview = z.infer<typeof publishReviewSchema>;

export const reviewActionSchema = z.strictObject({ title: text(1_000), owner: z.email().max(320).toLowerCase(), due: isoDateSchema });

/** The recommendations as actions of the partnership's action plan. */
export const recordReviewActionsSchema = z.strictObject({ actions: z.array(reviewActionSchema).min(1), by });
export type RecordReviewActions = z.infer<typeof recordReviewActionsSchema>;

export const pauseReviewSchema = z.strictObject({
  reason: z.enum(['criminal-proceedings', 'inquest', 'other']),
  detail: text(2_000).optional(),
  by,
});
export type PauseReview = z.infer<typeof pauseReviewSchema>;

export const resumeReviewSchema = z.strictObject({ by });
export type ResumeReview = z.infer<typeof resumeReviewSchema>;

export const extendReviewSchema = z.strictObject({ due: isoDateSchema, reason: text(2_000), by });
export type ExtendReview = z.infer<typeof extendReviewSchema>;

export const reviewStageSchema = z.enum([
  'awaiting-decision',
  'awaiting-home-office',
  'in-review',
  'paused',
  'report-completed',
  'in-quality-assurance',
  'returned',
  'approved',
  'published',
  'closed',
]);
export type ReviewStage = z.infer<typeof reviewStageSchema>;

const clockDate = z.strictObject({ due: isoDateSchema });

export const reviewCaseStateSchema = z.strictObject({
  caseId: z.string(),
  partnershipId: z.string(),
  reference: z.string(),
  rulesId: z.string(),
  stage: reviewStageSchema,
  notifiedOn: isoDateSchema,
  decision: clockDate.extend({ review: z.boolean().optional(), decidedOn: isoDateSchema.optional(), reasons: z.string().optional() }),
  homeOfficeNotifiedOn: isoDateSchema.optional(),
  panel: z.strictObject({ chair: z.string(), agencies: z.array(z.string()), appointedOn: isoDateSchema }).optional(),
  completion: z
    .strictObject({
      statutoryDue: isoDateSchema,
      /** The statutory date moved by the days paused, or the date an extension agreed. */
      agreedDue: isoDateSchema,
      daysPaused: z.int().min(0),
      pausedOn: isoDateSchema.optional(),
      pauseReason: z.string().optional(),
      extensionReason: z.string().optional(),
    })
    .optional(),
  agencies: z.array(z.strictObject({ agencyId: z.string(), name: z.string(), contact: z.string(), requestedOn: isoDateSchema, due: isoDateSchema, receivedOn: isoDateSchema.optional() })),
  overviewCompletedOn: isoDateSchema.optional(),
  qualityAssurance: z.strictObject({ submissions: z.int().min(0), returns: z.int().min(0), approvedOn: isoDateSchema.optional() }),
  publication: z.strictObject({ publishedOn: isoDateSchema, url: z.string() }).optional(),
  commissionerCopy: z.strictObject({ due: isoDateSchema, sentOn: isoDateSchema.optional() }).optional(),
  actions: z.int().min(0),
  accessRoles: z.array(z.string()),
  /** The next notice the workflow will send, with its time (ISO, UTC). */
  nextNotice: z.strictObject({ clock: z.string(), step: z.string(), kind: z.string(), at: z.string() }).optional(),
});
export type ReviewCaseState = z.infer<typeof reviewCaseStateSchema>;

export const deathReviewResultSchema = z.strictObject({ caseId: z.string(), closedOn: isoDateSchema, reason: z.string() });
export type DeathReviewResult = z.infer<typeof deathReviewResultSchema>;
