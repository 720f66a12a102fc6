import { isUniqueViolation, type PrismaClient } from '../db/client';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords';
import type { AccountRole, Principal } from './principal';
import { principalForAccount } from './scope';

/**
 * Local accounts: one per person (linked by email), a role, and an Argon2id password hash.
 *
 * Sign-in is rate-limited from the `sign_in_attempt` table, so the limits hold across restarts and
 * across several API processes sharing one database:
 * - per account (the email as typed): at most {@link SIGN_IN_LIMITS.perEmail} failures in
 *   {@link SIGN_IN_LIMITS.windowMs}; further attempts are refused without checking the password;
 * - per client address: at most {@link SIGN_IN_LIMITS.perIp} failures in the same window, whatever
 *   the emails, so one client cannot spray guesses across many accounts.
 * A success does not clear earlier failures: the window simply moves on.
 */
export const SIGN_IN_LIMITS = { windowMs: 15 * 60_000, perEmail: 5, perIp: 20 } as const;

export interface CreateAccountInput {
  email: string;
  /** Needed when no person has this email yet. */
  name?: string;
  role: AccountRole;
  password: string;
}

export class AccountError extends Error {
  override name = 'AccountError';
}

/**
 * Creates the sign-in of the person with this email, creating the person when there is none.
 * Refuses a second account for the same person and a password that is too short.
 */
export async function createAccount(input: CreateAccountInput, prisma: PrismaClient): Promise<{ accountId: string; personId: string; email: string }> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const existing = await prisma.person.findUnique({ where: { email }, include: { account: true } });
  if (existing?.account) throw new AccountError(`${email} already has an account`);
  if (!existing && !input.name) throw new AccountError(`no person with the email ${email} yet: give their name too`);
  try {
    const account = await prisma.$transaction(async (tx) => {
      const person = existing ?? (await tx.person.create({ data: { email, name: input.name! } }));
      return tx.account.create({ data: { personId: person.id, role: input.role, passwordHash } });
    });
    return { accountId: account.id, personId: account.personId, email };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AccountError(`${email} already has an account`);
    throw error;
  }
}

export async function setPassword(accountId: string, password: string, prisma: PrismaClient): Promise<void> {
  await prisma.account.update({ where: { id: accountId }, data: { passwordHash: await hashPassword(password) } });
}

export type SignInResult =
  | { ok: true; principal: Principal }
  /** `invalid`: unknown email, wrong password or disabled account, deliberately not told apart. */
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number };

export interface SignInDependencies {
  prisma: PrismaClient;
  /** The client's address as the server sees it. */
  ip: string;
  now?: () => number;
}

/** Checks an email and password, within the sign-in limits, and records the attempt. */
export async function authenticatePassword(emailInput: string, password: string, deps: SignInDependencies): Promise<SignInResult> {
  const { prisma, ip } = deps;
  const now = deps.now?.() ?? Date.now();
  const email = emailInput.trim().toLowerCase().slice(0, 320);
  const since = new Date(now - SIGN_IN_LIMITS.windowMs);
  const [byEmail, byIp] = await Promise.all([
    prisma.signInAttempt.findMany({ where: { email, succeeded: false, at: { gt: since } }, select: { at: true }, orderBy: { at: 'asc' } }),
    prisma.signInAttempt.findMany({ where: { ip, succeeded: false, at: { gt: since } }, select: { at: true }, orderBy: { at: 'asc' } }),
  ]);
  const blockedUntil = Math.max(
    byEmail.length >= SIGN_IN_LIMITS.perEmail ? byEmail[byEmail.length - SIGN_IN_LIMITS.perEmail]!.at.getTime() + SIGN_IN_LIMITS.windowMs : 0,
    byIp.length >= SIGN_IN_LIMITS.perIp ? byIp[byIp.length - SIGN_IN_LIMITS.perIp]!.at.getTime() + SIGN_IN_LIMITS.windowMs : 0,
  );
  if (blockedUntil > now) return { ok: false, reason: 'rate-limited', retryAfterSeconds: Math.ceil((blockedUntil - now) / 1000) };

  const person = await prisma.person.findUnique({ where: { email }, include: { account: true } });
  const account = person?.account;
  const matches = account ? await verifyPassword(account.passwordHash, password) : (await verifyPassword(await decoyPasswordHash(), password), false);
  const principal = matches && account && !account.disabledAt ? await principalForAccount(prisma, account.id, 'session') : null;
  await prisma.signInAttempt.create({ data: { email, ip, succeeded: principal !== null, at: new Date(now) } });
  // Old attempts are of no further use: drop them now and then rather than in a separate job.
  if (Math.random() < 0.05) await prisma.signInAttempt.deleteMany({ where: { at: { lt: new Date(now - 2 * SIGN_IN_LIMITS.windowMs) } } });
  return principal ? { ok: true, principal } : { ok: false, reason: 'invalid' };
}
