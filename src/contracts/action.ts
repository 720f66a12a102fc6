import { z } from 'zod';
import { actionRagSchema, actionStatusSchema } from '../domain/actions/actionSchemas';
import { isoDateSchema } from '../domain/calendar/calendarSchemas';
import { escalationStepSchema } from '../domain/catalogue/dutySchema';

/**
 * The contract of the `action` workflow: its input, its Updates' payloads, its state query and its
 * result. The workflow's Update validators run these schemas, so a bad payload never enters history.
 */

const reason = z.string().trim().min(1, 'give a reason').max(2_000);
/** Who did it, for the record. */
const by = z.email().max(320).optional();

export const actionInputSchema = z.strictObject({
  actionId: z.string().min(1).max(120),
  bodyId: z.string().min(1),
  due: isoDateSchema,
  /** The body's at-risk threshold when the action was added, for the state's RAG. */
  atRiskDays: z.int().min(0).max(365),
  /**
   * Whom an overdue action escalates to and when, captured when it is added (the default chain, or
   * its body's own). Absent in the inputs of actions added before chains existed.
   */
  escalation: z
    .array(escalationStepSchema)
    .min(1)
    .refine((steps) => steps.every((step, i) => i === 0 || step.afterDays > steps[i - 1]!.afterDays), { message: 'expected escalation steps in increasing order of afterDays' })
    .optional(),
});
export type ActionInput = z.infer<typeof actionInputSchema>;

/** A progress note. */
export const actionNoteSchema = z.strictObject({ text: z.string().trim().min(1, 'write the note').max(5_000), by });
export type ActionNote = z.infer<typeof actionNoteSchema>;

/** A new due date, always with the reason it moved. */
export const moveActionDueSchema = z.strictObject({ due: isoDateSchema, reason, by });
export type MoveActionDue = z.infer<typeof moveActionDueSchema>;

/** Done on `date`, with the evidence that shows it. */
export const completeActionSchema = z.strictObject({ date: isoDateSchema, evidence: z.string().trim().min(1).max(2_000).optional(), by });
export type CompleteAction = z.infer<typeof completeActionSchema>;

/** No longer to be done (overtaken, merged into another action), with why. */
export const dropActionSchema = z.strictObject({ reason, by });
export type DropAction = z.infer<typeof dropActionSchema>;

export const actionStateSchema = z.strictObject({
  actionId: z.string(),
  bodyId: z.string(),
  status: actionStatusSchema,
  rag: actionRagSchema,
  due: isoDateSchema,
  notes: z.int().min(0),
  /** The next notice the workflow will send, with its time (ISO, UTC). */
  nextNotice: z.strictObject({ step: z.string(), kind: z.string(), at: z.string() }).optional(),
  doneOn: isoDateSchema.optional(),
  closedReason: z.string().optional(),
});
export type ActionState = z.infer<typeof actionStateSchema>;

export const actionResultSchema = z.strictObject({ actionId: z.string(), status: z.enum(['done', 'dropped']), reason: z.string() });
export type ActionResult = z.infer<typeof actionResultSchema>;
