import { z } from 'zod';
import { actionRagSchema, actionStatusSchema } from '../../domain/actions/actionSchemas';
import { bodyIdSchema, emailSchema, isoDateSchema } from './common';

export const actionSourceSchema = z.enum(['review', 'strategy', 'meeting', 'agreement', 'other']);

/** `act-` and eight base32 letters, or an id a service derived (`act-<meeting>-r1`). */
export const actionIdSchema = z
  .string()
  .max(120)
  .regex(/^act-[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'expected an action id such as act-7kq2mzxd' });

export const addActionSchema = z.strictObject({
  body: bodyIdSchema,
  /** Where it comes from: a review recommendation, a strategy commitment, a meeting, the community safety agreement. */
  source: actionSourceSchema,
  /** What exactly it came from, e.g. `meeting:<id>`, `review:dhr-2026-03`. */
  sourceRef: z.string().trim().min(1).max(300).optional(),
  title: z.string().trim().min(1, 'say what is to be done').max(500),
  owner: emailSchema,
  due: isoDateSchema,
});
export type AddAction = z.infer<typeof addActionSchema>;

export const actionNoteViewSchema = z.strictObject({ text: z.string(), by: z.string().nullable(), at: z.string() });

export const actionSummarySchema = z.strictObject({
  id: z.string(),
  body: z.string(),
  source: actionSourceSchema,
  sourceRef: z.string().nullable(),
  title: z.string(),
  owner: z.string(),
  due: isoDateSchema,
  status: actionStatusSchema,
  /** on-track, at-risk or overdue while open (the body's threshold, today in London); closed when done or dropped. */
  rag: actionRagSchema,
  doneOn: isoDateSchema.nullable(),
  evidence: z.string().nullable(),
  workflowId: z.string().nullable(),
});
export type ActionSummary = z.infer<typeof actionSummarySchema>;

export const actionDetailSchema = actionSummarySchema.extend({ notes: z.array(actionNoteViewSchema) });
export type ActionDetail = z.infer<typeof actionDetailSchema>;

export const actionListSchema = z.array(actionSummarySchema);

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

export const actionQuerySchema = z.strictObject({
  body: bodyIdSchema.optional(),
  owner: emailSchema.optional(),
  status: actionStatusSchema.optional(),
  rag: actionRagSchema.optional(),
  /** `true`: only overdue actions (the same as rag=overdue). */
  overdue: flag.optional(),
});
export type ActionQuery = z.infer<typeof actionQuerySchema>;

export const actionParamsSchema = z.strictObject({ id: actionIdSchema });
