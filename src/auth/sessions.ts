import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../db/client';
import type { Principal } from './principal';
import { principalForAccount } from './scope';

/**
 * Server-side sessions: the cookie carries 32 random bytes; the database keeps only their SHA-256,
 * so a copy of the table cannot be replayed as cookies. A session lasts {@link SESSION_TTL_MS}
 * from sign-in (absolute, not sliding) and ends at once on sign-out or when the account is disabled.
 */
export const SESSION_COOKIE = 'duty_session';
export const SESSION_TTL_MS = 12 * 60 * 60_000;

export interface SessionDependencies {
  prisma: PrismaClient;
  now?: () => number;
}

export const sessionIdHash = (id: string) => createHash('sha256').update(id).digest('hex');

/** Cookie options: HttpOnly, SameSite=Lax, path /, Secure when the site is served over https. */
export function sessionCookieOptions(secure: boolean, expiresAt?: Date) {
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', ...(expiresAt ? { expires: expiresAt } : {}) };
}

export async function createSession(accountId: string, deps: SessionDependencies & { ttlMs?: number }): Promise<{ id: string; expiresAt: Date }> {
  const now = deps.now?.() ?? Date.now();
  const id = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now + (deps.ttlMs ?? SESSION_TTL_MS));
  await deps.prisma.session.create({ data: { idHash: sessionIdHash(id), accountId, createdAt: new Date(now), lastSeenAt: new Date(now), expiresAt } });
  return { id, expiresAt };
}

/** The principal of a live session, or null for an unknown, ended or expired one (an expired one is deleted). */
export async function principalForSession(id: string, deps: SessionDependencies): Promise<Principal | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
  const now = deps.now?.() ?? Date.now();
  const session = await deps.prisma.session.findUnique({ where: { idHash: sessionIdHash(id) } });
  if (!session) return null;
  if (session.expiresAt.getTime() <= now) {
    await deps.prisma.session.deleteMany({ where: { idHash: session.idHash } });
    return null;
  }
  // Written at most once a minute: a page load should not be a write per request.
  if (now - session.lastSeenAt.getTime() > 60_000) {
    await deps.prisma.session.updateMany({ where: { idHash: session.idHash }, data: { lastSeenAt: new Date(now) } });
  }
  return principalForAccount(deps.prisma, session.accountId, 'session');
}

export async function endSession(id: string, deps: SessionDependencies): Promise<void> {
  await deps.prisma.session.deleteMany({ where: { idHash: sessionIdHash(id) } });
}

/** Ends every session of an account (after a password change or when it is disabled). */
export async function endAllSessions(accountId: string, deps: SessionDependencies): Promise<number> {
  return (await deps.prisma.session.deleteMany({ where: { accountId } })).count;
}
