import { z } from 'zod';
import type { ApiIssue } from '../contracts/api/common';
import type { PrismaClient } from '../db/client';
import { matchPeople, namedEmails, type PersonFields } from './personLookup';

type Role = 'owner' | 'manager' | 'chair';

const foundSchema = z.strictObject({
  bodyFound: z.boolean(),
  people: z.array(z.strictObject({ id: z.uuid(), email: z.string() })),
});

/**
 * What a new assignment names, checked in one query (it is on the path of every start): the body,
 * and the people by email. Issues name the body first, then each person not found.
 */
export async function lookUpAssignment(prisma: PrismaClient, bodyId: string, emails: PersonFields<Role>): Promise<{ ids: Partial<Record<Role, string>>; issues: ApiIssue[] }> {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT EXISTS (SELECT 1 FROM body WHERE id = ${bodyId}) AS "bodyFound",
           (SELECT COALESCE(json_agg(json_build_object('id', id, 'email', email)), '[]') FROM person WHERE email = ANY(${namedEmails(emails)}::text[])) AS people`;
  const found = foundSchema.parse(rows[0]);
  const people = matchPeople(emails, new Map(found.people.map((person) => [person.email, person.id])));
  const bodyIssues = found.bodyFound ? [] : [{ path: 'body', message: `no body with the id ${bodyId}: add it first` }];
  return { ids: people.ids, issues: [...bodyIssues, ...people.issues] };
}
