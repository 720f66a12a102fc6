import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { formatIsoDate, parseIsoDate } from '../../src/domain';
import { stateQuery } from '../../workflows/dutyAssignment';
import { DutyHarness } from '../support/dutyHarness';
import { createDevServerTestEnv } from '../support/temporal';

// The visibility query a person types into the Temporal UI, on the real dev server (the Java
// time-skipping server cannot list workflows by query).
jest.setTimeout(120_000);

let env: TestWorkflowEnvironment;
let harness: DutyHarness;

beforeAll(async () => {
  env = await createDevServerTestEnv();
  harness = await DutyHarness.start(env);
  for (const body of ['north-csp', 'south-csp']) await harness.addBody(body, body, 'community_safety_partnership');
  await harness.addPerson('officer@example.org', 'Sam Officer');
}, 120_000);

afterAll(async () => {
  await harness?.stop();
  await env?.teardown();
});

async function listIds(query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const workflow of env.client.workflow.list({ query })) ids.push(workflow.workflowId);
  return ids.sort();
}

/** Visibility is eventually consistent: ask again for a few seconds until the answer settles. */
async function eventually(query: string, expected: string[]): Promise<string[]> {
  let ids: string[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    ids = await listIds(query);
    if (JSON.stringify(ids) === JSON.stringify(expected)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return ids;
}

test('"overdue duties of the north CSP" lists exactly those, by DutyId, BodyId, DutyStatus and DueDate', async () => {
  const today = await harness.today();
  const ago = (days: number) => formatIsoDate(parseIsoDate(today) - days);
  const overdue = await harness.assign({ duty: 'channel-panel', body: 'north-csp', owner: 'officer@example.org', opensOn: ago(60) });
  const upcoming = await harness.assign({ duty: 'strategic-assessment', body: 'north-csp', owner: 'officer@example.org', opensOn: today });
  await harness.assign({ duty: 'channel-panel', body: 'south-csp', owner: 'officer@example.org', opensOn: ago(60) });
  for (const { handle } of [overdue, upcoming]) await handle.query(stateQuery);

  expect(await eventually("BodyId = 'north-csp' AND DutyStatus = 'overdue'", ['duty:north-csp:channel-panel'])).toEqual(['duty:north-csp:channel-panel']);
  expect(await eventually("DutyId = 'channel-panel' AND DutyStatus = 'overdue'", ['duty:north-csp:channel-panel', 'duty:south-csp:channel-panel'])).toEqual([
    'duty:north-csp:channel-panel',
    'duty:south-csp:channel-panel',
  ]);
  expect(await eventually(`BodyId = 'north-csp' AND DueDate < '${today}T00:00:00Z'`, ['duty:north-csp:channel-panel'])).toEqual(['duty:north-csp:channel-panel']);
  expect(await eventually("BodyId = 'north-csp' AND DutyStatus = 'upcoming'", ['duty:north-csp:strategic-assessment'])).toEqual([
    'duty:north-csp:strategic-assessment',
  ]);
});
