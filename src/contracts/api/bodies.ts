import { z } from 'zod';
import { bodyIdSchema } from './common';

export const bodyKindSchema = z.enum(['council', 'community-safety-partnership', 'board', 'committee', 'panel']);
export type BodyKind = z.infer<typeof bodyKindSchema>;

export const createBodySchema = z.strictObject({
  id: bodyIdSchema,
  name: z.string().trim().min(1, 'give the body a name').max(200),
  kind: bodyKindSchema,
  /** The body it sits under, e.g. a CSP under its county's board. */
  parent: bodyIdSchema.optional(),
});
export type CreateBody = z.infer<typeof createBodySchema>;

export const bodySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: bodyKindSchema,
  parent: z.string().nullable(),
});
export type Body = z.infer<typeof bodySchema>;

export const bodyListSchema = z.array(bodySchema);

export const bodyMemberSchema = z.strictObject({ email: z.string(), name: z.string(), role: z.string() });

export const bodyDetailSchema = bodySchema.extend({
  children: z.array(z.string()),
  members: z.array(bodyMemberSchema),
});
export type BodyDetail = z.infer<typeof bodyDetailSchema>;

export const bodyParamsSchema = z.strictObject({ id: bodyIdSchema });
