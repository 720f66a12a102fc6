import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { findFreePort, waitForTcp } from '../../src/embedded/ports';
import { ensureTimeSkippingTestServer } from '../../src/embedded/temporalTestServer';
import { createTimeSkippingTestEnv } from '../support/temporal';
import * as activities from './fixtures/activities';
import { sleepForDays } from './fixtures/workflows';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('time-skipping test server', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingTestEnv();
  }, 10 * 60_000);

  afterAll(async () => {
    await env?.teardown();
  }, 60_000);

  test('a 30-day timer fires and the workflow observes the skipped time', async () => {
    const taskQueue = `time-skipping-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('./fixtures/workflows'),
      activities,
    });
    const serverTimeBefore = await env.currentTimeMs();

    const result = await worker.runUntil(
      env.client.workflow.execute(sleepForDays, { args: [30], taskQueue, workflowId: `sleep-${randomUUID()}` }),
    );

    expect(result.wokeAt - result.startedAt).toBeGreaterThanOrEqual(30 * DAY_MS);
    expect(result.wokeAt - result.startedAt).toBeLessThan(31 * DAY_MS);
    expect((await env.currentTimeMs()) - serverTimeBefore).toBeGreaterThanOrEqual(30 * DAY_MS);
    expect(env.supportsTimeSkipping).toBe(true);
  }, 120_000);

  // Without Java or Maven the SDK falls back to downloading its own server, which these machines cannot do; the README
  // lists both as required for the tests, so their absence fails here with the reason rather than passing unnoticed.
  test('is provisioned with Java and Maven, serves, and starts without warnings on stderr', async () => {
    const reasons: string[] = [];
    const executable = await ensureTimeSkippingTestServer({ log: (line) => reasons.push(line) });
    if (!executable) throw new Error(`the time-skipping test server could not be provisioned: ${reasons.join(' ')}`);

    const port = await findFreePort();
    const server = spawn(executable, [String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise((resolve) => server.once('exit', resolve));
    try {
      await waitForTcp(port, '127.0.0.1', 60_000, () => server.exitCode !== null);
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
    expect(stderr).toBe('');
  }, 120_000);
});
