import type { CreatePerson, MembershipInput, Person } from '../contracts/api/people';
import { isUniqueViolation, type PrismaClient } from '../db/client';
import type { Catalogue } from '../domain';
import { conflict, notFound, unprocessable } from './refusal';
import { catalogueRoles, roleHint } from './roles';

export interface PeopleDependencies {
  prisma: PrismaClient;
  catalogue: () => Catalogue;
}

type PersonRow = { email: string; name: string; memberships: { bodyId: string; role: string }[]; manager: { email: string } | null };

/** `newRoles`: the roles just given, which the answer hints about when no duty names them. */
function personOf(row: PersonRow, known: readonly string[], newRoles: readonly string[] = []): Person {
  const hint = roleHint(newRoles, known);
  return {
    email: row.email,
    name: row.name,
    memberships: row.memberships.map((m) => ({ body: m.bodyId, role: m.role, catalogueRole: known.includes(m.role) })),
    ...(row.manager ? { manager: row.manager.email } : {}),
    ...(hint ? { roleHint: hint } : {}),
  };
}

const withMemberships = { memberships: { orderBy: [{ bodyId: 'asc' as const }, { role: 'asc' as const }] }, manager: { select: { email: true } } };

async function missingBodies(prisma: PrismaClient, memberships: readonly MembershipInput[], pathOf: (index: number) => string) {
  const ids = [...new Set(memberships.map((m) => m.body))];
  const found = new Set((await prisma.body.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((b) => b.id));
  return memberships.flatMap((m, i) => (found.has(m.body) ? [] : [{ path: pathOf(i), message: `no body with the id ${m.body}: add it first` }]));
}

export async function createPerson(deps: PeopleDependencies, input: CreatePerson): Promise<Person> {
  const memberships = input.memberships ?? [];
  const issues = await missingBodies(deps.prisma, memberships, (i) => `memberships.${i}.body`);
  const manager = input.manager ? await deps.prisma.person.findUnique({ where: { email: input.manager } }) : null;
  if (input.manager && !manager) issues.push({ path: 'manager', message: `no person with the email ${input.manager}: add them first` });
  if (issues.length > 0) throw unprocessable(issues);
  const distinct = [...new Map(memberships.map((m) => [`${m.body}\n${m.role}`, m])).values()];
  try {
    const row = await deps.prisma.person.create({
      data: { email: input.email, name: input.name, managerId: manager?.id ?? null, memberships: { create: distinct.map((m) => ({ bodyId: m.body, role: m.role })) } },
      include: withMemberships,
    });
    return personOf(row, catalogueRoles(deps.catalogue()), distinct.map((m) => m.role));
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`a person with the email ${input.email} already exists`, 'email');
    throw error;
  }
}

export async function listPeople(deps: PeopleDependencies): Promise<Person[]> {
  const known = catalogueRoles(deps.catalogue());
  return (await deps.prisma.person.findMany({ orderBy: { email: 'asc' }, include: withMemberships })).map((row) => personOf(row, known));
}

export async function addMembership(deps: PeopleDependencies, email: string, input: MembershipInput): Promise<Person> {
  const person = await deps.prisma.person.findUnique({ where: { email } });
  if (!person) throw notFound(`no person with the email ${email}`, 'email');
  const issues = await missingBodies(deps.prisma, [input], () => 'body');
  if (issues.length > 0) throw unprocessable(issues);
  try {
    await deps.prisma.membership.create({ data: { personId: person.id, bodyId: input.body, role: input.role } });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`${email} already holds the role "${input.role}" in ${input.body}`, 'role');
    throw error;
  }
  const row = await deps.prisma.person.findUniqueOrThrow({ where: { id: person.id }, include: withMemberships });
  return personOf(row, catalogueRoles(deps.catalogue()), [input.role]);
}
