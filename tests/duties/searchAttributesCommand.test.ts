import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ensureTemporalCli } from '../../src/embedded/temporalCli';
import { testLog } from '../support/temporal';

// `npm run temporal:search-attributes` against a cluster that has none of them yet, twice.
jest.setTimeout(120_000);

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  const cli = await ensureTemporalCli({ log: testLog });
  env = await TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: cli } } });
});
afterAll(() => env?.teardown());

const registered = async () =>
  Object.keys((await env.connection.operatorService.listSearchAttributes({ namespace: 'default' })).customAttributes ?? {}).filter((name) =>
    ['DutyId', 'BodyId', 'DueDate', 'DutyStatus'].includes(name),
  );

test('registers the four duty search attributes once, then reports them as already there', async () => {
  expect(await registered()).toEqual([]);
  const address = env.connection.options.address;
  const command = (extra: NodeJS.ProcessEnv) =>
    run(path.join(root, 'node_modules/.bin/tsx'), ['scripts/temporal-search-attributes.ts'], { cwd: root, env: { ...process.env, TEMPORAL_ADDRESS: address, ...extra } });
  const first = await command({});
  expect(first.stdout).toContain('registered DutyId, BodyId, DueDate, DutyStatus');
  expect((await registered()).sort()).toEqual(['BodyId', 'DueDate', 'DutyId', 'DutyStatus']);
  expect((await command({})).stdout).toContain('were already registered');
});
