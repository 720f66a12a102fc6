import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresError, startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/embedded/postgres';
import { findFreePort } from '../../src/embedded/ports';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

let root: string;
const servers: EmbeddedPostgres[] = [];

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-embedded-pg-'));
  fs.chmodSync(root, 0o755);
});

afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop().catch(() => undefined);
  fs.rmSync(root, { recursive: true, force: true });
});

async function start(dataDir: string, port?: number, extra: { user?: string; password?: string } = {}): Promise<EmbeddedPostgres> {
  const pg = await startEmbeddedPostgres({ dataDir, port: port ?? (await findFreePort()), database: 'duty_engine', ...extra });
  servers.push(pg);
  return pg;
}

async function sql<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

function errorOf(p: Promise<unknown>): Promise<EmbeddedPostgresError> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: EmbeddedPostgresError) => e,
  );
}

test('initialises a cluster, creates the database, and keeps data across stop/start', async () => {
  const dataDir = path.join(root, 'data', 'postgres');
  const first = await start(dataDir);
  expect(first.databaseUrl).toMatch(/^postgresql:\/\/postgres:postgres@127\.0\.0\.1:\d+\/duty_engine$/);
  expect(fs.existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
  await sql(first.databaseUrl, 'CREATE TABLE kept (v text)');
  await sql(first.databaseUrl, "INSERT INTO kept VALUES ('survives a restart')");
  await first.stop();
  await first.stop(); // idempotent
  expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false); // clean shutdown

  const second = await start(dataDir);
  expect(await sql<{ v: string }>(second.databaseUrl, 'SELECT v FROM kept')).toEqual([{ v: 'survives a restart' }]);
  // Only the data directory was created next to it: no initdb leftovers.
  expect(fs.readdirSync(path.dirname(dataDir))).toEqual(['postgres']);
}, 120_000);

test('wrong credentials for an existing cluster fail with the login error, not a start-up time-out, in one line, and stop the server', async () => {
  const dataDir = path.join(root, 'data');
  await (await start(dataDir)).stop();
  const err = await errorOf(start(dataDir, undefined, { password: 'not-the-one' }));
  expect(err.code).toBe('START_FAILED');
  expect(err.message).toMatch(/^cannot log in to the embedded PostgreSQL in .* as "postgres": .*password authentication failed/);
  expect(err.message).not.toContain('\n');
  expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
}, 120_000);

test('a port in use gives a one-line error and writes nothing', async () => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as net.AddressInfo).port;
  try {
    const dataDir = path.join(root, 'pg');
    const err = await errorOf(start(dataDir, port));
    expect(err).toBeInstanceOf(EmbeddedPostgresError);
    expect(err.code).toBe('PORT_IN_USE');
    expect(err.message).toMatch(new RegExp(`^port ${port} is in use: .* or set DATABASE_URL / POSTGRES_PORT$`));
    expect(err.message).not.toContain('\n');
    expect(fs.readdirSync(root)).toEqual([]);
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});

test('a port taken by another embedded PostgreSQL gives the same error', async () => {
  const first = await start(path.join(root, 'a'));
  const port = Number(new URL(first.databaseUrl).port);
  const err = await errorOf(start(path.join(root, 'b'), port));
  expect(err.code).toBe('PORT_IN_USE');
  expect(fs.existsSync(path.join(root, 'b'))).toBe(false);
}, 120_000);

// As root everything is writable for us, and a directory the postgres user cannot enter is served from inside (below).
(isRoot ? test.skip : test)(`an unwritable data directory gives a one-line error and leaves nothing half-written${isRoot ? ' (skipped: root can write anywhere)' : ''}`, async () => {
  const parent = path.join(root, 'locked');
  fs.mkdirSync(parent);
  fs.chmodSync(parent, 0o500);
  try {
    const dataDir = path.join(parent, 'data');
    const err = await errorOf(start(dataDir));
    expect(err.code).toBe('DATA_DIR_UNWRITABLE');
    expect(err.message).toMatch(new RegExp(`^data directory ${dataDir} is not writable: .+`));
    expect(err.message).not.toContain('\n');
    expect(fs.readdirSync(parent)).toEqual([]);
  } finally {
    fs.chmodSync(parent, 0o755);
  }
});

(isRoot ? test : test.skip)(
  `as root, a data directory below one the postgres user cannot enter is initialised, served and kept across a restart${isRoot ? '' : ' (skipped: only as root does PostgreSQL run as another user)'}`,
  async () => {
    const parent = path.join(root, 'private');
    fs.mkdirSync(parent, { mode: 0o700 });
    fs.chmodSync(parent, 0o700); // like /root, or a folder from mktemp -d
    const dataDir = path.join(parent, 'data', 'postgres');
    const first = await start(dataDir);
    await sql(first.databaseUrl, "CREATE TABLE kept AS SELECT 'inside' AS v");
    await first.stop();
    const second = await start(dataDir);
    expect(await sql(second.databaseUrl, 'SELECT v FROM kept')).toEqual([{ v: 'inside' }]);
    expect(fs.readdirSync(path.dirname(dataDir))).toEqual(['postgres']);
    expect(fs.statSync(parent).mode & 0o777).toBe(0o700); // nothing was opened up to make it work
  },
  120_000,
);

