import type { ApiIssue } from '../contracts/api/common';
import type { PrismaClient } from '../db/client';

/**
 * The people named by email in a request's fields (owner, manager, chair), or an issue naming each
 * field whose person does not exist. One query for all of them: this is on the path of every start.
 */
export async function lookUpPeople<Field extends string>(
  prisma: PrismaClient,
  emails: Partial<Record<Field, string | null>>,
): Promise<{ ids: Partial<Record<Field, string>>; issues: ApiIssue[] }> {
  const named = (Object.entries(emails) as [Field, string | null | undefined][]).filter((entry): entry is [Field, string] => typeof entry[1] === 'string');
  const found = named.length === 0 ? [] : await prisma.person.findMany({ where: { email: { in: named.map(([, email]) => email.toLowerCase()) } }, select: { id: true, email: true } });
  const idOf = new Map(found.map((person) => [person.email, person.id]));
  const ids: Partial<Record<Field, string>> = {};
  const issues: ApiIssue[] = [];
  for (const [field, email] of named) {
    const id = idOf.get(email.toLowerCase());
    if (id) ids[field] = id;
    else issues.push({ path: field, message: `no person with the email ${email}: add them first` });
  }
  return { ids, issues };
}
