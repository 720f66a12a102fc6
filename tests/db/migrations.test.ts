import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import {
  DEFAULT_MIGRATIONS_DIR,
  DEFAULT_SCHEMA_PATH,
  applyPendingMigrations,
  diffSchemaAgainstMigrations,
  readMigrationsList,
} from '../../src/db/migrations';
import { startTestDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase({ migrate: false });
}, 120_000);

afterAll(async () => {
  await db?.stop();
});

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: db.databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const committed = fs
  .readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

test('the committed migrations are standard Prisma folders with a lock file', () => {
  expect(committed.length).toBeGreaterThan(0);
  for (const name of committed) {
    expect(name).toMatch(/^\d{14}_[A-Za-z0-9_-]+$/);
    expect(fs.existsSync(path.join(DEFAULT_MIGRATIONS_DIR, name, 'migration.sql'))).toBe(true);
  }
  expect(fs.readFileSync(path.join(DEFAULT_MIGRATIONS_DIR, 'migration_lock.toml'), 'utf8')).toMatch(/^provider = "postgresql"$/m);
});

test('migrations apply into a fresh database and are recorded in _prisma_migrations like prisma migrate deploy', async () => {
  const applied = await applyPendingMigrations(db.databaseUrl);
  expect(applied).toEqual(committed);

  const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; applied_steps_count: number }>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
  );
  expect(rows.map((r) => r.migration_name)).toEqual(committed);
  for (const row of rows) {
    expect(row.finished_at).toBeInstanceOf(Date);
    expect(row.rolled_back_at).toBeNull();
    expect(row.applied_steps_count).toBe(1);
    // Prisma's checksum: SHA-256 of migration.sql, hex.
    const sql = fs.readFileSync(path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
    expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
  }

  const tables = await query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  // Every model of the schema has its table (enums also carry @@map, so read model blocks only).
  const schema = fs.readFileSync(path.resolve(__dirname, '../../prisma/schema.prisma'), 'utf8');
  const modelTables = [...schema.matchAll(/^model \w+ \{[^}]*?@@map\("(\w+)"\)/gm)].map((match) => match[1]!);
  expect(modelTables.length).toBeGreaterThanOrEqual(10);
  expect(tables.map((t) => t.table_name)).toEqual(['_prisma_migrations', ...modelTables].sort());
});

test('applying again applies nothing', async () => {
  const logs: string[] = [];
  await expect(applyPendingMigrations(db.databaseUrl, { log: (l) => logs.push(l) })).resolves.toEqual([]);
  expect(logs.join('\n')).toContain('database schema is up to date');
  const [{ count }] = (await query<{ count: string }>('SELECT count(*) FROM _prisma_migrations')) as [{ count: string }];
  expect(Number(count)).toBe(committed.length);
});

test('the committed migrations are in sync with prisma/schema.prisma (run npm run db:migrate -- --name <change> if this fails)', async () => {
  const sql = await diffSchemaAgainstMigrations({ databaseUrl: db.databaseUrl });
  expect(sql).toBe('');
  // The diff ran in a temporary shadow database, which is gone again.
  const shadows = await query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'");
  expect(shadows).toEqual([]);
});

test('the sync check notices a schema change that has no migration', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-schema-'));
  try {
    const schemaPath = path.join(dir, 'schema.prisma');
    const schema = fs.readFileSync(DEFAULT_SCHEMA_PATH, 'utf8');
    const changed = schema.replace(/(model AuditEvent \{\n)/, '$1  note           String?\n');
    expect(changed).not.toBe(schema);
    fs.writeFileSync(schemaPath, changed);
    const sql = await diffSchemaAgainstMigrations({ databaseUrl: db.databaseUrl, schemaPath });
    expect(sql).toMatch(/ALTER TABLE "audit_event" ADD COLUMN\s+"note" TEXT;/);
    expect(sql).not.toMatch(/CREATE TABLE/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('readMigrationsList reads folders in name order, like the Prisma CLI', async () => {
  const list = await readMigrationsList();
  expect(list.baseDir).toBe(DEFAULT_MIGRATIONS_DIR);
  expect(list.lockfile.path).toBe('migration_lock.toml');
  expect(list.migrationDirectories.map((d) => d.path)).toEqual(committed);
});

test('an unreachable database gives a one-line error', async () => {
  await expect(applyPendingMigrations('postgresql://postgres:postgres@127.0.0.1:1/nope')).rejects.toThrow(
    /^cannot open the Prisma schema engine: Can't reach database server at `127.0.0.1:1` .*$/,
  );
});
