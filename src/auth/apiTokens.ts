import { createHash, randomBytes } from 'node:crypto';
import { Prisma, type PrismaClient } from '../db/client';
import type { Principal } from './principal';
import { principalOfCredential, staleBefore } from './principalQuery';

/**
 * API tokens for the CLI and integrations: `dte_` and 32 random bytes (base64url). Only the
 * SHA-256 is stored (a token is high-entropy, so a slow hash adds nothing), with its name, its
 * first characters for telling tokens apart, when it was last used, and when it was revoked.
 * A token acts as its account: the same role and the same bodies.
 */
export const API_TOKEN_PREFIX = 'dte_';
const TOKEN_PATTERN = /^dte_[A-Za-z0-9_-]{43}$/;

export interface ApiTokenDependencies {
  prisma: PrismaClient;
  now?: () => number;
}

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const apiTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

const viewOf = (row: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): ApiTokenView => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

/** A new token for the account; the token itself is returned only here, never again. */
export async function issueApiToken(input: { accountId: string; name: string }, deps: ApiTokenDependencies): Promise<ApiTokenView & { token: string }> {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await deps.prisma.apiToken.create({
    data: { accountId: input.accountId, name: input.name, tokenHash: apiTokenHash(token), prefix: token.slice(0, 10), createdAt: new Date(deps.now?.() ?? Date.now()) },
  });
  return { ...viewOf(row), token };
}

/** The account's tokens (revoked ones too), newest first. */
export async function listApiTokens(accountId: string, deps: ApiTokenDependencies): Promise<ApiTokenView[]> {
  return (await deps.prisma.apiToken.findMany({ where: { accountId }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] })).map(viewOf);
}

/**
 * Revokes one of the account's tokens, by id or by name (every live token of that name). Returns
 * the tokens revoked; none when no live token of the account matches (another account's is never touched).
 */
export async function revokeApiToken(input: { accountId: string; id?: string; name?: string }, deps: ApiTokenDependencies): Promise<ApiTokenView[]> {
  const isUuid = input.id !== undefined && /^[0-9a-f-]{36}$/i.test(input.id);
  if (input.id !== undefined && !isUuid) return [];
  const where = { accountId: input.accountId, revokedAt: null, ...(input.id !== undefined ? { id: input.id } : { name: input.name ?? '' }) };
  const rows = await deps.prisma.apiToken.findMany({ where });
  if (rows.length === 0) return [];
  const revokedAt = new Date(deps.now?.() ?? Date.now());
  await deps.prisma.apiToken.updateMany({ where: { id: { in: rows.map((row) => row.id) }, revokedAt: null }, data: { revokedAt } });
  return rows.map((row) => viewOf({ ...row, revokedAt }));
}

/** The principal of a live token, or null; notes when it was used (at most once a minute). */
export async function principalForApiToken(token: string, deps: ApiTokenDependencies): Promise<Principal | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const now = deps.now?.() ?? Date.now();
  const credential = Prisma.sql`
    live_token AS (SELECT id, account_id FROM api_token WHERE token_hash = ${apiTokenHash(token)} AND revoked_at IS NULL),
    used AS (
      UPDATE api_token SET last_used_at = ${new Date(now).toISOString()}::timestamptz
      WHERE id = (SELECT id FROM live_token) AND (last_used_at IS NULL OR last_used_at < ${staleBefore(now)}::timestamptz)
    ),
    credential(account_id) AS (SELECT account_id FROM live_token)`;
  return principalOfCredential(deps.prisma, credential, 'token');
}
