/**
 * The duty workflows on real parts: a Temporal server (time-skipping or dev), a throw-away
 * PostgreSQL with the migrations applied, a real SMTP inbox on loopback, and a worker running the
 * real activities. Tests seed bodies and people with Prisma and start assignments as the API does.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, type WorkflowHandle, type WorkflowResultType } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { addAction } from '../../src/actions/addAction';
import type { AddAction } from '../../src/contracts/api/actions';
import { BodyIdAttribute, DueDateAttribute, DutyIdAttribute, DutyStatusAttribute } from '../../src/contracts/searchAttributes';
import { dateColumn } from '../../src/db/enums';
import { DEFAULT_CATALOGUE, dutyDefinitionOf, londonToday, londonWallClockToUtc, occurrenceDue, type Catalogue } from '../../src/domain';
import { findFreePort } from '../../src/embedded/ports';
import { startSmtpInbox, type SmtpInbox } from '../../src/embedded/smtpInbox';
import { readInbox, type InboxMessage } from '../../src/mail/inbox';
import { createMailTransport } from '../../src/mail/transport';
import { scheduleMeeting, type ScheduleMeetingRequest } from '../../src/meetings/scheduleMeeting';
import { startProcess, type StartProcess } from '../../src/processes/startProcess';
import { openReview, type OpenReview } from '../../src/reviews/openReview';
import { registerDutySearchAttributes } from '../../src/temporal/searchAttributes';
import { bundleDutyWorkflows, createDutyWorker, workflowsPath } from '../../src/temporal/worker';
import { dutyAssignment, dutyAssignmentWorkflowId } from '../../workflows/dutyAssignment';
import { startTestDatabase, type TestDatabase } from './database';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Bundled once per test file: each worker restart reuses it. */
const workflowBundle = () => (bundle ??= bundleDutyWorkflows({ workflowsPath, logger: quietBundlerLogger }));
const quietBundlerLogger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

export interface AssignOptions {
  duty: string;
  body: string;
  owner: string;
  manager?: string;
  chair?: string;
  opensOn: string;
  givenDue?: string;
}

export interface SentNotice {
  step: string;
  kind: string;
  fellDueAt: string;
  to: string[];
  subject: string;
}

