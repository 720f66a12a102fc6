import { createHash, randomBytes } from 'node:crypto';
import { Prisma, type PrismaClient } from '../db/client';
import type { Principal } from './principal';
import { principalOfCredential, staleBefore } from './principalQuery';

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
  const now = new Date(deps.now?.() ?? Date.now()).toISOString();
  // lastSeenAt is written at most once a minute: a page load should not be a write per request.
  const credential = Prisma.sql`
    found AS (SELECT id_hash, account_id, expires_at > ${now}::timestamptz AS live FROM session WHERE id_hash = ${sessionIdHash(id)}),
    expired AS (DELETE FROM session WHERE id_hash = (SELECT id_hash FROM found WHERE NOT live)),
    seen AS (
      UPDATE session SET last_seen_at = ${now}::timestamptz
      WHERE id_hash = (SELECT id_hash FROM found WHERE live) AND last_seen_at < ${staleBefore(Date.parse(now))}::timestamptz
    ),
    credential(account_id) AS (SELECT account_id FROM found WHERE live)`;
  return principalOfCredential(deps.prisma, credential, 'session');
}

export async function endSession(id: string, deps: SessionDependencies): Promise<void> {
  await deps.prisma.session.deleteMany({ where: { idHash: sessionIdHash(id) } });
}

/** Ends every session of an account (after a password change or when it is disabled). */
export async function endAllSessions(accountId: string, deps: SessionDependencies): Promise<number> {
  return (await deps.prisma.session.deleteMany({ where: { accountId } })).count;
}
