import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { FailureType } from '../../src/contracts/failures';
import { startSmtpInbox, type SmtpInbox } from '../../src/embedded/smtpInbox';
import { findFreePort } from '../../src/embedded/ports';
import { readInbox } from '../../src/mail/inbox';
import { createMailTransport } from '../../src/mail/transport';
import { createDutyWorker } from '../../src/temporal/worker';
import { deliverNotice } from '../../workflows';
import { startTestDatabase, type TestDatabase } from '../support/database';
import { createDevServerTestEnv } from '../support/temporal';

// The whole path on real parts: the Temporal dev server, PostgreSQL and an SMTP server on loopback.
jest.setTimeout(180_000);

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let tmp: string;
let smtpPort: number;
let inbox: SmtpInbox | undefined;
let worker: Worker;
let running: Promise<void>;
const taskQueue = 'integration';

beforeAll(async () => {
  [env, db] = await Promise.all([createDevServerTestEnv(), startTestDatabase()]);
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'deliver-notice-'));
  smtpPort = await findFreePort();
  worker = await createDutyWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities: createActivities({
      prisma: db.prisma,
      mail: createMailTransport(`smtp://127.0.0.1:${smtpPort}`),
      mailFrom: 'Duty engine <duties@council.example>',
      clock: () => new Date(),
    }),
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await Promise.all([env?.teardown(), db?.stop()]);
  await fs.rm(tmp, { recursive: true, force: true });
});

afterEach(async () => {
  await inbox?.stop();
  inbox = undefined;
});

const input = {
  to: ['community.safety@council.example'],
  subject: 'Domestic Homicide Review decision due',
  text: 'Decide whether to hold a review by 14 March 2026.',
  about: 'DHR-2026-01',
};

it('sends the notice by email and records it in the database', async () => {
  inbox = await startSmtpInbox({ port: smtpPort, inboxDir: path.join(tmp, 'inbox-1') });
  const handle = await env.client.workflow.start(deliverNotice, { taskQueue, workflowId: 'notice:integration-1', args: [input] });
  const receipt = await handle.result();
  if (process.env.RECORD_HISTORIES) {
    // Refreshes the history that tests/replay replays: RECORD_HISTORIES=1 npx jest tests/integration
    const file = path.resolve(__dirname, '../replay/histories/deliverNotice.json');
    await fs.writeFile(file, `${historyToJSON(await handle.fetchHistory())}\n`);
  }

  expect(receipt.alreadySent).toBe(false);
  const messages = await readInbox(inbox.inboxDir);
  expect(messages).toHaveLength(1);
  expect(messages[0]).toMatchObject({
    to: 'community.safety@council.example',
    subject: 'Domestic Homicide Review decision due',
    messageId: receipt.messageId,
  });
  expect(messages[0]!.text).toContain('14 March 2026');

  const outbox = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'notice:integration-1/notice' } });
  expect(outbox).toMatchObject({ status: 'SENT', attempts: 1, recipients: ['community.safety@council.example'] });
  const events = await db.prisma.auditEvent.findMany({ where: { subject: 'DHR-2026-01' } });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ kind: 'notice.sent', detail: { workflowId: 'notice:integration-1', messageId: receipt.messageId } });
});

it('retries while the mail server is down and sends exactly one email when it returns', async () => {
  const handle = await env.client.workflow.start(deliverNotice, { taskQueue, workflowId: 'notice:integration-2', args: [input] });
  // Wait until the first attempt has failed against the closed port.
  for (let i = 0; i < 100; i++) {
    const row = await db.prisma.outboxMessage.findUnique({ where: { idempotencyKey: 'notice:integration-2/notice' } });
    if (row?.lastError) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const pending = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'notice:integration-2/notice' } });
  expect(pending.status).toBe('PENDING');

  inbox = await startSmtpInbox({ port: smtpPort, inboxDir: path.join(tmp, 'inbox-2') });
  const receipt = await handle.result();
  expect(receipt.alreadySent).toBe(false);
  expect(await readInbox(inbox.inboxDir)).toHaveLength(1);
  const sent = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'notice:integration-2/notice' } });
  expect(sent.status).toBe('SENT');
  expect(sent.attempts).toBeGreaterThanOrEqual(2);
});

it('fails at once, without a retry, when started with a malformed notice', async () => {
  // Started by name, as a client in another language would: TypeScript cannot refuse the input.
  const handle = await env.client.workflow.start('deliverNotice', {
    taskQueue,
    workflowId: 'notice:integration-malformed',
    args: [{ ...input, to: ['not-an-address'] }],
  });
  const failure = await handle.result().catch((error: unknown) => error);

  expect(failure).toBeInstanceOf(WorkflowFailedError);
  const activityFailure = (failure as WorkflowFailedError).cause;
  expect(activityFailure).toBeInstanceOf(ActivityFailure);
  expect(activityFailure).toMatchObject({ activityType: 'notify', retryState: RetryState.NON_RETRYABLE_FAILURE });
  const applicationFailure = activityFailure?.cause as ApplicationFailure;
  expect(applicationFailure).toBeInstanceOf(ApplicationFailure);
  expect(applicationFailure).toMatchObject({ type: FailureType.InvalidActivityInput, nonRetryable: true });
  expect(applicationFailure.message).toMatch(/^notify was called with invalid input: to\.0: /);

  const { events } = await handle.fetchHistory();
  const attempts = (events ?? []).filter((event) => event.activityTaskStartedEventAttributes).map((event) => event.activityTaskStartedEventAttributes!.attempt);
  expect(attempts).toEqual([1]);
  expect(await db.prisma.outboxMessage.findUnique({ where: { idempotencyKey: 'notice:integration-malformed/notice' } })).toBeNull();
});
