/**
 * Accounts and API tokens for tests against a real database: an account of any role, its person's
 * memberships, and a token to send as `Authorization: Bearer …`.
 */
import { createAccount } from '../../src/auth/accounts';
import { issueApiToken } from '../../src/auth/apiTokens';
import type { AccountRole } from '../../src/auth/principal';
import type { PrismaClient } from '../../src/db/client';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestAccount {
  accountId: string;
  personId: string;
  email: string;
  token: string;
  /** `{ authorization: 'Bearer …' }` */
  headers: Record<string, string>;
}

/** An account (and its person, when new) with the memberships given, and a fresh API token. */
export async function createTestAccount(
  prisma: PrismaClient,
  options: { email: string; name?: string; role: AccountRole; memberships?: { body: string; role: string }[]; password?: string },
): Promise<TestAccount> {
  const created = await createAccount({ email: options.email, name: options.name ?? options.email.split('@')[0]!, role: options.role, password: options.password ?? TEST_PASSWORD }, prisma);
  for (const membership of options.memberships ?? []) {
    await prisma.membership.create({ data: { personId: created.personId, bodyId: membership.body, role: membership.role } });
  }
  const { token } = await issueApiToken({ accountId: created.accountId, name: 'test' }, { prisma });
  return { ...created, token, headers: { authorization: `Bearer ${token}` } };
}
