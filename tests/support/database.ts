/**
 * A real PostgreSQL for a test file: a throw-away embedded server in a fresh
 * temporary directory on a free port (copied from a cached template cluster,
 * see src/embedded/throwawayPostgres.ts), with the committed migrations applied.
 *
 *   let db: TestDatabase;
 *   beforeAll(async () => { db = await startTestDatabase(); }, 120_000);
 *   afterAll(() => db?.stop());
 */
import './ensurePrismaClient';
import { createPrismaClient, type PrismaClient } from '../../src/db/client';
import { applyPendingMigrations } from '../../src/db/migrations';
import { startThrowawayPostgres } from '../../src/embedded/throwawayPostgres';

export interface TestDatabase {
  databaseUrl: string;
  prisma: PrismaClient;
  /** Names of the migrations applied at start (all of them, unless `migrate: false`). */
  appliedMigrations: string[];
  /** Disconnects the client, stops the server and deletes its data. */
  stop(): Promise<void>;
}

export interface StartTestDatabaseOptions {
  /** Apply the committed migrations (default true). */
  migrate?: boolean;
  /** Database name (default duty_engine_test). */
  database?: string;
  /** Server and migration log lines (default: dropped; set DEBUG_TEST_DB=1 to print them). */
  log?: (line: string) => void;
}

export async function startTestDatabase(opts: StartTestDatabaseOptions = {}): Promise<TestDatabase> {
  const log = opts.log ?? (process.env.DEBUG_TEST_DB ? (line: string) => process.stderr.write(`[test-db] ${line}\n`) : () => undefined);
  const server = await startThrowawayPostgres({ database: opts.database ?? 'duty_engine_test', log });
  let prisma: PrismaClient | undefined;
  try {
    const appliedMigrations = opts.migrate === false ? [] : await applyPendingMigrations(server.databaseUrl, { log });
    prisma = createPrismaClient(server.databaseUrl);
    const client = prisma;
    let stopped = false;
    return {
      databaseUrl: server.databaseUrl,
      prisma: client,
      appliedMigrations,
      async stop() {
        if (stopped) return;
        stopped = true;
        try {
          await client.$disconnect();
        } finally {
          await server.stop();
        }
      },
    };
  } catch (err) {
    await prisma?.$disconnect().catch(() => undefined);
    await server.stop().catch(() => undefined);
    throw err;
  }
}

/** Rows in every table of the public schema (Prisma's migrations table too), by table name. */
export async function countEveryTable(prisma: PrismaClient): Promise<Record<string, number>> {
  const tables = await prisma.$queryRaw<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ count: bigint }[]>(`SELECT count(*) AS count FROM "${tablename.replace(/"/g, '""')}"`);
    counts[tablename] = Number(row!.count);
  }
  return counts;
}
