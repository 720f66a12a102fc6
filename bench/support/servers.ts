/**
 * The engine on real parts for a benchmark, as `npm start` runs it but on free ports and in a
 * temporary directory: a throw-away embedded PostgreSQL with the migrations applied, the Temporal
 * dev server (its SQLite file kept, so its size can be read), the SMTP inbox, a worker with the
 * real activities (plus the no-op baseline workflow) and the HTTP API.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { createActivities } from '../../activities';
import { DUTY_SEARCH_ATTRIBUTES } from '../../src/contracts/searchAttributes';
import { createPrismaClient, type PrismaClient } from '../../src/db/client';
import { applyPendingMigrations } from '../../src/db/migrations';
import { createAccount } from '../../src/auth/accounts';
import { issueApiToken } from '../../src/auth/apiTokens';
import { randomBytes } from 'node:crypto';
import { DEFAULT_CATALOGUE } from '../../src/domain';
import { findFreePort } from '../../src/embedded/ports';
import { startSmtpInbox, type SmtpInbox } from '../../src/embedded/smtpInbox';
import { ensureTemporalCli } from '../../src/embedded/temporalCli';
import { startTemporalDevServer } from '../../src/embedded/temporalDevServer';
import { startThrowawayPostgres } from '../../src/embedded/throwawayPostgres';
import { createMailTransport, type MailTransport } from '../../src/mail/transport';
import { buildHttpServer } from '../../src/server/http';
import { connectTemporalClient, connectWorkerConnection } from '../../src/temporal/client';
import { installTemporalRuntime } from '../../src/temporal/runtime';
import { bundleDutyWorkflows, createDutyWorker } from '../../src/temporal/worker';
import { log } from './runner';

export const NAMESPACE = 'duty-bench';
export const TASK_QUEUE = 'duty-bench';
export const MAIL_FROM = 'Duty engine <duties@council.example>';

export interface BenchServers {
  prisma: PrismaClient;
  databaseUrl: string;
  inbox: SmtpInbox;
  mail: MailTransport;
  client: Client;
  /** Absent with `worker: false`. */
  worker?: Worker;
  /** The HTTP API's base URL; absent with `http: false`. */
  url?: string;
  /** The API, as a bench admin calls it (base URL and bearer token); absent with `http: false`. */
  api?: BenchApi;
  /** The dev server's SQLite file (plus its -wal and -shm), in bytes. */
  temporalDbBytes(): number;
  /** The dev server process's resident memory in bytes (from /proc), if it can be found. */
  temporalServerRssBytes(): number | undefined;
  stop(): Promise<void>;
}

export interface BenchApi {
  url: string;
  token: string;
}

export interface BenchServerOptions {
  temporal?: boolean;
  worker?: boolean;
  http?: boolean;
  maxCachedWorkflows?: number;
  /** PostgreSQL pool size shared by the API and the activities (pg default 10). */
  maxConnections?: number;
  /** Workflow tasks the worker takes at once (SDK default 40). */
  maxConcurrentWorkflowTaskExecutions?: number;
}

let bundle: ReturnType<typeof bundleDutyWorkflows> | undefined;
const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

