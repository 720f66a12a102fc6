import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createDevServerTestEnv } from '../support/temporal';
import * as activities from './fixtures/activities';
import { greetWorkflow } from './fixtures/workflows';

describe('dev-server test environment', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    // Builds the Temporal CLI first if it is not cached yet: minutes.
    env = await createDevServerTestEnv();
  }, 20 * 60_000);

  afterAll(async () => {
    await env?.teardown();
  }, 60_000);

  test('runs a workflow with an activity end to end on the real dev server', async () => {
    const taskQueue = `dev-env-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('./fixtures/workflows'),
      activities,
    });
    const workflowId = `greet-${randomUUID()}`;

    const result = await worker.runUntil(
      env.client.workflow.execute(greetWorkflow, { args: ['Tower Hamlets'], taskQueue, workflowId }),
    );

    expect(result).toBe('Hello, Tower Hamlets!');
    const description = await env.client.workflow.getHandle(workflowId).describe();
    expect(description.status.name).toBe('COMPLETED');
    expect(env.supportsTimeSkipping).toBe(false);
  }, 120_000);
});
