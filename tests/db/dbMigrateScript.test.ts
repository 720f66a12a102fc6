import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MIGRATIONS_DIR, DEFAULT_SCHEMA_PATH } from '../../src/db/migrations';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../src/embedded/throwawayPostgres';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

let work: string;
let schemaPath: string;
let migrationsDir: string;
let shadowServer: ThrowawayPostgres;

beforeAll(async () => {
  shadowServer = await startThrowawayPostgres({ database: 'shadow_host' });
}, 120_000);

afterAll(async () => {
  await shadowServer?.stop();
});

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-db-migrate-'));
  schemaPath = path.join(work, 'schema.prisma');
  migrationsDir = path.join(work, 'migrations');
  fs.copyFileSync(DEFAULT_SCHEMA_PATH, schemaPath);
  fs.cpSync(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
});

afterEach(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ['scripts/db-migrate.ts', '--schema', schemaPath, '--migrations-dir', migrationsDir, ...args],
      { cwd: ROOT, env: { ...process.env, SHADOW_DATABASE_URL: '', ...env }, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function listing(): string[] {
  return fs.readdirSync(migrationsDir).sort();
}

test('a missing or bad name is rejected with a one-line message and nothing is written', async () => {
  const before = listing();
  for (const args of [[], ['--name'], ['--name', 'two words'], ['--name', '../escape']]) {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/migration name|needs a value/);
  }
  expect(listing()).toEqual(before);
}, 60_000);

test('says "no changes" and writes nothing when the migrations match the schema (own throw-away server)', async () => {
  const before = listing();
  const { code, stdout, stderr } = await run(['--name', 'nothing']);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(stdout).toMatch(/^no changes: .*nothing written\n$/);
  expect(listing()).toEqual(before);
}, 120_000);

test('writes a standard migration folder for a schema change', async () => {
  fs.rmSync(path.join(migrationsDir, 'migration_lock.toml'));
  const schema = fs.readFileSync(schemaPath, 'utf8');
  fs.writeFileSync(schemaPath, schema.replace(/(model OutboxMessage \{\n)/, '$1  priority       Int          @default(0)\n'));

  const before = listing();
  const { code, stdout, stderr } = await run(['--name', 'add_priority'], { SHADOW_DATABASE_URL: shadowServer.databaseUrl });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const added = listing().filter((e) => !before.includes(e));
  expect(added.sort()).toEqual([expect.stringMatching(/^\d{14}_add_priority$/), 'migration_lock.toml'].sort());
  const folder = added.find((e) => e.endsWith('_add_priority'))!;
  expect(folder > before.filter((e) => /^\d{14}_/.test(e)).sort().at(-1)!).toBe(true);
  expect(fs.readdirSync(path.join(migrationsDir, folder))).toEqual(['migration.sql']);
  const sql = fs.readFileSync(path.join(migrationsDir, folder, 'migration.sql'), 'utf8');
  expect(sql).toMatch(/ALTER TABLE "outbox_message" ADD COLUMN\s+"priority" INTEGER NOT NULL DEFAULT 0;/);
  expect(fs.readFileSync(path.join(migrationsDir, 'migration_lock.toml'), 'utf8')).toMatch(/^provider = "postgresql"$/m);
  expect(stdout).toContain(`${folder}/migration.sql`);

  // Now in sync again; --check agrees.
  const again = await run(['--check'], { SHADOW_DATABASE_URL: shadowServer.databaseUrl });
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/^no changes/);
}, 120_000);

test('--check fails when a schema change has no migration', async () => {
  const schema = fs.readFileSync(schemaPath, 'utf8');
  fs.writeFileSync(schemaPath, schema.replace(/(model AuditEvent \{\n)/, '$1  note           String?\n'));
  const before = listing();
  const { code, stderr } = await run(['--check'], { SHADOW_DATABASE_URL: shadowServer.databaseUrl });
  expect(code).toBe(1);
  expect(stderr).toMatch(/has changes without a migration/);
  expect(listing()).toEqual(before);
}, 120_000);
