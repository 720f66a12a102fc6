import type { PrismaClient } from '../db/client';
import type { Principal } from './principal';
import { accountCredential, principalOfCredential } from './principalQuery';

/**
 * Which bodies a principal may see, and the principal itself built from an account.
 *
 * A person sees the bodies they are a member of and every body under those (Body.parentId, to any
 * depth): a member of a county council sees its committees and its partnerships' work. An admin
 * runs this installation and sees all of its bodies, whatever their memberships. The query that
 * applies these rules is in principalQuery.ts.
 */

/** The principal of an account that may act now (not disabled), or null. */
export function principalForAccount(prisma: PrismaClient, accountId: string, via: Principal['via']): Promise<Principal | null> {
  return principalOfCredential(prisma, accountCredential(accountId), via);
}

/** True when the principal may see the body's work. */
export function isBodyInScope(principal: Principal, bodyId: string): boolean {
  return principal.role === 'admin' || principal.bodyIds.includes(bodyId);
}
