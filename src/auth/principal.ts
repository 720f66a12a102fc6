import { z } from 'zod';

/**
 * Who is making a request, once signed in (session cookie) or holding an API token.
 * The auth plugin (`src/auth/`) sets `request.principal`; routes and pages read only this.
 */

/** What an account may do. Body scoping comes from the person's memberships, not from the role. */
export const accountRoleSchema = z.enum(['admin', 'manager', 'secretary', 'officer', 'viewer']);
export type AccountRole = z.infer<typeof accountRoleSchema>;

export const principalSchema = z.strictObject({
  accountId: z.uuid(),
  /** The person the account belongs to: owner of duties and actions, member of bodies. */
  personId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: accountRoleSchema,
  /** The bodies this principal may see (its people's memberships, with their sub-bodies); every read and write is scoped to these. */
  bodyIds: z.array(z.string()),
  via: z.enum(['session', 'token']),
});
export type Principal = z.infer<typeof principalSchema>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Null when the request carries no valid session or token. */
    principal: Principal | null;
  }
}
