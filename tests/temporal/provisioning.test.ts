import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toolCacheDir } from '../../src/embedded/toolCache';
import { cachedTemporalCliPath, ensureTemporalCli, TemporalCliError } from '../../src/embedded/temporalCli';
import { ensureTimeSkippingTestServer } from '../../src/embedded/temporalTestServer';

/** Runs `fn` with some environment variables replaced (undefined deletes), restoring them afterwards. */
async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}

describe('tool provisioning', () => {
  let scratch: string;
  let emptyCache: string;
  let binDir: string;

  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-provision-'));
    emptyCache = path.join(scratch, 'cache');
    binDir = path.join(scratch, 'bin');
    fs.mkdirSync(binDir);
  });

  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  test('the cache directory honours DUTY_ENGINE_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(toolCacheDir({ DUTY_ENGINE_CACHE_DIR: '/opt/c', XDG_CACHE_HOME: '/x' })).toBe('/opt/c');
    expect(toolCacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/duty-engine');
    expect(toolCacheDir({})).toBe(path.join(os.homedir(), '.cache', 'duty-engine'));
  });

  test('TEMPORAL_CLI_PATH pointing at a missing file gives a clear one-line error', async () => {
    const missing = path.join(scratch, 'no-such-temporal');
    const error = await withEnv({ TEMPORAL_CLI_PATH: missing }, () => ensureTemporalCli()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemporalCliError);
    expect((error as Error).message).toBe(
      `TEMPORAL_CLI_PATH=${missing} does not exist or is not an executable file: point it at a Temporal CLI binary, or unset it to build the Temporal CLI v1.5.1 with Go`,
    );
  });

  test('TEMPORAL_CLI_PATH pointing at an executable is used as-is', async () => {
    const fake = path.join(binDir, 'temporal');
    fs.writeFileSync(fake, '#!/bin/sh\n', { mode: 0o755 });
    await expect(withEnv({ TEMPORAL_CLI_PATH: fake }, () => ensureTemporalCli())).resolves.toBe(fake);
  });

  test('a cached CLI is used without Go', async () => {
    const result = await withEnv({ TEMPORAL_CLI_PATH: undefined, DUTY_ENGINE_CACHE_DIR: emptyCache, PATH: binDir }, async () => {
      const cached = cachedTemporalCliPath();
      fs.mkdirSync(path.dirname(cached), { recursive: true });
      fs.writeFileSync(cached, '#!/bin/sh\n', { mode: 0o755 });
      return { cached, found: await ensureTemporalCli() };
    });
    expect(result.found).toBe(result.cached);
  });

  test('missing Go and nothing cached gives a one-line error naming the fixes', async () => {
    const error = await withEnv({ TEMPORAL_CLI_PATH: undefined, DUTY_ENGINE_CACHE_DIR: emptyCache, PATH: binDir }, () =>
      ensureTemporalCli(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemporalCliError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Go is not installed/);
    expect(message).toMatch(/install Go >= 1\.25/);
    expect(message).toMatch(/TEMPORAL_CLI_PATH/);
    expect(message).toMatch(/TEMPORAL_ADDRESS/);
    expect(message).not.toContain('\n');
    expect(fs.existsSync(emptyCache) ? fs.readdirSync(emptyCache) : []).toEqual([]);
  });

  test('Go older than 1.25 gives a one-line error', async () => {
    fs.writeFileSync(path.join(binDir, 'go'), '#!/bin/sh\necho "go version go1.22.5 linux/amd64"\n', { mode: 0o755 });
    const error = await withEnv({ TEMPORAL_CLI_PATH: undefined, DUTY_ENGINE_CACHE_DIR: emptyCache, PATH: binDir }, () =>
      ensureTemporalCli(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemporalCliError);
    expect((error as Error).message).toMatch(/^Go go1\.22\.5 is too old .* needs Go >= 1\.25.*TEMPORAL_CLI_PATH.*TEMPORAL_ADDRESS/);
  });

  test('without Java and Maven and with nothing cached the test server falls back to the SDK download', async () => {
    const lines: string[] = [];
    const result = await withEnv(
      { TEMPORAL_TEST_SERVER_PATH: undefined, DUTY_ENGINE_CACHE_DIR: emptyCache, PATH: binDir, JAVA_HOME: undefined },
      () => ensureTimeSkippingTestServer({ log: (l) => lines.push(l) }),
    );
    expect(result).toBeUndefined();
    expect(lines.join('\n')).toMatch(/Java \(java\) and Maven \(mvn\) not found .*falling back to the Temporal SDK's own download/);
  });
});