export class DutyHarness {
  readonly taskQueue = `duties-${randomUUID()}`;
  private worker?: Worker;
  private running?: Promise<void>;

  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly db: TestDatabase,
    readonly inbox: SmtpInbox,
    private readonly tmp: string,
    private readonly catalogue: Catalogue,
  ) {}

  static async start(env: TestWorkflowEnvironment, catalogue: Catalogue = DEFAULT_CATALOGUE): Promise<DutyHarness> {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'duty-harness-'));
    const [db, inbox] = await Promise.all([
      startTestDatabase(),
      findFreePort().then((port) => startSmtpInbox({ port, inboxDir: path.join(tmp, 'mail') })),
    ]);
    await registerDutySearchAttributes(env.connection, env.namespace ?? 'default');
    const harness = new DutyHarness(env, db, inbox, tmp, catalogue);
    await harness.startWorker();
    return harness;
  }

  /** The activities as the worker runs them, for calling one directly (as a retry would). */
  activities() {
    return createActivities({
      prisma: this.db.prisma,
      mail: createMailTransport(this.inbox.url),
      mailFrom: 'Duty engine <duties@county.example.org>',
      clock: () => new Date(),
      catalogue: () => this.catalogue,
      temporal: this.plainClient(),
    });
  }

  /** A client without the time-skipping one's habit of unlocking time while it waits (see result). */
  plainClient(): Client {
    return new Client({ connection: this.env.connection, namespace: this.env.namespace ?? 'default' });
  }

  /** Skips the test server's clock forward to `time` (London) on `date`, if that is still ahead. */
  async sleepUntil(date: string, time = '12:00'): Promise<void> {
    const ms = londonWallClockToUtc(date, time).epochMs - (await this.env.currentTimeMs());
    if (ms > 0) await this.env.sleep(ms);
  }

  async startWorker(): Promise<void> {
    this.worker = await createDutyWorker({
      connection: this.env.nativeConnection,
      namespace: this.env.namespace ?? 'default',
      taskQueue: this.taskQueue,
      workflowBundle: await workflowBundle(),
      // No sticky cache: the Java test server strands a task on a stopped worker's sticky queue, and
      // without one every workflow task replays its history, so each step is also a replay test.
      maxCachedWorkflows: 0,
      activities: this.activities(),
    });
    this.running = this.worker.run();
  }

  async stopWorker(): Promise<void> {
    this.worker?.shutdown();
    await this.running;
    this.worker = undefined;
  }

  async stop(): Promise<void> {
    await this.stopWorker().catch(() => undefined);
    await Promise.all([this.db.stop(), this.inbox.stop()]);
    await fs.rm(this.tmp, { recursive: true, force: true });
  }

  /** Today's date in London on the server's clock (which time skipping moves). */
  async today(): Promise<string> {
    return londonToday(await this.env.currentTimeMs());
  }

  async addBody(id: string, name = id, kind: 'council' | 'committee' | 'panel' | 'board' | 'community_safety_partnership' = 'committee') {
    await this.db.prisma.body.create({ data: { id, name, kind } });
  }

  async addPerson(email: string, name: string, memberships: { body: string; role: string }[] = [], manager?: string) {
    const managerId = manager ? (await this.db.prisma.person.findUniqueOrThrow({ where: { email: manager } })).id : null;
    await this.db.prisma.person.create({
      data: { email, name, managerId, memberships: { create: memberships.map((m) => ({ bodyId: m.body, role: m.role })) } },
    });
  }

  /** Adds an action and starts its workflow, with the service the API and CLI use. */
  async addAction(input: AddAction, options: Parameters<typeof addAction>[2] = {}) {
    return addAction({ prisma: this.db.prisma, temporal: this.env.client, taskQueue: this.taskQueue }, input, options);
  }

  /** Writes the assignment row and starts its workflow, as the API does. */
  async assign(options: AssignOptions): Promise<{ assignmentId: string; handle: WorkflowHandle<typeof dutyAssignment> }> {
    const definition = dutyDefinitionOf(this.catalogue, options.duty);
    if (!definition) throw new Error(`no duty ${options.duty}`);
    const assignmentId = `a-${randomUUID().slice(0, 8)}`;
    const workflowId = dutyAssignmentWorkflowId(options.body, options.duty);
    const person = (email: string) => this.db.prisma.person.findUniqueOrThrow({ where: { email } }).then((p) => p.id);
    await this.db.prisma.assignment.create({
      data: {
        id: assignmentId,
        dutyId: options.duty,
        bodyId: options.body,
        ownerId: await person(options.owner),
        managerId: options.manager ? await person(options.manager) : null,
        chairId: options.chair ? await person(options.chair) : null,
        anchorDate: dateColumn(options.opensOn),
        workflowId,
        liveKey: `${options.body}:${options.duty}`,
      },
    });
    const due = occurrenceDue(definition, options.opensOn, options.givenDue);
    const handle = await this.env.client.workflow.start(dutyAssignment, {
      taskQueue: this.taskQueue,
      workflowId,
      args: [
        {
          assignmentId,
          bodyId: options.body,
          dutyId: options.duty,
          definition,
          occurrence: { sequence: 1, opensOn: options.opensOn, ...(options.givenDue ? { givenDue: options.givenDue } : {}) },
        },
      ],
      typedSearchAttributes: [
        { key: DutyIdAttribute, value: options.duty },
        { key: BodyIdAttribute, value: options.body },
        { key: DutyStatusAttribute, value: 'upcoming' },
        { key: DueDateAttribute, value: new Date(`${due.statutoryDue}T00:00:00Z`) },
      ],
    });
    return { assignmentId, handle };
  }

  /**
   * A workflow's result without moving the clock: the time-skipping client's own `result()` unlocks
   * time skipping while it waits, and the Java test server then leaps years ahead.
   */
  async result<W extends Workflow>(handle: WorkflowHandle<W>): Promise<WorkflowResultType<W>> {
    return this.plainClient().workflow.getHandle<W>(handle.workflowId).result();
  }

  /** Writes the meeting's row and starts its workflow, with the service the API and CLI use. */
  async scheduleMeeting(request: ScheduleMeetingRequest) {
    return scheduleMeeting({ prisma: this.db.prisma, temporal: this.env.client, taskQueue: this.taskQueue, catalogue: () => this.catalogue }, request);
  }

  /** Writes a review case's row and starts its workflow, with the service the API and CLI use. */
  async openReview(request: OpenReview) {
    return openReview({ prisma: this.db.prisma, temporal: this.env.client, taskQueue: this.taskQueue }, request);
  }

  /** The notices a review case sent, in order (from the audit trail). */
  async reviewNotices(caseId: string): Promise<(SentNotice & { clock: string })[]> {
    const events = await this.db.prisma.auditEvent.findMany({
      where: { subject: `review:${caseId}`, kind: { startsWith: 'notice.' } },
      orderBy: { recordedAt: 'asc' },
    });
    return events.map((event) => {
      const detail = event.detail as Record<string, unknown>;
      return { clock: String(detail.clock), step: String(detail.step), kind: event.kind, fellDueAt: String(detail.fellDueAt), to: detail.to as string[], subject: String(detail.subject) };
    });
  }

  /** Writes a statutory process's row and starts its workflow, with the service the API and CLI use. */
  async startProcess(request: StartProcess) {
    return startProcess({ prisma: this.db.prisma, temporal: this.env.client, taskQueue: this.taskQueue }, request);
  }

  /** The notices a statutory process sent, in order, with their cycle and clock (from the audit trail). */
  async processNotices(processId: string): Promise<(SentNotice & { clock: string; cycle: number })[]> {
    const events = await this.db.prisma.auditEvent.findMany({
      where: { subject: `process:${processId}`, kind: { startsWith: 'notice.' } },
      orderBy: { recordedAt: 'asc' },
    });
    return events.map((event) => {
      const detail = event.detail as Record<string, unknown>;
      return { cycle: Number(detail.cycle), clock: String(detail.clock), step: String(detail.step), kind: event.kind, fellDueAt: String(detail.fellDueAt), to: detail.to as string[], subject: String(detail.subject) };
    });
  }

  /** The deadline notices a meeting sent, in order (from the audit trail). */
  async meetingNotices(meetingId: string): Promise<(SentNotice & { deadline: string })[]> {
    const events = await this.db.prisma.auditEvent.findMany({
      where: { subject: `meeting:${meetingId}`, kind: { startsWith: 'notice.' } },
      orderBy: { recordedAt: 'asc' },
    });
    return events.map((event) => {
      const detail = event.detail as Record<string, unknown>;
      return { deadline: String(detail.deadline), step: String(detail.step), kind: event.kind, fellDueAt: String(detail.fellDueAt), to: detail.to as string[], subject: String(detail.subject) };
    });
  }

  /**
   * Refreshes a history that tests/replay replays on every run:
   * RECORD_HISTORIES=1 npx jest tests/duties (then commit tests/replay/histories/).
   */
  async recordHistory(handle: WorkflowHandle & { firstExecutionRunId?: string }, name: string): Promise<void> {
    if (!process.env.RECORD_HISTORIES) return;
    // The first run: a later one (after continue-as-new) starts afresh and shows less.
    const firstRun = this.env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId);
    const file = path.resolve(__dirname, '../replay/histories', `${name}.json`);
    await fs.writeFile(file, `${historyToJSON(await firstRun.fetchHistory())}\n`);
  }

  /** The notices an assignment sent, in order, with the workflow time each fell due (from the audit trail). */
  async notices(assignmentId: string): Promise<SentNotice[]> {
    return this.noticesOf(`assignment:${assignmentId}`);
  }

  /** The notices an action sent, in order (from the audit trail). */
  async actionNotices(actionId: string): Promise<SentNotice[]> {
    return this.noticesOf(`action:${actionId}`);
  }

  private async noticesOf(subject: string): Promise<SentNotice[]> {
    const events = await this.db.prisma.auditEvent.findMany({
      where: { subject, kind: { startsWith: 'notice.' } },
      orderBy: { recordedAt: 'asc' },
    });
    return events.map((event) => {
      const detail = event.detail as Record<string, unknown>;
      return { step: String(detail.step), kind: event.kind, fellDueAt: String(detail.fellDueAt), to: detail.to as string[], subject: String(detail.subject) };
    });
  }

  /** Every message the SMTP server received, oldest first. */
  async mail(): Promise<InboxMessage[]> {
    return (await readInbox(this.inbox.inboxDir)).reverse();
  }
}
