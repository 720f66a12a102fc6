/**
 * The Prisma client of the duty engine (Prisma 7, no query engine binary: the
 * `@prisma/adapter-pg` driver adapter talks to PostgreSQL through `pg`).
 *
 * The client is generated into src/generated/prisma (git-ignored) by
 * `npm run prisma:generate`.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { z } from 'zod';
import { Prisma, PrismaClient } from '../generated/prisma/client';

export { Prisma, PrismaClient };
export type { OutboxMessage, AuditEvent } from '../generated/prisma/client';
export { OutboxStatus } from '../generated/prisma/enums';

export interface CreatePrismaClientOptions {
  /** Maximum pool connections (pg default: 10). */
  maxConnections?: number;
}

export function createPrismaClient(databaseUrl: string, opts: CreatePrismaClientOptions = {}): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    ...(opts.maxConnections !== undefined ? { max: opts.maxConnections } : {}),
    connectionTimeoutMillis: 10_000,
  });
  return new PrismaClient({ adapter });
}

/** Health check for the database: resolves when `SELECT 1` answers, otherwise rejects with a one-line reason. (The health endpoint bounds every check's time.) */
export async function checkDatabase(prisma: PrismaClient): Promise<void> {
  try {
    await prisma.$queryRaw`SELECT 1`;
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    throw new Error(`database unavailable: ${message.replace(/\s+/g, ' ').trim()}`);
  }
}

/**
 * True for a unique-constraint violation, e.g. a second live assignment of a duty to a body: P2002
 * from a model query, or the driver's UniqueConstraintViolation under P2010 from a raw one.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (err.code === 'P2002') return true;
  return err.code === 'P2010' && rawFailureSchema.safeParse(err.meta).data?.driverAdapterError.cause.kind === 'UniqueConstraintViolation';
}

const rawFailureSchema = z.object({ driverAdapterError: z.object({ cause: z.object({ kind: z.string() }) }) });
