/**
 * The engine on real parts that a fault test can break and mend: an embedded PostgreSQL on its own
 * data directory and port (stopped and started again on both), the SMTP inbox on a fixed port, the
 * Temporal dev server on a SQLite file (restarted on it), and duty workers in this process or in
 * child processes. Assignments are written and started as the API does, many at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createActivities } from '../../../activities';
import { DUTY_SEARCH_ATTRIBUTES } from '../../../src/contracts/searchAttributes';
import { createPrismaClient, type PrismaClient } from '../../../src/db/client';
import { dateColumn } from '../../../src/db/enums';
import { applyPendingMigrations } from '../../../src/db/migrations';
import { DEFAULT_CATALOGUE, dutyDefinitionOf, formatIsoDate, londonToday, parseIsoDate } from '../../../src/domain';
import { findFreePort } from '../../../src/embedded/ports';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../../src/embedded/postgres';
import { startSmtpInbox, type SmtpInbox } from '../../../src/embedded/smtpInbox';
import { ensureTemporalCli } from '../../../src/embedded/temporalCli';
import { startTemporalDevServer, type RunningTemporalDevServer } from '../../../src/embedded/temporalDevServer';
import { createMailTransport } from '../../../src/mail/transport';
import { bundleDutyWorkflows, createDutyWorker, workflowsPath } from '../../../src/temporal/worker';
import { dutyAssignment, dutyAssignmentWorkflowId } from '../../../workflows/dutyAssignment';
import '../../support/ensurePrismaClient';

/** An event-driven duty with reminders 14, 7 and 2 days ahead: given a due date five days on, exactly one (reminder-7) is due now. */
export const DUTY = 'dhr-publication';
export const OWNER = 'owner@county.example.org';
const MAIL_FROM = 'Duty engine <duties@county.example.org>';
const WORKER_SCRIPT = path.join(__dirname, 'workerProcess.ts');

export const today = () => londonToday(Date.now());
export const daysFromToday = (days: number) => formatIsoDate(parseIsoDate(today()) + days);

export interface Assigned {
  assignmentId: string;
  handle: WorkflowHandle<typeof dutyAssignment>;
}

