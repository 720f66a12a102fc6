import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import { EmbeddedToolError } from './errors';
import { assertPortFree, waitForTcp } from './ports';
import { LineTail } from './progress';

/**
 * Runs the Temporal dev server (`temporal server start-dev`) as a child process, with its SQLite file at `dbFile` so
 * workflows survive restarts, and the Web UI on.
 */

export class TemporalDevServerError extends EmbeddedToolError {
  override readonly name = 'TemporalDevServerError';
}

export interface TemporalDevServerOptions {
  /** Path of the `temporal` binary (see ensureTemporalCli). */
  cliPath: string;
  /** SQLite file; its directory is created if missing. */
  dbFile: string;
  /** Front-end gRPC port. */
  port: number;
  /** Web UI port. */
  uiPort: number;
  /** Namespace created at start (in addition to `default`). */
  namespace: string;
  /** Custom search attributes registered at start (`--search-attribute Name=Type`). */
  searchAttributes?: ReadonlyArray<SearchAttributeKey<SearchAttributeType>>;
  log?: (line: string) => void;
  /** How long to wait for the server to answer gRPC calls; default 60 s. */
  startTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL; default 10 s. */
  stopGraceMs?: number;
}

export interface RunningTemporalDevServer {
  /** `127.0.0.1:<port>`, for Connection / NativeConnection. */
  address: string;
  /** `http://127.0.0.1:<uiPort>` */
  uiUrl: string;
  /** SIGTERM, then SIGKILL after the grace period; resolves once the process has exited. Idempotent. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/** The type names `temporal server start-dev --search-attribute` takes. */
const CLI_TYPE_NAMES: Record<SearchAttributeType, string> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

export async function startTemporalDevServer(opts: TemporalDevServerOptions): Promise<RunningTemporalDevServer> {
  const log = opts.log ?? (() => undefined);
  const startTimeoutMs = opts.startTimeoutMs ?? 60_000;
  const stopGraceMs = opts.stopGraceMs ?? 10_000;

  await assertPortFree(opts.port, 'stop the other Temporal server or set TEMPORAL_PORT', HOST).catch(rethrowAsDevServerError);
  await assertPortFree(opts.uiPort, 'stop the other Temporal server or set TEMPORAL_UI_PORT', HOST).catch(rethrowAsDevServerError);

  const dbFile = path.resolve(opts.dbFile);
  try {
    fs.mkdirSync(path.dirname(dbFile), { recursive: true });
    fs.accessSync(path.dirname(dbFile), fs.constants.W_OK);
  } catch (err) {
    throw new TemporalDevServerError(
      `cannot write the Temporal database directory ${path.dirname(dbFile)} (${(err as NodeJS.ErrnoException).code ?? String(err)}): choose a writable data directory`,
    );
  }

  const args = [
    'server',
    'start-dev',
    '--ip',
    HOST,
    '--port',
    String(opts.port),
    '--ui-port',
    String(opts.uiPort),
    '--db-filename',
    dbFile,
    '--namespace',
    opts.namespace,
    '--log-level',
    'warn',
    ...(opts.searchAttributes ?? []).flatMap((key) => ['--search-attribute', `${key.name}=${CLI_TYPE_NAMES[key.type]}`]),
  ];
  const address = `${HOST}:${opts.port}`;
  const uiUrl = `http://${HOST}:${opts.uiPort}`;
  log(`starting Temporal dev server on ${address} (UI ${uiUrl}, database ${dbFile})...`);

  const started = Date.now();
  const child = spawn(opts.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  const output = new LineTail(15);
  child.stdout?.on('data', (d: Buffer) => output.push(d));
  child.stderr?.on('data', (d: Buffer) => output.push(d));

  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let stopping = false;
  let ready = false;
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('error', (err) => {
      spawnError = err;
      exit ??= { code: null, signal: null };
      resolve();
    });
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      if (ready && !stopping) {
        log(`Temporal dev server exited unexpectedly (${describeExit(code, signal)}): ${lastLines(output)}`);
      }
      resolve();
    });
  });
  // Never leave an orphaned server behind if this process goes away without calling stop().
  const killOnExit = (): void => {
    if (!exit) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const stop = async (): Promise<void> => {
    stopping = true;
    process.removeListener('exit', killOnExit);
    await terminate(child, () => exit !== undefined, exited, stopGraceMs);
  };

  try {
    await waitUntilServing(address, opts.namespace, startTimeoutMs, () => exit !== undefined);
  } catch (err) {
    stopping = true;
    await stop();
    if (spawnError) {
      throw new TemporalDevServerError(`cannot run the Temporal CLI at ${opts.cliPath}: ${spawnError.message}; check TEMPORAL_CLI_PATH or remove the cached binary to rebuild it`);
    }
    if (exit && !(err instanceof TimeoutError)) {
      throw new TemporalDevServerError(
        `the Temporal dev server exited during start-up (${describeExit(exit.code, exit.signal)}): ${lastLines(output)}`,
      );
    }
    throw new TemporalDevServerError(
      `the Temporal dev server did not answer on ${address} within ${Math.round(startTimeoutMs / 1000)}s (${(err as Error).message}): ${lastLines(output) || 'no output'}`,
    );
  }
  ready = true;
  log(`Temporal dev server ready on ${address} in ${((Date.now() - started) / 1000).toFixed(1)}s; Web UI at ${uiUrl}`);
  return { address, uiUrl, stop };
}

class TimeoutError extends Error {}

/** Waits for the port, then for a gRPC call against the namespace to succeed. */
async function waitUntilServing(address: string, namespace: string, timeoutMs: number, hasExited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const [host, port] = [HOST, Number(address.split(':').pop())];
  try {
    await waitForTcp(port, host, timeoutMs, hasExited);
  } catch (err) {
    if (hasExited()) throw err;
    throw new TimeoutError('the port never accepted connections');
  }
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('exited');
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: 5_000 });
      await connection.workflowService.describeNamespace({ namespace });
      return;
    } catch (err) {
      lastError = (err as Error).message.split('\n')[0] ?? String(err);
    } finally {
      await connection?.close().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new TimeoutError(`last error: ${lastError}`);
}

async function terminate(child: ChildProcess, hasExited: () => boolean, exited: Promise<void>, graceMs: number): Promise<void> {
  if (hasExited()) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (!hasExited()) child.kill('SIGKILL');
  }, graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

function rethrowAsDevServerError(err: unknown): never {
  throw err instanceof EmbeddedToolError ? new TemporalDevServerError(err.message) : err;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

function lastLines(tail: LineTail): string {
  return tail
    .text()
    .slice(-5)
    .map((l) => l.trim())
    .join(' | ');
}
