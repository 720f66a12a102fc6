/**
 * `npm run db:migrate -- --name <change>`
 *
 * Diffs prisma/schema.prisma against the committed migrations with Prisma's
 * WebAssembly schema engine and writes the difference as a standard migration
 * folder, prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql (plus
 * prisma/migrations/migration_lock.toml), which `prisma migrate deploy` also
 * understands. Commit the folder. Writes nothing and says "no changes" when the
 * migrations already produce the schema.
 *
 * `npm run db:migrate -- --check` only checks: exit 1 when a migration is missing.
 *
 * Replaying the migrations needs a PostgreSQL server (Prisma's shadow
 * database): a throw-away embedded one is started in a temporary directory,
 * unless SHADOW_DATABASE_URL names a server where a temporary database may be
 * created and dropped. Your own database is never touched.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import {
  DEFAULT_MIGRATIONS_DIR,
  DEFAULT_SCHEMA_PATH,
  MIGRATION_LOCK_CONTENT,
  MIGRATION_LOCK_FILE,
  diffSchemaAgainstMigrations,
  readMigrationsList,
} from '../src/db/migrations';
import { startThrowawayPostgres } from '../src/embedded/throwawayPostgres';

const USAGE = 'usage: npm run db:migrate -- --name <change> (letters, digits, _ or -; e.g. --name add_duty_table) | --check';

class UsageError extends Error {}

interface Args {
  name?: string;
  check: boolean;
  verbose: boolean;
  migrationsDir: string;
  schemaPath: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { check: false, verbose: false, migrationsDir: DEFAULT_MIGRATIONS_DIR, schemaPath: DEFAULT_SCHEMA_PATH };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value; ${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--name':
      case '-n':
        args.name = value();
        break;
      case '--check':
        args.check = true;
        break;
      case '--verbose':
        args.verbose = true;
        break;
      // For tests of this script: other locations than prisma/.
      case '--migrations-dir':
        args.migrationsDir = path.resolve(value());
        break;
      case '--schema':
        args.schemaPath = path.resolve(value());
        break;
      case '--help':
      case '-h':
        throw new UsageError(USAGE);
      default:
        throw new UsageError(`unknown argument "${arg}"; ${USAGE}`);
    }
  }
  if (!args.check) {
    if (args.name === undefined || args.name.trim() === '') throw new UsageError(`missing migration name; ${USAGE}`);
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/.test(args.name)) {
      throw new UsageError(`bad migration name "${args.name}": use 1-80 letters, digits, _ or - (starting with a letter or digit); ${USAGE}`);
    }
  }
  return args;
}

function timestamp(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}`;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const log = args.verbose ? (line: string) => console.error(`  ${line}`) : () => undefined;

  let databaseUrl = process.env.SHADOW_DATABASE_URL;
  let stopServer: (() => Promise<void>) | undefined;
  if (!databaseUrl) {
    const started = Date.now();
    const pg = await startThrowawayPostgres({ database: 'migrate_diff', log });
    databaseUrl = pg.databaseUrl;
    stopServer = () => pg.stop();
    log(`throw-away PostgreSQL ready in ${Date.now() - started} ms`);
  }
  let sql: string;
  try {
    sql = await diffSchemaAgainstMigrations({ databaseUrl, migrationsDir: args.migrationsDir, schemaPath: args.schemaPath, log });
  } finally {
    await stopServer?.();
  }

  const rel = (p: string) => path.relative(process.cwd(), p) || '.';
  if (sql === '') {
    console.log(`no changes: ${rel(args.migrationsDir)} already matches ${rel(args.schemaPath)}; nothing written`);
    return 0;
  }
  if (args.check) {
    console.error(`${rel(args.schemaPath)} has changes without a migration: run npm run db:migrate -- --name <change> and commit the folder`);
    return 1;
  }

  const existing = (await readMigrationsList(args.migrationsDir)).migrationDirectories.map((d) => d.path);
  let when = new Date();
  let folder = `${timestamp(when)}_${args.name}`;
  // Keep the new folder last in name order (clock skew, or two migrations within a second).
  while (existing.some((e) => e >= folder) || fs.existsSync(path.join(args.migrationsDir, folder))) {
    when = new Date(when.getTime() + 1000);
    folder = `${timestamp(when)}_${args.name}`;
  }

  // Write atomically: a complete folder appears, or none.
  await fsp.mkdir(args.migrationsDir, { recursive: true });
  const staging = path.join(args.migrationsDir, `.${folder}.tmp-${process.pid}`);
  await fsp.mkdir(staging);
  try {
    await fsp.writeFile(path.join(staging, 'migration.sql'), sql);
    await fsp.rename(staging, path.join(args.migrationsDir, folder));
  } catch (err) {
    await fsp.rm(staging, { recursive: true, force: true });
    throw err;
  }
  const lockPath = path.join(args.migrationsDir, MIGRATION_LOCK_FILE);
  if (!fs.existsSync(lockPath)) await fsp.writeFile(lockPath, MIGRATION_LOCK_CONTENT);

  console.log(`wrote ${rel(path.join(args.migrationsDir, folder, 'migration.sql'))}:`);
  console.log(sql.trimEnd().replace(/^/gm, '  '));
  console.log('review it, commit the folder, and run npm run prisma:generate to refresh the client');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    console.error(err instanceof UsageError ? message : `db:migrate failed: ${message.replace(/\s+/g, ' ').trim()}`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
