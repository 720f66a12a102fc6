/**
 * servers: how long the embedded servers take to start, stop and refuse on this machine (median of
 * BENCH_SERVERS_ROUNDS, default 3). Plain measurements with no goal: the tests assert what the servers do,
 * these figures say what it costs. The ratio is the Java time-skipping test server's start-up as a share of
 * the 5 s that @temporalio/testing allows it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { applyPendingMigrations } from '../src/db/migrations';
import { findFreePort } from '../src/embedded/ports';
import { startEmbeddedPostgres } from '../src/embedded/postgres';
import { postgresWorkDir } from '../src/embedded/postgresUser';
import { ensureTimeSkippingTestServer, measureTestServerStartup } from '../src/embedded/temporalTestServer';
import { startThrowawayPostgres } from '../src/embedded/throwawayPostgres';
import { envInt, type Bench, type BenchResult } from './support/runner';

/** @temporalio/testing kills a test server that does not listen within this long. */
const SDK_START_WINDOW_MS = 5_000;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]!);
}

async function postgres(rounds: number): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = {
    'PostgreSQL first start of a new cluster, initdb included (ms)': [],
    'PostgreSQL stop (ms)': [],
    'PostgreSQL restart on the same cluster (ms)': [],
    'PostgreSQL refusing a wrong password: start, login, stop (ms)': [],
    'PostgreSQL throw-away server from the template (ms)': [],
    'PostgreSQL applying every migration to an empty database (ms)': [],
  };
  const add = (key: string, ms: number) => samples[key]!.push(ms);
  for (let round = 0; round < rounds; round++) {
    const root = fs.mkdtempSync(path.join(postgresWorkDir(), 'bench-'));
    fs.chmodSync(root, 0o755);
    const dataDir = path.join(root, 'data');
    try {
      const start = (password?: string) => async () => startEmbeddedPostgres({ dataDir, port: await findFreePort(), database: 'bench', password });
      const first = await timed(start());
      add('PostgreSQL first start of a new cluster, initdb included (ms)', first.ms);
      add('PostgreSQL stop (ms)', (await timed(() => first.value.stop())).ms);
      const again = await timed(start());
      add('PostgreSQL restart on the same cluster (ms)', again.ms);
      await again.value.stop();
      const refused = await timed(() => start('not-the-one')().then(() => Promise.reject(new Error('logged in with a wrong password')), () => undefined));
      add('PostgreSQL refusing a wrong password: start, login, stop (ms)', refused.ms);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }

    const server = await timed(() => startThrowawayPostgres({ database: 'bench' }));
    add('PostgreSQL throw-away server from the template (ms)', server.ms);
    try {
      add('PostgreSQL applying every migration to an empty database (ms)', (await timed(() => applyPendingMigrations(server.value.databaseUrl))).ms);
    } finally {
      await server.value.stop();
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, median(values)]));
}

export const serversBench: Bench = {
  name: 'servers',
  description: 'start, stop and refusal times of the embedded PostgreSQL and the time-skipping test server',
  async run(): Promise<BenchResult> {
    const rounds = envInt('BENCH_SERVERS_ROUNDS', 3);
    const figures: Record<string, number | string> = await postgres(rounds);
    const executable = await ensureTimeSkippingTestServer();
    let ratio: number | undefined;
    if (executable) {
      const samples: number[] = [];
      for (let round = 0; round < rounds; round++) samples.push(await measureTestServerStartup(executable));
      figures['time-skipping test server, spawn to listening (ms)'] = median(samples);
      ratio = median(samples) / SDK_START_WINDOW_MS;
    } else {
      figures['time-skipping test server'] = 'not measured: no Java or Maven here';
    }
    return {
      name: 'servers',
      size: `median of ${rounds} rounds`,
      ...(ratio === undefined ? {} : { ratio }),
      goal: 'none: measurements (ratio: test server start-up ÷ the SDK’s 5 s window)',
      figures,
    };
  },
};
