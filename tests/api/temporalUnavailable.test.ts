import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_CATALOGUE } from '../../src/domain';
import { findFreePort } from '../../src/embedded/ports';
import { buildHttpServer } from '../../src/server/http';
import { TEMPORAL_RETRY_AFTER_S } from '../../src/server/api/temporalUnavailable';
import { createTestAccount, type TestAccount } from '../support/auth';
import { startTestDatabase, type TestDatabase } from '../support/database';
import { jsonClient } from '../support/http';
import { createDevServerTestEnv } from '../support/temporal';

// When Temporal cannot take a start, the API answers 503 with Retry-After (a client should retry),
// not a 500, and leaves no assignment behind. Real failures: a namespace the real dev server does
// not have, and a server address where nothing listens.
jest.setTimeout(120_000);

let db: TestDatabase;
let env: TestWorkflowEnvironment;
let admin: TestAccount;
const apps: FastifyInstance[] = [];
const connections: Connection[] = [];

beforeAll(async () => {
  [db, env] = await Promise.all([startTestDatabase(), createDevServerTestEnv()]);
  await db.prisma.body.create({ data: { id: 'south-csp', name: 'South CSP', kind: 'community_safety_partnership' } });
  await db.prisma.person.create({ data: { email: 'owner@south.example', name: 'Sol Owner' } });
  admin = await createTestAccount(db.prisma, { email: 'admin@unavailable.test', role: 'admin' });
}, 300_000);
afterAll(async () => {
  for (const app of apps) await app.close();
  for (const connection of connections) await connection.close();
  await Promise.all([env?.teardown(), db?.stop()]);
});

/** The API with the given Temporal client; returns its URL and the errors it reported. */
async function serve(temporal: Client): Promise<{ url: string; reported: Error[] }> {
  const reported: Error[] = [];
  const app = buildHttpServer({ prisma: db.prisma, temporal, taskQueue: 'unavailable-test', catalogue: () => DEFAULT_CATALOGUE, checks: {}, onUnexpectedError: (error) => reported.push(error) });
  apps.push(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`, reported };
}

async function expectUnavailable(temporal: Client, cause: RegExp): Promise<void> {
  const { url, reported } = await serve(temporal);
  const answer = await jsonClient(url, admin.token)('POST', '/api/assignments', { duty: 'strategic-assessment', body: 'south-csp', owner: 'owner@south.example' });
  expect(answer.status).toBe(503);
  expect(answer.headers.get('retry-after')).toBe(String(TEMPORAL_RETRY_AFTER_S));
  expect(answer.body).toEqual({ error: 'the workflow service (Temporal) is unavailable at the moment: try the request again shortly', issues: [] });
  // The assignment written before the start was removed again: a retry starts afresh.
  expect(await db.prisma.assignment.count()).toBe(0);
  expect(await db.prisma.auditEvent.count()).toBe(0);
  // Reported once, on one line with its cause, with no stack trace.
  expect(reported).toHaveLength(1);
  expect(reported[0]!.message).toMatch(/^POST \/api\/assignments: answered 503, the workflow service is unavailable: /);
  expect(reported[0]!.message).toMatch(cause);
  expect(reported[0]!.message).not.toMatch(/\n|\bat .+:\d+/);
}

test('a namespace the Temporal server does not have: 503 with Retry-After, nothing left behind', async () => {
  await expectUnavailable(new Client({ connection: env.connection, namespace: 'no-such-namespace' }), /no-such-namespace/);
});

test('a Temporal server that does not answer: 503 with Retry-After, nothing left behind', async () => {
  // Nothing listens on the port. No retry interceptor, so the call fails at once instead of after ~20 s of backoff.
  const connection = await Connection.lazy({ address: `127.0.0.1:${await findFreePort()}`, interceptors: [] });
  connections.push(connection);
  await expectUnavailable(new Client({ connection, namespace: 'default' }), /start Workflow/i);
});
