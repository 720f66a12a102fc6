import { z } from 'zod';
import { isoDateSchema } from '../domain/calendar/calendarSchemas';
import { dutyDefinitionSchema, dutyStatusSchema } from '../domain/duties/dutyDefinitionSchema';

/**
 * The contract of the `dutyAssignment` workflow: its input, its Updates' payloads, its state query
 * and its result. Clients (the API, tests) and the workflow share these schemas; the workflow's
 * Update validators run them, so a bad payload is refused before it enters history.
 */

const reason = z.string().trim().min(1, 'give a reason').max(2_000);
/** Who did it, for the record; the API fills it in from the caller. */
const by = z.email().max(320).optional();

export const dutyAssignmentInputSchema = z.strictObject({
  assignmentId: z.string().min(1).max(100),
  bodyId: z.string().min(1),
  dutyId: z.string().min(1),
  /** The duty as the catalogue had it when this occurrence opened. */
  definition: dutyDefinitionSchema,
  occurrence: z.strictObject({
    sequence: z.int().min(1),
    /** The anchor the due date counts from. */
    opensOn: isoDateSchema,
    /** For a duty whose due date nothing computes: the date given when it was assigned. */
    givenDue: isoDateSchema.optional(),
  }),
  /** Carried across continue-as-new: a paused assignment stays paused into its next occurrence. */
  pause: z.strictObject({ reason }).optional(),
});
export type DutyAssignmentInput = z.infer<typeof dutyAssignmentInputSchema>;

/** met or not-required as the person records it; met-late is derived from the date. missed needs notes. */
export const recordOutcomeSchema = z
  .strictObject({
    outcome: z.enum(['met', 'not-required', 'missed']),
    date: isoDateSchema,
    evidence: z.string().trim().min(1).max(2_000).optional(),
    notes: z.string().trim().min(1).max(5_000).optional(),
    by,
  })
  .refine((value) => value.outcome === 'met' || value.notes !== undefined, {
    message: 'say why in notes when the outcome is not-required or missed',
    path: ['notes'],
  });
export type RecordOutcome = z.infer<typeof recordOutcomeSchema>;

/** reschedule: the statutory date moves (a meeting moved). extend: an agreed date after the statutory one. */
export const moveDueSchema = z.strictObject({ due: isoDateSchema, reason, by });
export type MoveDue = z.infer<typeof moveDueSchema>;

export const pauseSchema = z.strictObject({ reason, by });
export type Pause = z.infer<typeof pauseSchema>;

export const resumeSchema = z.strictObject({ by });
export type Resume = z.infer<typeof resumeSchema>;

export const endSchema = z.strictObject({ reason, by });
export type End = z.infer<typeof endSchema>;

/** New people by email; `null` removes the manager or chair. */
export const reassignSchema = z
  .strictObject({
    owner: z.email().optional(),
    manager: z.email().nullable().optional(),
    chair: z.email().nullable().optional(),
    by,
  })
  .refine((value) => value.owner !== undefined || value.manager !== undefined || value.chair !== undefined, {
    message: 'name a new owner, manager or chair',
  });
export type Reassign = z.infer<typeof reassignSchema>;

export const occurrenceOutcomeSchema = z.enum(['met', 'met-late', 'missed', 'not-required']);

export const recordedOutcomeSchema = z.strictObject({
  sequence: z.int(),
  status: occurrenceOutcomeSchema,
  /** Where the next occurrence opens; absent when the duty does not recur. */
  nextOpensOn: isoDateSchema.optional(),
});
export type RecordedOutcome = z.infer<typeof recordedOutcomeSchema>;

export const dutyAssignmentStateSchema = z.strictObject({
  assignmentId: z.string(),
  dutyId: z.string(),
  bodyId: z.string(),
  status: dutyStatusSchema,
  pauseReason: z.string().optional(),
  occurrence: z.strictObject({
    sequence: z.int(),
    id: z.string().optional(),
    opensOn: isoDateSchema,
    statutoryDue: isoDateSchema,
    dueTime: z.string().optional(),
    agreedDue: isoDateSchema.optional(),
    /** The date that counts now. */
    due: isoDateSchema,
  }),
  /** The next notice the workflow will send, with its time (ISO, UTC). */
  nextNotice: z.strictObject({ step: z.string(), kind: z.string(), at: z.string() }).optional(),
  /** Escalation roles nobody in the body holds (and no manager or chair stood in for). */
  unresolvedRoles: z.array(z.string()),
  lastOutcome: recordedOutcomeSchema.optional(),
});
export type DutyAssignmentState = z.infer<typeof dutyAssignmentStateSchema>;

export const dutyAssignmentResultSchema = z.strictObject({
  assignmentId: z.string(),
  endedBecause: z.string(),
  occurrences: z.int(),
});
export type DutyAssignmentResult = z.infer<typeof dutyAssignmentResultSchema>;
