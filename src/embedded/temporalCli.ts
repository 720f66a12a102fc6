import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EmbeddedToolError } from './errors';
import { isExecutableFile, removeStaleTempEntries } from './files';
import { LineTail, ThrottledProgress } from './progress';
import { toolCacheDir } from './toolCache';

/**
 * Finds or builds the Temporal CLI (`temporal`, which runs the dev server). It is built once from the Go module proxy
 * at a pinned version and cached outside the repository.
 */

/** Newest release that `go install pkg@version` accepts (v1.6.0 added a `replace` directive to its go.mod). */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const TEMPORAL_CLI_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';
export const MIN_GO_VERSION: readonly [number, number] = [1, 25];

/** Packages a cold `go install -v` of v1.5.1 compiles (1296 seen with Go 1.26 on linux/amd64); for progress only. */
const EXPECTED_PACKAGES = 1300;

const HOW_TO_AVOID_GO =
  'set TEMPORAL_CLI_PATH to an existing temporal binary, or set TEMPORAL_ADDRESS to use an existing Temporal server';

export class TemporalCliError extends EmbeddedToolError {
  override readonly name = 'TemporalCliError';
}

export interface EnsureTemporalCliOptions {
  log?: (line: string) => void;
}

/** Path of the cached binary: `<cache>/temporal-cli-v1.5.1/temporal`. */
export function cachedTemporalCliPath(): string {
  return path.join(toolCacheDir(), `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

/**
 * Returns the path of the `temporal` binary: `$TEMPORAL_CLI_PATH` if set (it must exist), else the cached build, else
 * builds it with `go install` (CGO_ENABLED=0) into a temporary GOBIN and renames it into the cache, so the final path
 * never holds a half-written binary. Progress is reported through `log` while it builds (the first build takes minutes).
 */
export async function ensureTemporalCli(opts: EnsureTemporalCliOptions = {}): Promise<string> {
  const log = opts.log ?? (() => undefined);

  const explicit = process.env.TEMPORAL_CLI_PATH?.trim();
  if (explicit) {
    if (!isExecutableFile(explicit)) {
      throw new TemporalCliError(
        `TEMPORAL_CLI_PATH=${explicit} does not exist or is not an executable file: point it at a Temporal CLI binary, or unset it to build the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go`,
      );
    }
    return path.resolve(explicit);
  }

  const target = cachedTemporalCliPath();
  if (isExecutableFile(target)) return target;

  const goVersion = checkGo();
  await buildTemporalCli(target, goVersion, log);
  return target;
}

/** Checks that Go ≥ 1.25 is installed; returns its version (e.g. `go1.26.8`) or throws a one-line TemporalCliError. */
function checkGo(): string {
  const result = spawnSync('go', ['version'], { encoding: 'utf8', timeout: 60_000, env: process.env });
  if (result.error || result.status !== 0) {
    const why = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' ? 'Go is not installed (no `go` on PATH)' : `\`go version\` failed: ${firstLine(result.stderr || result.error?.message)}`;
    throw new TemporalCliError(
      `${why}; it is needed once to build the Temporal CLI ${TEMPORAL_CLI_VERSION}: install Go >= ${MIN_GO_VERSION.join('.')} (https://go.dev/dl/), or ${HOW_TO_AVOID_GO}`,
    );
  }
  const match = /go version (go(\d+)\.(\d+)\S*)/.exec(result.stdout);
  if (!match) {
    // A development build of Go ("go version devel ..."): let the build itself tell.
    return firstLine(result.stdout);
  }
  const major = Number(match[2]);
  const minor = Number(match[3]);
  if (major < MIN_GO_VERSION[0] || (major === MIN_GO_VERSION[0] && minor < MIN_GO_VERSION[1])) {
    throw new TemporalCliError(
      `Go ${match[1]} is too old to build the Temporal CLI ${TEMPORAL_CLI_VERSION} (it needs Go >= ${MIN_GO_VERSION.join('.')}): upgrade Go (https://go.dev/dl/), or ${HOW_TO_AVOID_GO}`,
    );
  }
  return match[1] ?? 'go';
}

interface GoInstallResult {
  code: number | null;
  tail: string[];
}

