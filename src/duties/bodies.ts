import type { Body, BodyDetail, CreateBody } from '../contracts/api/bodies';
import { isUniqueViolation, type PrismaClient } from '../db/client';
import { fromDbEnum, toDbEnum } from '../db/enums';
import type { BodyKind as BodyKindRow } from '../generated/prisma/enums';
import { conflict, notFound, unprocessable } from './refusal';

type BodyRow = { id: string; name: string; kind: BodyKindRow; parentId: string | null };

const bodyOf = (row: BodyRow): Body => ({ id: row.id, name: row.name, kind: fromDbEnum(row.kind), parent: row.parentId });

export async function createBody(prisma: PrismaClient, input: CreateBody): Promise<Body> {
  if (input.parent !== undefined && !(await prisma.body.findUnique({ where: { id: input.parent } }))) {
    throw unprocessable([{ path: 'parent', message: `no body with the id ${input.parent}: add it first` }]);
  }
  try {
    const row = await prisma.body.create({ data: { id: input.id, name: input.name, kind: toDbEnum(input.kind), parentId: input.parent ?? null } });
    return bodyOf(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`a body with the id ${input.id} already exists`, 'id');
    throw error;
  }
}

export async function listBodies(prisma: PrismaClient): Promise<Body[]> {
  return (await prisma.body.findMany({ orderBy: { id: 'asc' } })).map(bodyOf);
}

/** The body with the bodies under it and its members, each with the role they hold. */
export async function bodyDetail(prisma: PrismaClient, id: string): Promise<BodyDetail> {
  const row = await prisma.body.findUnique({
    where: { id },
    include: {
      children: { select: { id: true }, orderBy: { id: 'asc' } },
      memberships: { include: { person: true }, orderBy: [{ role: 'asc' }, { person: { email: 'asc' } }] },
    },
  });
  if (!row) throw notFound(`no body with the id ${id}`, 'id');
  return {
    ...bodyOf(row),
    children: row.children.map((child) => child.id),
    members: row.memberships.map((membership) => ({ email: membership.person.email, name: membership.person.name, role: membership.role })),
  };
}
