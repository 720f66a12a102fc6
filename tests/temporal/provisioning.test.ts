import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toolCacheDir } from '../../src/embedded/toolCache';
import { cachedTemporalCliPath, ensureTemporalCli, TemporalCliError } from '../../src/embedded/temporalCli';
import { findOnPath } from '../../src/embedded/files';
import { ensureTimeSkippingTestServer, testServerDir } from '../../src/embedded/temporalTestServer';

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

  test('without Java and with nothing cached the test server falls back to the SDK download', async () => {
    const lines: string[] = [];
    const result = await withEnv(
      { TEMPORAL_TEST_SERVER_PATH: undefined, DUTY_ENGINE_CACHE_DIR: emptyCache, PATH: binDir, JAVA_HOME: undefined },
      () => ensureTimeSkippingTestServer({ log: (l) => lines.push(l) }),
    );
    expect(result).toBeUndefined();
    expect(lines.join('\n')).toMatch(/Java \(java\) and Maven \(mvn\) not found .*falling back to the Temporal SDK's own download/);
  });

  test('a cached test server without any Java runtime also falls back to the SDK download', async () => {
    const lines: string[] = [];
    const result = await withEnv(
      { TEMPORAL_TEST_SERVER_PATH: undefined, DUTY_ENGINE_CACHE_DIR: emptyCache, PATH: binDir, JAVA_HOME: undefined },
      async () => {
        const dir = testServerDir();
        fs.mkdirSync(path.join(dir, 'lib'), { recursive: true });
        fs.writeFileSync(path.join(dir, 'temporal-test-server'), '#!/bin/sh\n', { mode: 0o755 });
        return ensureTimeSkippingTestServer({ log: (l) => lines.push(l) });
      },
    );
    expect(result).toBeUndefined();
    expect(lines.join('\n')).toMatch(/cached in .* but no Java runtime was found/);
  });

  const realJava = findOnPath('java');
  (realJava ? test : test.skip)('Java without Maven and nothing cached falls back to the SDK download', async () => {
    fs.symlinkSync(realJava!, path.join(binDir, 'java'));
    const lines: string[] = [];
    const result = await withEnv(
      { TEMPORAL_TEST_SERVER_PATH: undefined, DUTY_ENGINE_CACHE_DIR: emptyCache, PATH: binDir, JAVA_HOME: undefined },
      () => ensureTimeSkippingTestServer({ log: (l) => lines.push(l) }),
    );
    expect(result).toBeUndefined();
    expect(lines.join('\n')).toMatch(/Maven \(mvn\) not found and nothing cached/);
    expect(fs.existsSync(emptyCache) ? fs.readdirSync(emptyCache) : []).toEqual([]);
  });

  test('TEMPORAL_TEST_SERVER_PATH pointing at a missing file gives a clear one-line error', async () => {
    const missing = path.join(scratch, 'no-such-test-server');
    await expect(withEnv({ TEMPORAL_TEST_SERVER_PATH: missing }, () => ensureTimeSkippingTestServer())).rejects.toThrow(
      `TEMPORAL_TEST_SERVER_PATH=${missing} is not an executable file`,
    );
  });

  describe('building the CLI with go install (a scripted fake go)', () => {
    /** A fake `go` whose `install` fails unless `condition` (shell test) holds, printing `failure` to stderr. */
    const fakeGo = (condition: string, failure: string) =>
      fs.writeFileSync(
        path.join(binDir, 'go'),
        [
          '#!/bin/sh',
          'if [ "$1" = version ]; then echo "go version go1.26.0 linux/amd64"; exit 0; fi',
          `if ! ${condition}; then echo '${failure}' >&2; exit 1; fi`,
          'echo "go: downloading github.com/temporalio/cli v1.5.1" >&2',
          'echo "github.com/temporalio/cli/internal/temporalcli" >&2',
          'echo "github.com/temporalio/cli/cmd/temporal" >&2',
          'printf \'#!/bin/sh\\necho "temporal version 1.5.1"\\n\' > "$GOBIN/temporal"',
          'chmod +x "$GOBIN/temporal"',
          'echo "$GOSUMDB|$GOMODCACHE|$CGO_ENABLED" > "$GOBIN/../go-env.txt"',
        ].join('\n') + '\n',
        { mode: 0o755 },
      );

    const build = (lines: string[]) =>
      withEnv(
        { TEMPORAL_CLI_PATH: undefined, DUTY_ENGINE_CACHE_DIR: emptyCache, PATH: `${binDir}:/usr/bin:/bin`, GOSUMDB: undefined },
        () => ensureTemporalCli({ log: (l) => lines.push(l) }),
      );

    test('builds into a temporary GOBIN, renames into the cache and reports progress', async () => {
      fakeGo('true', 'unused');
      const lines: string[] = [];
      const built = await build(lines);
      expect(built).toBe(path.join(emptyCache, 'temporal-cli-v1.5.1', 'temporal'));
      expect(fs.readdirSync(emptyCache).sort()).toEqual(['go-env.txt', 'temporal-cli-v1.5.1']); // no temp dir left
      expect(fs.readFileSync(path.join(emptyCache, 'go-env.txt'), 'utf8').trim()).toBe('||0');
      expect(lines[0]).toMatch(/^building Temporal CLI v1\.5\.1 with go1\.26\.0 .*several minutes/);
      expect(lines.at(-1)).toMatch(/^Temporal CLI v1\.5\.1 built in \d+s/);
    });

    test('an unreachable checksum database is retried with GOSUMDB=off', async () => {
      fakeGo(
        '[ "$GOSUMDB" = off ]',
        'go: github.com/temporalio/cli@v1.5.1: verifying module: Get "https://sum.golang.org/lookup/github.com/temporalio/cli@v1.5.1": dial tcp: lookup sum.golang.org: no such host',
      );
      const lines: string[] = [];
      await build(lines);
      expect(fs.readFileSync(path.join(emptyCache, 'go-env.txt'), 'utf8').trim()).toBe('off||0');
      expect(lines.join('\n')).toMatch(/checksum database \(GOSUMDB\) is unreachable; retrying with GOSUMDB=off/);
    });

    test('a checksum mismatch is retried with a clean private module cache, never with verification off', async () => {
      fakeGo(
        '[ -n "$GOMODCACHE" ]',
        'verifying github.com/gogo/protobuf@v1.3.2: checksum mismatch SECURITY ERROR',
      );
      const lines: string[] = [];
      await build(lines);
      expect(fs.readFileSync(path.join(emptyCache, 'go-env.txt'), 'utf8').trim()).toBe(`|${path.join(emptyCache, 'go-mod')}|0`);
      expect(lines.join('\n')).toMatch(/failed checksum verification; retrying with a clean private module cache/);
    });

    test('a failing build gives a one-line error and leaves nothing at the final path', async () => {
      fakeGo('false', 'internal/foo/bar.go:12:3: undefined: Baz');
      const error = await build([]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TemporalCliError);
      expect((error as Error).message).toMatch(
        /^building the Temporal CLI v1\.5\.1 with `go install` failed \(exit 1\): internal\/foo\/bar\.go:12:3: undefined: Baz; .*TEMPORAL_CLI_PATH/,
      );
      expect(fs.existsSync(path.join(emptyCache, 'temporal-cli-v1.5.1', 'temporal'))).toBe(false);
      expect(fs.readdirSync(emptyCache)).toEqual(['temporal-cli-v1.5.1']);
    });
  });
});
