import type { ApiIssue } from '../contracts/api/common';
import type { PrismaClient } from '../db/client';

/** The people named by email in a request's fields (owner, manager, chair), or an issue naming each field whose person does not exist. */
export async function lookUpPeople<Field extends string>(
  prisma: PrismaClient,
  emails: Partial<Record<Field, string | null>>,
): Promise<{ ids: Partial<Record<Field, string>>; issues: ApiIssue[] }> {
  const ids: Partial<Record<Field, string>> = {};
  const issues: ApiIssue[] = [];
  for (const [field, email] of Object.entries(emails) as [Field, string | null | undefined][]) {
    if (email === undefined || email === null) continue;
    const person = await prisma.person.findUnique({ where: { email: email.toLowerCase() } });
    if (person) ids[field] = person.id;
    else issues.push({ path: field, message: `no person with the email ${email}: add them first` });
  }
  return { ids, issues };
}