test('a data directory below a file gives a one-line error', async () => {
  fs.writeFileSync(path.join(root, 'file'), 'x');
  const err = await errorOf(start(path.join(root, 'file', 'data')));
  expect(err.code).toBe('DATA_DIR_UNWRITABLE');
  expect(err.message).not.toContain('\n');
});

test('a failing initdb leaves no data directory and no temporary behind', async () => {
  const dataDir = path.join(root, 'data');
  // initdb refuses superuser names starting with pg_.
  const err = await errorOf(start(dataDir, undefined, { user: 'pg_not_allowed' }));
  expect(err.code).toBe('INIT_FAILED');
  expect(err.message).toMatch(/^initdb failed for .*: .+$/);
  expect(fs.readdirSync(root)).toEqual([]);
}, 60_000);

test('a non-empty directory that is not a cluster is refused, untouched', async () => {
  const dataDir = path.join(root, 'data');
  fs.mkdirSync(dataDir);
  fs.writeFileSync(path.join(dataDir, 'notes.txt'), 'mine');
  const err = await errorOf(start(dataDir));
  expect(err.code).toBe('DATA_DIR_NOT_A_CLUSTER');
  expect(fs.readdirSync(dataDir)).toEqual(['notes.txt']);
});

test('after a crash: leftovers of an interrupted initdb are removed, a stale postmaster.pid is ignored, a server this process left running is restarted', async () => {
  const dataDir = path.join(root, 'data');
  // An initdb interrupted by a crash (its process is gone).
  const leftover = path.join(root, 'data.initdb-tmp-999999999-deadbeef');
  fs.mkdirSync(leftover);
  fs.writeFileSync(path.join(leftover, 'PG_VERSION'), '18\n');

  const first = await start(dataDir);
  expect(fs.existsSync(leftover)).toBe(false);
  await sql(first.databaseUrl, 'CREATE TABLE t (v int)');
  await sql(first.databaseUrl, 'INSERT INTO t VALUES (1)');

  // Started again without stop() (e.g. a restart inside the same process): the old server is shut down first.
  const second = await start(dataDir);
  expect(await sql(second.databaseUrl, 'SELECT v FROM t')).toEqual([{ v: 1 }]);
  await first.stop(); // already gone: resolves
  await second.stop();

  // A postmaster.pid whose process is gone (e.g. after a power cut or container restart).
  fs.writeFileSync(path.join(dataDir, 'postmaster.pid'), `999999999\n${dataDir}\n`);
  const third = await start(dataDir);
  expect(await sql(third.databaseUrl, 'SELECT v FROM t')).toEqual([{ v: 1 }]);
}, 120_000);

/** Starts tests/db/fixtures/holdPostgres.ts in another process; resolves with it and the postgres pid. */
async function holdInAnotherProcess(dataDir: string, port: number) {
  // One process (`node --import tsx`, not the tsx launcher, which runs node as a child), so SIGKILL kills the app.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures', 'holdPostgres.ts'), dataDir, String(port)], {
    cwd: path.resolve(__dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const postgresPid = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return { child, postgresPid };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('a server left running by a killed app is shut down and the data directory reused; one of a live app is refused', async () => {
  const dataDir = path.join(root, 'data');
  const port = await findFreePort();
  const { child, postgresPid } = await holdInAnotherProcess(dataDir, port);
  try {
    await sql(`postgresql://postgres:postgres@127.0.0.1:${port}/duty_engine`, 'CREATE TABLE t AS SELECT 42 AS v');

    // The other app is alive: its server is not touched.
    const err = await errorOf(start(dataDir));
    expect(err.message).toMatch(/^data directory .* is in use by PostgreSQL \(pid \d+\) started by another running process/);
    expect(alive(postgresPid)).toBe(true);

    // The app is killed hard: its server is orphaned (the port stays taken).
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(alive(postgresPid)).toBe(true);
    const restarted = await start(dataDir);
    expect(alive(postgresPid)).toBe(false);
    expect(await sql(restarted.databaseUrl, 'SELECT v FROM t')).toEqual([{ v: 42 }]);
  } finally {
    child.kill('SIGKILL');
    if (alive(postgresPid)) process.kill(postgresPid, 'SIGQUIT');
  }
}, 120_000);
