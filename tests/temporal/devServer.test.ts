import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { ensureTemporalCli } from '../../src/embedded/temporalCli';
import { startTemporalDevServer, TemporalDevServerError, type RunningTemporalDevServer } from '../../src/embedded/temporalDevServer';
import { findFreePort, isPortFree } from '../../src/embedded/ports';
import { testLog } from '../support/temporal';
import * as activities from './fixtures/activities';
import { greetWorkflow } from './fixtures/workflows';

const NAMESPACE = 'duty-engine-test';

describe('startTemporalDevServer', () => {
  let cliPath: string;
  let dataDir: string;
  let port: number;
  let uiPort: number;
  const running: RunningTemporalDevServer[] = [];

  const start = (overrides: { port?: number; uiPort?: number } = {}) =>
    startTemporalDevServer({
      cliPath,
      dbFile: path.join(dataDir, 'temporal', 'temporal.sqlite'),
      port: overrides.port ?? port,
      uiPort: overrides.uiPort ?? uiPort,
      namespace: NAMESPACE,
      log: testLog,
    }).then((server) => {
      running.push(server);
      return server;
    });

  beforeAll(async () => {
    cliPath = await ensureTemporalCli({ log: testLog }); // builds the CLI if not cached yet: minutes
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-temporal-'));
    port = await findFreePort();
    uiPort = await findFreePort();
  }, 20 * 60_000);

  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  test('a completed workflow is still there after stop and restart (SQLite file), and the Web UI answers', async () => {
    const workflowId = `greet-${randomUUID()}`;
    const taskQueue = `dev-server-${randomUUID()}`;

    const first = await start();
    expect(first.address).toBe(`127.0.0.1:${port}`);
    expect((await fetch(first.uiUrl)).status).toBe(200);
    {
      const connection = await Connection.connect({ address: first.address });
      const nativeConnection = await NativeConnection.connect({ address: first.address });
      try {
        const client = new Client({ connection, namespace: NAMESPACE });
        const worker = await Worker.create({
          connection: nativeConnection,
          namespace: NAMESPACE,
          taskQueue,
          workflowsPath: require.resolve('./fixtures/workflows'),
          activities,
        });
        const result = await worker.runUntil(client.workflow.execute(greetWorkflow, { args: ['Leeds'], taskQueue, workflowId }));
        expect(result).toBe('Hello, Leeds!');
      } finally {
        await nativeConnection.close();
        await connection.close();
      }
    }
    await first.stop();
    expect(await isPortFree(port)).toBe(true);
    expect(await isPortFree(uiPort)).toBe(true);

    const second = await start();
    const connection = await Connection.connect({ address: second.address });
    try {
      const handle = new Client({ connection, namespace: NAMESPACE }).workflow.getHandle(workflowId);
      expect((await handle.describe()).status.name).toBe('COMPLETED');
      expect(await handle.result()).toBe('Hello, Leeds!');
    } finally {
      await connection.close();
    }
    await second.stop();
  }, 5 * 60_000);

  test('a port in use gives a clear one-line error and starts nothing', async () => {
    const blocker = net.createServer();
    const blockedPort = await findFreePort();
    await new Promise<void>((resolve) => blocker.listen(blockedPort, '127.0.0.1', resolve));
    try {
      const error = await start({ port: blockedPort }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TemporalDevServerError);
      expect((error as Error).message).toBe(
        `port ${blockedPort} is in use: stop the other Temporal server or set TEMPORAL_PORT`,
      );

      const uiError = await start({ uiPort: blockedPort }).catch((e: unknown) => e);
      expect((uiError as Error).message).toBe(
        `port ${blockedPort} is in use: stop the other Temporal server or set TEMPORAL_UI_PORT`,
      );
      expect(await isPortFree(port)).toBe(true);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 60_000);

  test('a server that dies during start-up is reported with its last output lines', async () => {
    const fake = path.join(dataDir, 'broken-temporal');
    fs.writeFileSync(fake, '#!/bin/sh\necho "loading config" >&2\necho "fatal: database is locked" >&2\nexit 3\n', { mode: 0o755 });
    const error = await startTemporalDevServer({
      cliPath: fake,
      dbFile: path.join(dataDir, 'broken', 'db.sqlite'),
      port: await findFreePort(),
      uiPort: await findFreePort(),
      namespace: NAMESPACE,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemporalDevServerError);
    expect((error as Error).message).toMatch(/exited during start-up \(exit code 3\): .*fatal: database is locked/);
    expect((error as Error).message).not.toContain('\n');
  }, 60_000);
});
