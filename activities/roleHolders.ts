import type { PrismaClient } from '../src/generated/prisma/client';

/** The members of a body who hold a role, in a stable order: whom an escalation step to that role reaches. */
export function roleHolders(prisma: PrismaClient, bodyId: string, role: string) {
  return prisma.membership.findMany({ where: { bodyId, role }, include: { person: true }, orderBy: { person: { email: 'asc' } } });
}
