import { z } from 'zod';
import type { Principal } from '../auth/principal';
import type { PrismaClient } from '../db/client';

/**
 * What a read model may show: the bodies a principal may see and, when known, who is asking.
 * Every read model filters by `bodyIds` in the query itself, so a body outside the scope yields
 * nothing (not an error that would say it exists).
 */
export const scopeSchema = z.strictObject({
  bodyIds: z.array(z.string()),
  /** The person asking: limits review case clocks to the case's coordinator and named roles. Absent for a trusted caller (CLI, tests). */
  personId: z.uuid().optional(),
});
export type Scope = z.infer<typeof scopeSchema>;

export const scopeOf = (principal: Pick<Principal, 'bodyIds' | 'personId'>): Scope => ({ bodyIds: [...principal.bodyIds], personId: principal.personId });

/**
 * A person's scope worked out from the database, for requests that carry no principal (a calendar
 * feed's secret URL): the bodies of their memberships and every body beneath those.
 */
export async function scopeOfPerson(prisma: PrismaClient, personId: string): Promise<Scope> {
  const [memberships, bodies] = await Promise.all([
    prisma.membership.findMany({ where: { personId }, select: { bodyId: true } }),
    prisma.body.findMany({ select: { id: true, parentId: true } }),
  ]);
  const children = new Map<string, string[]>();
  for (const body of bodies) if (body.parentId) children.set(body.parentId, [...(children.get(body.parentId) ?? []), body.id]);
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const child of children.get(id) ?? []) visit(child);
  };
  for (const { bodyId } of memberships) visit(bodyId);
  return { bodyIds: [...seen].sort(), personId };
}

export const inScope = (scope: Scope, bodyId: string): boolean => scope.bodyIds.includes(bodyId);
