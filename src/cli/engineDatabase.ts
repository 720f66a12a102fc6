import { ConfigError, loadConfig } from '../config/config';
import { checkDatabase, createPrismaClient, type PrismaClient } from '../db/client';
import { applyPendingMigrations } from '../db/migrations';
import { startEmbeddedPostgres } from '../embedded/postgres';
import { EngineError, UsageError } from './errors';

/** As src/system.ts names it. */
const DATABASE_NAME = 'duty_engine';

/**
 * Runs `work` against the engine's own database, as `npm start` configures it: DATABASE_URL, else
 * the embedded PostgreSQL in the data directory. When the engine is not running, the embedded
 * server is started for the command (its migrations applied) and stopped again afterwards.
 */
export async function withEngineDatabase<T>(work: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`configuration error: ${error.message}`);
    throw error;
  }
  const database = config.database;
  let url = database.kind === 'external' ? database.url : `postgresql://postgres:postgres@127.0.0.1:${database.port}/${DATABASE_NAME}`;
  let stopServer: (() => Promise<void>) | undefined;
  if (database.kind === 'embedded' && !(await reachable(url))) {
    const server = await startEmbeddedPostgres({ dataDir: database.dataDir, port: database.port, database: DATABASE_NAME }).catch((error: Error) => {
      throw new EngineError(`cannot start the engine's embedded PostgreSQL in ${database.dataDir}: ${error.message}`);
    });
    stopServer = () => server.stop();
    url = server.databaseUrl;
  }
  try {
    await applyPendingMigrations(url, { log: () => undefined }).catch((error: Error) => {
      throw new EngineError(`cannot prepare the database: ${error.message}`);
    });
    const prisma = createPrismaClient(url);
    try {
      return await work(prisma);
    } finally {
      await prisma.$disconnect();
    }
  } finally {
    await stopServer?.();
  }
}

async function reachable(url: string): Promise<boolean> {
  const prisma = createPrismaClient(url);
  try {
    await checkDatabase(prisma);
    return true;
  } catch {
    return false;
  } finally {
    await prisma.$disconnect().catch(() => undefined);
  }
}