/** Polls `check` every `everyMs` until it returns a value, failing after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 120_000, everyMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FaultRig {
  readonly taskQueue = `faults-${randomUUID().slice(0, 8)}`;
  prisma!: PrismaClient;
  client!: Client;
  private postgres?: EmbeddedPostgres;
  private smtp?: SmtpInbox;
  private temporal?: RunningTemporalDevServer;
  private worker?: { worker: Worker; running: Promise<void>; connection: NativeConnection };
  private bundlePath?: string;
  private readonly children = new Set<ChildProcess>();

  private constructor(
    private readonly tmp: string,
    readonly ports: { postgres: number; smtp: number; temporal: number; temporalUi: number },
    private readonly cliPath: string,
  ) {}

  static async start(): Promise<FaultRig> {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'duty-faults-'));
    await fs.chmod(tmp, 0o755); // the postgres user must reach its data directory inside
    const [postgres, smtp, temporal, temporalUi] = [await findFreePort(), await findFreePort(), await findFreePort(), await findFreePort()];
    const rig = new FaultRig(tmp, { postgres, smtp, temporal, temporalUi }, await ensureTemporalCli({ log: () => undefined }));
    try {
      await rig.startPostgres();
      await applyPendingMigrations(rig.databaseUrl);
      rig.prisma = createPrismaClient(rig.databaseUrl);
      await rig.startSmtp();
      await rig.startTemporal();
      rig.client = new Client({ connection: await Connection.connect({ address: rig.temporalAddress }), namespace: 'default' });
      await rig.prisma.person.create({ data: { email: OWNER, name: 'Olu Owner' } });
    } catch (error) {
      await rig.stop();
      throw error;
    }
    return rig;
  }

  get databaseUrl(): string {
    return `postgresql://postgres:postgres@127.0.0.1:${this.ports.postgres}/duty_engine`;
  }
  get smtpUrl(): string {
    return `smtp://127.0.0.1:${this.ports.smtp}`;
  }
  get temporalAddress(): string {
    return `127.0.0.1:${this.ports.temporal}`;
  }
  get inboxDir(): string {
    return path.join(this.tmp, 'mail');
  }

  /** Same data directory and port each time, as after a crash or a server upgrade. */
  async startPostgres(): Promise<void> {
    this.postgres = await startEmbeddedPostgres({ dataDir: path.join(this.tmp, 'pg'), port: this.ports.postgres, database: 'duty_engine', durable: false });
  }
  async stopPostgres(): Promise<void> {
    await this.postgres?.stop();
    this.postgres = undefined;
  }

  async startSmtp(): Promise<void> {
    this.smtp = await startSmtpInbox({ port: this.ports.smtp, inboxDir: this.inboxDir });
  }
  async stopSmtp(): Promise<void> {
    await this.smtp?.stop();
    this.smtp = undefined;
  }

  /** The dev server keeps its workflows in a SQLite file: a restart on the same file resumes them. */
  async startTemporal(): Promise<void> {
    this.temporal = await startTemporalDevServer({
      cliPath: this.cliPath,
      dbFile: path.join(this.tmp, 'temporal.sqlite'),
      port: this.ports.temporal,
      uiPort: this.ports.temporalUi,
      namespace: 'default',
      searchAttributes: DUTY_SEARCH_ATTRIBUTES,
    });
  }
  async stopTemporal(): Promise<void> {
    await this.temporal?.stop();
    this.temporal = undefined;
  }

  /** Bundled once: every worker, here or in a child process, runs the same code. */
  async workflowBundlePath(): Promise<string> {
    if (this.bundlePath) return this.bundlePath;
    const { code } = await bundleDutyWorkflows({ workflowsPath, logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } });
    const file = path.join(this.tmp, 'workflow-bundle.js');
    await fs.writeFile(file, code);
    return (this.bundlePath = file);
  }

  async startWorker(): Promise<void> {
    const connection = await NativeConnection.connect({ address: this.temporalAddress });
    const worker = await createDutyWorker({
      connection,
      namespace: 'default',
      taskQueue: this.taskQueue,
      workflowBundle: { codePath: await this.workflowBundlePath() },
      activities: createActivities({ prisma: this.prisma, mail: createMailTransport(this.smtpUrl), mailFrom: MAIL_FROM, clock: () => new Date() }),
    });
    this.worker = { worker, running: worker.run(), connection };
  }
  async stopWorker(): Promise<void> {
    if (!this.worker) return;
    const { worker, running, connection } = this.worker;
    this.worker = undefined;
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running.catch(() => undefined);
    await connection.close().catch(() => undefined);
  }

  /** A worker in a child process; resolves once it polls. */
  async spawnWorker(): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', WORKER_SCRIPT], {
      cwd: path.join(__dirname, '../../..'),
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: this.temporalAddress,
        DATABASE_URL: this.databaseUrl,
        SMTP_URL: this.smtpUrl,
        TASK_QUEUE: this.taskQueue,
        WORKFLOW_BUNDLE: await this.workflowBundlePath(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the worker process did not start within 60 s: ${stderr}`)), 60_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the worker process exited (${signal ?? code}) before it was ready: ${stderr}`));
      });
    });
    return child;
  }

  /** SIGKILL: no shutdown, no last writes; resolves once the process is gone. */
  async kill(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /**
   * `count` assignments of DUTY, one per new body, each due five days on: each workflow's first
   * step is one catch-up reminder (reminder-7), and nothing else falls due for days.
   */
  async assignDueNow(count: number, label = randomUUID().slice(0, 6)): Promise<Assigned[]> {
    const definition = dutyDefinitionOf(DEFAULT_CATALOGUE, DUTY)!;
    const owner = await this.prisma.person.findUniqueOrThrow({ where: { email: OWNER } });
    const opensOn = daysFromToday(-10);
    const givenDue = daysFromToday(5);
    const rows = Array.from({ length: count }, (_, i) => {
      const body = `f-${label}-${i}`;
      return { body, assignmentId: `a-${randomUUID().slice(0, 8)}`, workflowId: dutyAssignmentWorkflowId(body, DUTY) };
    });
    await this.prisma.body.createMany({ data: rows.map(({ body }) => ({ id: body, name: `Fault body ${body}`, kind: 'committee' as const })) });
    await this.prisma.assignment.createMany({
      data: rows.map(({ body, assignmentId, workflowId }) => ({
        id: assignmentId,
        dutyId: DUTY,
        bodyId: body,
        ownerId: owner.id,
        anchorDate: dateColumn(opensOn),
        workflowId,
        liveKey: `${body}:${DUTY}`,
      })),
    });
    const assigned: Assigned[] = [];
    // Twenty starts at a time: enough to keep the server busy without queueing hundreds of calls.
    for (let i = 0; i < rows.length; i += 20) {
      const batch = rows.slice(i, i + 20);
      assigned.push(
        ...(await Promise.all(
          batch.map(async ({ body, assignmentId, workflowId }) => ({
            assignmentId,
            handle: await this.client.workflow.start(dutyAssignment, {
              taskQueue: this.taskQueue,
              workflowId,
              args: [{ assignmentId, bodyId: body, dutyId: DUTY, definition, occurrence: { sequence: 1, opensOn, givenDue } }],
            }),
          })),
        )),
      );
    }
    return assigned;
  }

  async stop(): Promise<void> {
    for (const child of [...this.children]) await this.kill(child);
    await this.stopWorker();
    await this.client?.connection.close().catch(() => undefined);
    await this.stopTemporal().catch(() => undefined);
    await this.stopSmtp().catch(() => undefined);
    await this.prisma?.$disconnect().catch(() => undefined);
    await this.stopPostgres().catch(() => undefined);
    await fs.rm(this.tmp, { recursive: true, force: true });
  }
}
