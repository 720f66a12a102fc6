import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startSmtpInbox, type SmtpInbox } from '../../src/embedded/smtpInbox';
import { findFreePort } from '../../src/embedded/ports';
import { readInbox } from '../../src/mail/inbox';
import { deliverNotice } from '../../workflows';
import { startTestDatabase, type TestDatabase } from '../support/database';
import { createDevServerTestEnv } from '../support/temporal';

// The worker as an operator runs it (`npm run worker`, stderr not a terminal): the engine's,
// the SDK worker's (with its activities) and the SDK core's lines arrive as JSON on one stream.
jest.setTimeout(180_000);

const root = path.resolve(__dirname, '../..');

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let inbox: SmtpInbox;
let tmp: string;

beforeAll(async () => {
  [env, db] = await Promise.all([createDevServerTestEnv(), startTestDatabase()]);
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'one-stream-'));
  inbox = await startSmtpInbox({ port: await findFreePort(), inboxDir: path.join(tmp, 'inbox') });
});

afterAll(async () => {
  await inbox?.stop();
  await Promise.all([env?.teardown(), db?.stop()]);
  await fs.rm(tmp, { recursive: true, force: true });
});

it('carries the engine, the worker with its activities and the SDK core as JSON lines at LOG_LEVEL', async () => {
  const taskQueue = 'one-stream';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'worker'], {
    cwd: root,
    env: {
      ...process.env,
      LOG_LEVEL: 'debug',
      DATABASE_URL: db.databaseUrl,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      SMTP_URL: inbox.url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    for (let i = 0; i < 600 && !stdout.includes('Press Ctrl-C') && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
    expect(stdout).toContain('Press Ctrl-C to stop.');

    const receipt = await env.client.workflow.execute(deliverNotice, {
      taskQueue,
      workflowId: 'notice:one-stream',
      args: [{ to: ['clerk@council.example'], subject: 'Agenda due', text: 'Publish it.' }],
    });
    expect(receipt.alreadySent).toBe(false);
    expect(await readInbox(inbox.inboxDir)).toHaveLength(1);
  } finally {
    child.kill('SIGINT');
  }
  expect(await exited).toBe(0);

  // Every line on stderr is one JSON object; the start-up summary stays on stdout, for people.
  const lines = stderr.split('\n').filter((line) => line !== '');
  const entries = lines.map((line) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`not a JSON line on stderr: ${line}`);
    }
  });
  expect(stdout).not.toContain('{"level"');
  for (const entry of entries) expect(entry).toMatchObject({ level: expect.any(String), time: expect.any(String), component: expect.any(String), msg: expect.any(String) });

  const from = (component: string, sdkComponent?: string) =>
    entries.filter((e) => e.component === component && (sdkComponent === undefined || e.sdkComponent === sdkComponent));
  expect(from('engine').map((e) => e.msg)).toEqual(expect.arrayContaining([expect.stringMatching(/is up in/), 'stopped cleanly']));
  expect(from('worker').map((e) => e.msg)).toContain(`worker polling task queue ${taskQueue} in namespace default`);
  expect(from('temporal-sdk', 'worker')).toContainEqual(expect.objectContaining({ msg: 'Worker state changed', state: 'RUNNING' }));
  expect(from('temporal-sdk', 'worker')).toContainEqual(
    expect.objectContaining({ level: 'debug', msg: 'Activity completed', activityType: 'notify', workflowId: 'notice:one-stream' }),
  );
  expect(from('temporal-sdk', 'core').length).toBeGreaterThan(0);
  expect(entries.some((e) => e.level === 'debug')).toBe(true);
});
