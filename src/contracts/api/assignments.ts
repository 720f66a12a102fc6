import { z } from 'zod';
import { dutyStatusSchema } from '../../domain/duties/dutyDefinitionSchema';
import { assignmentIdSchema, bodyIdSchema, dueSchema, emailSchema, isoDateSchema } from './common';
import { occurrenceSchema } from './occurrences';

export const createAssignmentSchema = z.strictObject({
  duty: z.string().min(1).max(100),
  body: bodyIdSchema,
  owner: emailSchema,
  manager: emailSchema.optional(),
  chair: emailSchema.optional(),
  /** The anchor of the first occurrence (as `duties deadline --from`); default: today in London. */
  from: isoDateSchema.optional(),
  /** Only for a duty whose due date nothing computes (it follows an event and names no rule). */
  due: isoDateSchema.optional(),
});
export type CreateAssignment = z.infer<typeof createAssignmentSchema>;

export const createdAssignmentSchema = z.strictObject({
  id: z.string(),
  duty: z.string(),
  body: z.string(),
  /** The first occurrence's due date, as `duties deadline <rule> --from <from>` gives it. */
  due: dueSchema,
  workflowId: z.string(),
});
export type CreatedAssignment = z.infer<typeof createdAssignmentSchema>;

export const assignmentQuerySchema = z.strictObject({
  body: bodyIdSchema.optional(),
  duty: z.string().min(1).max(100).optional(),
  owner: emailSchema.optional(),
  status: dutyStatusSchema.optional(),
});
export type AssignmentQuery = z.infer<typeof assignmentQuerySchema>;

export const assignmentSummarySchema = z.strictObject({
  id: z.string(),
  duty: z.string(),
  body: z.string(),
  owner: z.string(),
  manager: z.string().nullable(),
  chair: z.string().nullable(),
  /** upcoming, due-soon, overdue, paused or ended: the status the workflow publishes as `DutyStatus`. */
  status: dutyStatusSchema,
  /** The date that counts now for the open occurrence; null before the first one is recorded. */
  due: dueSchema.nullable(),
  workflowId: z.string(),
});
export type AssignmentSummary = z.infer<typeof assignmentSummarySchema>;

export const assignmentListSchema = z.array(assignmentSummarySchema);

export const nextReminderSchema = z.strictObject({
  /** ISO instant (UTC). */
  at: z.string(),
  /** e.g. `reminder-30`, `overdue`, `escalation-1`. */
  step: z.string(),
  kind: z.string(),
});

export const assignmentDetailSchema = assignmentSummarySchema.extend({
  /** Why it is paused or ended. */
  statusReason: z.string().nullable(),
  agreedDue: isoDateSchema.nullable(),
  /** The next notice the workflow will send; null when paused, ended or not running. */
  nextReminder: nextReminderSchema.nullable(),
  /** Escalation roles nobody in the body holds. */
  unresolvedRoles: z.array(z.string()),
  /** True when status, dates and next reminder come from the running workflow, false when from the database. */
  live: z.boolean(),
  occurrences: z.array(occurrenceSchema),
});
export type AssignmentDetail = z.infer<typeof assignmentDetailSchema>;

export const assignmentParamsSchema = z.strictObject({ id: assignmentIdSchema });

export const auditEventSchema = z.strictObject({
  kind: z.string(),
  occurredAt: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export const auditTrailSchema = z.array(auditEventSchema);
export type AuditEvent = z.infer<typeof auditEventSchema>;
