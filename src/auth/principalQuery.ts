import { Prisma, type PrismaClient } from '../db/client';
import { principalSchema, type Principal } from './principal';

/**
 * The principal behind a credential in one round trip: every request is authenticated, so the
 * credential's own checks and bookkeeping, the account, its person and the body scope are one SQL
 * statement rather than a query each.
 *
 * `credential` is a CTE (with any others it needs, written before it) named `credential` with one
 * column, `account_id`, holding a row only when the credential is live. A disabled account has no
 * principal. The scope: an admin sees every body; anyone else the bodies they are a member of and
 * every body under those (Body.parentId, to any depth). UNION, not UNION ALL, so a parent cycle ends.
 */
const principalRowSchema = principalSchema.omit({ via: true });

export async function principalOfCredential(prisma: PrismaClient, credential: Prisma.Sql, via: Principal['via']): Promise<Principal | null> {
  const rows = await prisma.$queryRaw<unknown[]>(Prisma.sql`
    WITH RECURSIVE ${credential},
    live_account AS (
      SELECT a.id, a.person_id, a.role::text AS role, p.email, p.name
      FROM account a JOIN person p ON p.id = a.person_id
      WHERE a.id = (SELECT account_id FROM credential) AND a.disabled_at IS NULL
    ),
    scope(id) AS (
      SELECT b.id FROM body b WHERE EXISTS (SELECT 1 FROM live_account WHERE role = 'admin')
      UNION
      SELECT m.body_id FROM membership m JOIN live_account a ON m.person_id = a.person_id
      UNION
      SELECT b.id FROM body b JOIN scope s ON b.parent_id = s.id
    )
    SELECT a.id AS "accountId", a.person_id AS "personId", a.email, a.name, a.role, ARRAY(SELECT id FROM scope) AS "bodyIds"
    FROM live_account a`);
  if (rows.length === 0) return null;
  const row = principalRowSchema.parse(rows[0]);
  // Sorted here, not in SQL: the database's collation need not order ids as JavaScript does.
  return { ...row, bodyIds: row.bodyIds.sort(), via };
}

/** A credential that is just the account (after a password check): live while the account exists. */
export const accountCredential = (accountId: string) => Prisma.sql`credential(account_id) AS (SELECT id FROM account WHERE id = ${accountId}::uuid)`;

/** The instant before which a last-used mark is stale: such marks are written at most once a minute. */
export const staleBefore = (now: number) => new Date(now - 60_000).toISOString();