export async function startBenchServers(opts: BenchServerOptions = {}): Promise<BenchServers> {
  installTemporalRuntime('warn');
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((error: Error) => log(`stopping: ${error.message}`));
    stops.length = 0;
  };
  try {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-bench-'));
    fs.chmodSync(tmp, 0o755);
    stops.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));

    const pg = await startThrowawayPostgres({ database: 'duty_bench' });
    stops.push(() => pg.stop());
    await applyPendingMigrations(pg.databaseUrl, { log: () => undefined });
    const prisma = createPrismaClient(pg.databaseUrl, opts.maxConnections !== undefined ? { maxConnections: opts.maxConnections } : {});
    stops.push(() => prisma.$disconnect());

    const inbox = await startSmtpInbox({ port: await findFreePort(), inboxDir: path.join(tmp, 'mail') });
    stops.push(() => inbox.stop());
    const mail = createMailTransport(inbox.url);
    stops.push(async () => mail.close());

    const dbFile = path.join(tmp, 'temporal', 'temporal.db');
    let client: Client | undefined;
    let worker: Worker | undefined;
    let url: string | undefined;
    let api: BenchApi | undefined;
    if (opts.temporal !== false) {
      const server = await startTemporalDevServer({
        cliPath: await ensureTemporalCli({ log }),
        dbFile,
        port: await findFreePort(),
        uiPort: await findFreePort(),
        namespace: NAMESPACE,
        searchAttributes: DUTY_SEARCH_ATTRIBUTES,
      });
      stops.push(() => server.stop());
      client = await connectTemporalClient({ address: server.address }, NAMESPACE);
      const connection = client.connection;
      stops.push(() => connection.close());
      const catalogue = () => DEFAULT_CATALOGUE;
      if (opts.worker !== false) {
        const native: NativeConnection = await connectWorkerConnection({ address: server.address });
        stops.push(() => native.close());
        worker = await createDutyWorker({
          connection: native,
          namespace: NAMESPACE,
          taskQueue: TASK_QUEUE,
          workflowBundle: await (bundle ??= bundleDutyWorkflows({ workflowsPath: require.resolve('../workflows'), logger: quiet })),
          activities: createActivities({ prisma, mail, mailFrom: MAIL_FROM, clock: () => new Date(), catalogue, temporal: client }),
          ...(opts.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
          ...(opts.maxConcurrentWorkflowTaskExecutions !== undefined ? { maxConcurrentWorkflowTaskExecutions: opts.maxConcurrentWorkflowTaskExecutions } : {}),
        });
        const running = worker.run();
        const w = worker;
        stops.push(async () => {
          if (w.getState() === 'RUNNING') w.shutdown();
          await running.catch(() => undefined);
        });
      }
      if (opts.http !== false) {
        const app: FastifyInstance = buildHttpServer({
          prisma,
          temporal: client,
          taskQueue: TASK_QUEUE,
          catalogue,
          checks: {},
          onUnexpectedError: (error) => log(`http: ${error.message}`),
        });
        await app.listen({ host: '127.0.0.1', port: 0 });
        stops.push(() => app.close());
        url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
        // Every /api route wants a principal: the bench calls it as an admin with an API token.
        const admin = await createAccount({ email: 'bench.admin@council.example', name: 'Bench admin', role: 'admin', password: randomBytes(18).toString('base64url') }, prisma);
        api = { url, token: (await issueApiToken({ accountId: admin.accountId, name: 'bench' }, { prisma })).token };
      }
    }

    return {
      prisma,
      databaseUrl: pg.databaseUrl,
      inbox,
      mail,
      get client(): Client {
        if (!client) throw new Error('started without Temporal');
        return client;
      },
      worker,
      url,
      api,
      temporalServerRssBytes: () => processRssBytes(dbFile),
      temporalDbBytes: () => ['', '-wal', '-shm'].reduce((sum, suffix) => sum + (fs.statSync(dbFile + suffix, { throwIfNoEntry: false })?.size ?? 0), 0),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The resident memory of the process whose command line names `marker` (the dev server names its SQLite file). */
function processRssBytes(marker: string): number | undefined {
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) continue;
      const kib = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m)?.[1];
      if (kib) return Number(kib) * 1024;
    } catch {
      // the process ended or is not ours to read
    }
  }
  return undefined;
}

/**
 * Resolves when the worker has had nothing in flight for `quietMs`, with the time the quiet began:
 * the moment the work started so far had been done (the quiet itself is not counted).
 */
export async function workerSettled(worker: Worker, quietMs = 150): Promise<number> {
  let quietSince: number | undefined;
  for (;;) {
    const s = worker.getStatus();
    const busy = s.numInFlightWorkflowActivations + s.numInFlightActivities > 0;
    const now = performance.now();
    if (busy) quietSince = undefined;
    else if (quietSince === undefined) quietSince = now;
    else if (now - quietSince >= quietMs) return quietSince;
    await new Promise((r) => setTimeout(r, 10));
  }
}
