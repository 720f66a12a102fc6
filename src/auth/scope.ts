import type { PrismaClient } from '../db/client';
import type { AccountRole, Principal } from './principal';

/**
 * Which bodies a principal may see, and the principal itself built from an account.
 *
 * A person sees the bodies they are a member of and every body under those (Body.parentId, to any
 * depth): a member of a county council sees its committees and its partnerships' work. An admin
 * runs this installation and sees all of its bodies, whatever their memberships.
 */

/** The bodies under `roots`, with the roots, given every body's parent. */
export function withDescendants(roots: Iterable<string>, bodies: readonly { id: string; parentId: string | null }[]): string[] {
  const children = new Map<string, string[]>();
  for (const body of bodies) {
    if (body.parentId === null) continue;
    children.set(body.parentId, [...(children.get(body.parentId) ?? []), body.id]);
  }
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...seen].sort();
}

/** The principal of an account that may act now (not disabled), or null. */
export async function principalForAccount(prisma: PrismaClient, accountId: string, via: Principal['via']): Promise<Principal | null> {
  const account = await prisma.account.findUnique({
    where: { id: accountId },
    include: { person: { include: { memberships: { select: { bodyId: true } } } } },
  });
  if (!account || account.disabledAt) return null;
  const bodies = await prisma.body.findMany({ select: { id: true, parentId: true } });
  const bodyIds =
    account.role === 'admin' ? bodies.map((body) => body.id).sort() : withDescendants(account.person.memberships.map((m) => m.bodyId), bodies);
  return {
    accountId: account.id,
    personId: account.personId,
    email: account.person.email,
    name: account.person.name,
    role: account.role as AccountRole,
    bodyIds,
    via,
  };
}

/** True when the principal may see the body's work. */
export function isBodyInScope(principal: Principal, bodyId: string): boolean {
  return principal.role === 'admin' || principal.bodyIds.includes(bodyId);
}
