import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { ensureTimeSkippingTestServer, measureTestServerStartup } from '../../src/embedded/temporalTestServer';
import { createTimeSkippingTestEnv, testLog } from '../support/temporal';
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

  test('a 30-day timer completes in seconds and the workflow observes the skipped time', async () => {
    const taskQueue = `time-skipping-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('./fixtures/workflows'),
      activities,
    });
    const serverTimeBefore = await env.currentTimeMs();
    const realStart = Date.now();

    const result = await worker.runUntil(
      env.client.workflow.execute(sleepForDays, { args: [30], taskQueue, workflowId: `sleep-${randomUUID()}` }),
    );

    const realElapsed = Date.now() - realStart;
    expect(result.wokeAt - result.startedAt).toBeGreaterThanOrEqual(30 * DAY_MS);
    expect(result.wokeAt - result.startedAt).toBeLessThan(31 * DAY_MS);
    expect((await env.currentTimeMs()) - serverTimeBefore).toBeGreaterThanOrEqual(30 * DAY_MS);
    expect(realElapsed).toBeLessThan(30_000);
    expect(env.supportsTimeSkipping).toBe(true);
  }, 120_000);

  test('the provisioned server starts well inside the SDK’s 5-second window', async () => {
    const executable = await ensureTimeSkippingTestServer({ log: testLog });
    if (!executable) {
      testLog('no Java/Maven here: the SDK downloaded its own test server; start-up not measured');
      return;
    }
    const ms = await measureTestServerStartup(executable);
    testLog(`test server listened ${Math.round(ms)} ms after spawn`);
    expect(ms).toBeLessThan(4_000);
  }, 120_000);
});
