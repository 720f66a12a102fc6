import type { ApiIssue } from '../contracts/api/common';
import type { PrismaClient } from '../db/client';

/** A request's person fields (owner, manager, chair), each an email or nothing. */
export type PersonFields<Field extends string> = Partial<Record<Field, string | null>>;

/** The emails named in the fields, lower-cased as Person.email is stored. */
export function namedEmails<Field extends string>(emails: PersonFields<Field>): string[] {
  return Object.values<string | null | undefined>(emails)
    .filter((email): email is string => typeof email === 'string')
    .map((email) => email.toLowerCase());
}

/** Each field's person id from the people found (by lower-cased email), or an issue naming a field whose person does not exist. */
export function matchPeople<Field extends string>(
  emails: PersonFields<Field>,
  idOf: ReadonlyMap<string, string>,
): { ids: Partial<Record<Field, string>>; issues: ApiIssue[] } {
  const ids: Partial<Record<Field, string>> = {};
  const issues: ApiIssue[] = [];
  for (const [field, email] of Object.entries(emails) as [Field, string | null | undefined][]) {
    if (typeof email !== 'string') continue;
    const id = idOf.get(email.toLowerCase());
    if (id) ids[field] = id;
    else issues.push({ path: field, message: `no person with the email ${email}: add them first` });
  }
  return { ids, issues };
}

/**
 * The people named by email in a request's fields (owner, manager, chair), or an issue naming each
 * field whose person does not exist. One query for all of them.
 */
export async function lookUpPeople<Field extends string>(
  prisma: PrismaClient,
  emails: PersonFields<Field>,
): Promise<{ ids: Partial<Record<Field, string>>; issues: ApiIssue[] }> {
  const named = namedEmails(emails);
  const found = named.length === 0 ? [] : await prisma.person.findMany({ where: { email: { in: named } }, select: { id: true, email: true } });
  return matchPeople(emails, new Map(found.map((person) => [person.email, person.id])));
}
