import { z } from 'zod';
import { accountRoleSchema, principalSchema } from '../../auth/principal';
import { emailSchema } from './common';

/** The JSON API of sign-in, API tokens and accounts. */

export const signInSchema = z.strictObject({ email: z.string().max(320), password: z.string().max(1024) });
export type SignIn = z.infer<typeof signInSchema>;

export const signedInSchema = z.strictObject({ principal: principalSchema, expiresAt: z.string() });

export const tokenNameSchema = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[A-Za-z0-9 ._:@-]+$/, { message: 'letters, digits, spaces and . _ : @ -' });

/** With a session or token, for yourself; without one, with your email and password (sign-in limits apply). */
export const createApiTokenSchema = z.strictObject({
  name: tokenNameSchema,
  email: z.string().max(320).optional(),
  password: z.string().max(1024).optional(),
});

export const apiTokenViewSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const issuedApiTokenSchema = apiTokenViewSchema.extend({ token: z.string(), email: z.string() });
export const apiTokenListSchema = z.array(apiTokenViewSchema);
export const apiTokenParamsSchema = z.strictObject({ id: z.uuid({ message: 'expected a token id (duties token list)' }) });

export const createAccountRequestSchema = z.strictObject({
  email: emailSchema,
  name: z.string().min(1).max(200).optional(),
  role: accountRoleSchema,
  password: z.string().min(12, { message: 'a password needs at least 12 characters' }).max(1024),
});

export const accountViewSchema = z.strictObject({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: accountRoleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
});
export const accountListSchema = z.array(accountViewSchema);
