/**
 * The whole engine on real parts for API and CLI tests: a throw-away PostgreSQL, the Temporal dev
 * server with the duty search attributes, a worker running the real workflows and activities, a
 * real SMTP inbox on loopback, and the HTTP server from buildHttpServer on a free port.
 *
 *   let engine: TestEngine;
 *   beforeAll(async () => { engine = await startTestEngine(); }, 300_000);
 *   afterAll(() => engine?.stop());
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { createActivities } from '../../activities';
import { DEFAULT_CATALOGUE } from '../../src/domain';
import { findFreePort } from '../../src/embedded/ports';
import { startSmtpInbox, type SmtpInbox } from '../../src/embedded/smtpInbox';
import { readInbox, type InboxMessage } from '../../src/mail/inbox';
import { createMailTransport } from '../../src/mail/transport';
import { buildHttpServer } from '../../src/server/http';
import { createDutyWorker } from '../../src/temporal/worker';
import { createTestAccount, type TestAccount } from './auth';
import { startTestDatabase, type TestDatabase } from './database';
import { createDevServerTestEnv } from './temporal';

export interface TestEngine {
  db: TestDatabase;
  env: TestWorkflowEnvironment;
  inbox: SmtpInbox;
  /** The HTTP server's base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Every message the SMTP inbox has received, newest first. */
  mail(): Promise<InboxMessage[]>;
  /** An admin account (admin@engine.test, a person with no memberships) and its API token, for tests that are not about sign-in. */
  admin: TestAccount;
  /** The admin's API token: `DUTY_ENGINE_TOKEN` for CLI tests, `jsonClient(engine.url, engine.token)` for API tests. */
  token: string;
  /** 500s the server reported (none expected). */
  unexpectedErrors: Error[];
  stop(): Promise<void>;
}

export async function startTestEngine(): Promise<TestEngine> {
  const [env, db] = await Promise.all([createDevServerTestEnv(), startTestDatabase()]);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'duty-engine-'));
  const inbox = await startSmtpInbox({ port: await findFreePort(), inboxDir: path.join(tmp, 'mail') });
  const mail = createMailTransport(inbox.url);
  const taskQueue = 'duty-engine-test';
  const catalogue = () => DEFAULT_CATALOGUE;
  const worker: Worker = await createDutyWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    // As src/system.ts builds them: recording a meeting's scrutiny outcome updates a duty's workflow through the client.
    activities: createActivities({ prisma: db.prisma, mail, mailFrom: 'Duty engine <duties@council.example>', clock: () => new Date(), catalogue, temporal: env.client }),
  });
  const running = worker.run();
  const unexpectedErrors: Error[] = [];
  const app: FastifyInstance = buildHttpServer({
    prisma: db.prisma,
    temporal: env.client,
    taskQueue,
    catalogue,
    checks: {},
    onUnexpectedError: (error) => unexpectedErrors.push(error),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const admin = await createTestAccount(db.prisma, { email: 'admin@engine.test', name: 'Test Admin', role: 'admin' });
  const { port } = app.server.address() as { port: number };
  return {
    db,
    env,
    inbox,
    url: `http://127.0.0.1:${port}`,
    admin,
    token: admin.token,
    mail: () => readInbox(inbox.inboxDir),
    unexpectedErrors,
    async stop() {
      await app.close();
      worker.shutdown();
      await running;
      mail.close();
      await inbox.stop();
      await Promise.all([env.teardown(), db.stop()]);
      await fs.rm(tmp, { recursive: true, force: true });
    },
  };
}