async function buildTemporalCli(target: string, goVersion: string, log: (line: string) => void): Promise<void> {
  const targetDir = path.dirname(target);
  fs.mkdirSync(targetDir, { recursive: true });
  removeStaleTempEntries(path.dirname(targetDir), `.${path.basename(targetDir)}.tmp-`);
  log(
    `building Temporal CLI ${TEMPORAL_CLI_VERSION} with ${goVersion} into ${targetDir} (first time only; this takes several minutes)...`,
  );
  const started = Date.now();

  let env: NodeJS.ProcessEnv = { ...process.env, CGO_ENABLED: '0' };
  let result = await goInstall(targetDir, env, log);

  if (result.code !== 0 && isSumDbUnreachable(result.tail)) {
    // The checksum database could not be asked (offline, or a proxy that does not serve it). The CLI's own go.sum
    // still pins every dependency's hash; only the CLI module itself then goes unchecked.
    log('the Go checksum database (GOSUMDB) is unreachable; retrying with GOSUMDB=off (dependencies are still checked against the CLI\'s go.sum)');
    env = { ...env, GOSUMDB: 'off' };
    result = await goInstall(targetDir, env, log);
  }

  if (result.code !== 0 && isChecksumMismatch(result.tail)) {
    // A module in the shared module cache differs from what go.sum / the checksum database says, typically because it
    // was fetched earlier with GOSUMDB=off or GOFLAGS=-insecure. Retry with a private, clean module cache instead of
    // switching verification off.
    const modCache = path.join(toolCacheDir(), 'go-mod');
    log(`a module in the Go module cache failed checksum verification; retrying with a clean private module cache in ${modCache}`);
    env = { ...env, GOMODCACHE: modCache, GOFLAGS: `${env.GOFLAGS ?? ''} -modcacherw`.trim() };
    result = await goInstall(targetDir, env, log);
    if (result.code !== 0 && isChecksumMismatch(result.tail)) {
      throw new TemporalCliError(
        `building the Temporal CLI failed Go checksum verification even with a clean module cache (${pickError(result.tail)}): check GOPROXY/GOSUMDB/GOFLAGS (\`go env\`), or ${HOW_TO_AVOID_GO}`,
      );
    }
  }

  if (result.code !== 0) {
    throw new TemporalCliError(
      `building the Temporal CLI ${TEMPORAL_CLI_VERSION} with \`go install\` failed (exit ${result.code}): ${pickError(result.tail)}; check that the Go module proxy is reachable (\`go env GOPROXY\`), or ${HOW_TO_AVOID_GO}`,
    );
  }
  log(`Temporal CLI ${TEMPORAL_CLI_VERSION} built in ${Math.round((Date.now() - started) / 1000)}s: ${target}`);
}

/** Runs `go install -v` into a fresh temporary GOBIN next to the target, then renames the binary into place. */
async function goInstall(targetDir: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<GoInstallResult> {
  const gobin = fs.mkdtempSync(path.join(path.dirname(targetDir), `.${path.basename(targetDir)}.tmp-`));
  let compiled = 0;
  let downloaded = 0;
  const progress = new ThrottledProgress(
    log,
    (elapsed) =>
      `building Temporal CLI: ${compiled} of ~${EXPECTED_PACKAGES} packages compiled${downloaded ? `, ${downloaded} modules downloaded` : ''} (${elapsed} elapsed)`,
  );
  const tail = new LineTail(40);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn('go', ['install', '-v', `${TEMPORAL_CLI_PACKAGE}@${TEMPORAL_CLI_VERSION}`], {
        env: { ...env, GOBIN: gobin },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const onData = (chunk: Buffer): void => {
        for (const line of tail.push(chunk)) {
          if (line.startsWith('go: downloading ')) downloaded++;
          else if (/^[\w.~-]+(\/[\w.~+-]+)*$/.test(line.trim())) compiled++; // `-v` prints each package it builds
        }
        progress.tick();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) return { code, tail: tail.text() };
    const built = path.join(gobin, 'temporal');
    if (!isExecutableFile(built)) return { code: -1, tail: [...tail.text(), `go install produced no binary at ${built}`] };
    const check = spawnSync(built, ['--version'], { encoding: 'utf8', timeout: 60_000, env: process.env });
    if (check.status !== 0) return { code: -1, tail: [`the built binary does not run: ${firstLine(check.stderr)}`] };
    fs.renameSync(built, path.join(targetDir, 'temporal'));
    return { code: 0, tail: [] };
  } finally {
    progress.stop();
    fs.rmSync(gobin, { recursive: true, force: true });
  }
}

function isSumDbUnreachable(tail: string[]): boolean {
  return tail.some(
    (l) => /verifying .*(sum\.golang\.org|GOSUMDB|checksum database)|sum\.golang\.org.*(dial tcp|lookup|timeout|refused|Gone|404|410)/i.test(l),
  ) && !isChecksumMismatch(tail);
}

function isChecksumMismatch(tail: string[]): boolean {
  return tail.some((l) => /checksum mismatch|SECURITY ERROR|missing GOSUMDB|verifying .*: .*mismatch/i.test(l));
}

function pickError(tail: string[]): string {
  const errors = tail.filter((l) => !l.startsWith('go: downloading ') && /error|cannot|failed|mismatch|go: |:\d+:\d+/i.test(l));
  return (errors.length ? errors : tail).slice(-3).join(' | ') || 'no output';
}

function firstLine(s: string | undefined): string {
  return (s ?? '').trim().split('\n')[0] ?? '';
}
