import { z } from 'zod';
import { bodyIdSchema, emailSchema } from './common';

/** Any role is accepted; escalation steps find members by the catalogue's role names, exactly as written. */
const roleSchema = z.string().trim().min(1, 'name the role, e.g. Monitoring officer').max(200);

export const membershipInputSchema = z.strictObject({ body: bodyIdSchema, role: roleSchema });
export type MembershipInput = z.infer<typeof membershipInputSchema>;

export const createPersonSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1, 'give the person a name').max(200),
  memberships: z.array(membershipInputSchema).max(50).optional(),
  /** Their line manager, who gets the weekly digest of their overdue and at-risk actions and their actions' escalations. */
  manager: emailSchema.optional(),
});
export type CreatePerson = z.infer<typeof createPersonSchema>;

export const membershipSchema = z.strictObject({
  body: z.string(),
  role: z.string(),
  /** False when no duty in the catalogue names this role: no escalation will find the member by it. */
  catalogueRole: z.boolean(),
});
export type Membership = z.infer<typeof membershipSchema>;

export const personSchema = z.strictObject({
  email: z.string(),
  name: z.string(),
  memberships: z.array(membershipSchema),
  /** Their line manager's email, when one is recorded. */
  manager: z.string().optional(),
  /** Set when a membership's role is not one the catalogue's duties use: says which ones they do. */
  roleHint: z.string().optional(),
});
export type Person = z.infer<typeof personSchema>;

export const personListSchema = z.array(personSchema);

export const personParamsSchema = z.strictObject({ email: emailSchema });
