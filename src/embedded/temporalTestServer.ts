import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { EmbeddedToolError } from './errors';
import { findOnPath, isExecutableFile, removeStaleTempEntries, writeFileAtomic } from './files';
import { findFreePort, waitForTcp } from './ports';
import { LineTail, ThrottledProgress } from './progress';
import { toolCacheDir } from './toolCache';

/**
 * Provisions the Java time-skipping test server (`io.temporal:temporal-test-server` from Maven Central) into the
 * tool cache and returns the path of a wrapper script that `@temporalio/testing` can launch through its
 * `existing-path` executable option (`<wrapper> <port>`).
 *
 * Layout under `<cache>/temporal-test-server-<version>/`:
 * - `pom.xml`, `lib/*.jar`: the server and its runtime dependencies (`mvn dependency:copy-dependencies`);
 * - `app.jsa`: an AppCDS archive of the classes loaded while starting and serving, so the JVM starts well inside the
 *   SDK's 5-second window;
 * - `quiet/slf4j-nop-*.jar`: SLF4J's no-operation binding, which the server falls back to anyway, named explicitly so
 *   that SLF4J does not print three lines of warning at every start (kept out of `lib/`, so that it is appended to
 *   the class path the archive was built with, which class-data sharing allows);
 * - `temporal-test-server`: the wrapper; it `exec`s java, because the SDK kills only its direct child.
 * Every piece is written under a temporary name and renamed into place; the wrapper comes last and marks completion.
 */

export const TEMPORAL_TEST_SERVER_VERSION = '1.38.0';
const MAIN_CLASS = 'io.temporal.testserver.TestServer';
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';
const WRAPPER_NAME = 'temporal-test-server';
/** The binding for the SLF4J API version in `lib/` (slf4j-api 1.7.36 for test server 1.38.0). */
const SLF4J_NOP = { artifact: 'org.slf4j:slf4j-nop:1.7.36', jar: 'slf4j-nop-1.7.36.jar' };
/** Set when fetching the binding failed, so that this process says so once rather than at every test environment. */
let quietLoggingUnavailable = false;
/** JVM flags tuned for start-up time: C1 only, the cheapest GC. */
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-XX:-UsePerfData'];

export interface TestServerOptions {
  log?: (line: string) => void;
}

export async function ensureTimeSkippingTestServer(opts: TestServerOptions = {}): Promise<string | undefined> {
  const log = opts.log ?? (() => undefined);

  const explicit = process.env.TEMPORAL_TEST_SERVER_PATH?.trim();
  if (explicit) {
    if (!isExecutableFile(explicit)) {
      throw new EmbeddedToolError(
        `TEMPORAL_TEST_SERVER_PATH=${explicit} is not an executable file: point it at a Temporal test server (run as '<path> <port>') or unset it to provision one from Maven Central`,
      );
    }
    return path.resolve(explicit);
  }

  const dir = testServerDir();
  const wrapper = path.join(dir, WRAPPER_NAME);
  const libDir = path.join(dir, 'lib');
  const java = findJava();
  if (!java) {
    const mvn = commandWorks('mvn', ['-v']);
    log(
      fs.existsSync(libDir)
        ? `Temporal test server: cached in ${dir} but no Java runtime was found; falling back to the Temporal SDK's own download (install Java 17 to use the cached one)`
        : `Temporal test server: Java (java)${mvn ? '' : ' and Maven (mvn)'} not found and nothing cached in ${dir}; falling back to the Temporal SDK's own download (install Java 17 and Maven to provision it offline)`,
    );
    return undefined;
  }

  // The class-data-sharing archive only works with the JVM that wrote it: remember which one that was.
  const stampFile = path.join(dir, 'jvm.txt');
  const stamp = `${java.path}\n${java.version}\n`;
  const stampMatches = readFileOr(stampFile) === stamp;
  const quietJar = path.join(dir, 'quiet', SLF4J_NOP.jar);
  if (isExecutableFile(wrapper) && stampMatches && fs.existsSync(quietJar)) return wrapper;

  if (!fs.existsSync(libDir)) {
    if (!commandWorks('mvn', ['-v'])) {
      log(
        `Temporal test server: Maven (mvn) not found and nothing cached in ${dir}; falling back to the Temporal SDK's own download (install Maven to provision it offline)`,
      );
      return undefined;
    }
    removeStaleTempEntries(path.dirname(dir), `.${path.basename(dir)}.tmp-`);
    await downloadTestServer(dir, log);
  }
  if (!fs.existsSync(quietJar) && !quietLoggingUnavailable) await fetchQuietLogging(dir, log);

  const archive = path.join(dir, 'app.jsa');
  if (fs.existsSync(archive) && !stampMatches) {
    log('Temporal test server: the class-data-sharing archive was built by another (or an unrecorded) Java runtime; rebuilding it');
    fs.rmSync(archive, { force: true });
  }
  if (!fs.existsSync(archive)) {
    if (java.major >= 13) {
      try {
        await buildCdsArchive(dir, java.path, archive, log);
      } catch (err) {
        log(`Temporal test server: could not build the class-data-sharing archive (${errorLine(err)}); the server will start without it, more slowly`);
      }
    } else {
      log('Temporal test server: Java older than 13 has no dynamic class-data-sharing archives; start-up will be slower (Java 17 recommended)');
    }
  }

  writeFileAtomic(stampFile, stamp);
  const classPath = [path.join(dir, 'lib', '*'), ...(fs.existsSync(quietJar) ? [quietJar] : [])];
  writeFileAtomic(wrapper, wrapperScript(java.path, classPath, fs.existsSync(archive) ? archive : undefined), 0o755);
  log(`Temporal test server ${TEMPORAL_TEST_SERVER_VERSION} ready: ${wrapper}`);
  return wrapper;
}

/** `<cache>/temporal-test-server-<version>` */
export function testServerDir(): string {
  return path.join(toolCacheDir(), `temporal-test-server-${TEMPORAL_TEST_SERVER_VERSION}`);
}

/**
 * Starts the server at `executable` (run as `<executable> <port>`) and returns how many milliseconds passed between
 * spawning it and its port accepting TCP connections; stops it again. For measuring start-up against the SDK's
 * 5-second window.
 */
export async function measureTestServerStartup(executable: string, timeoutMs = 60_000): Promise<number> {
  const port = await findFreePort();
  const started = process.hrtime.bigint();
  const child = spawn(executable, [String(port)], { stdio: ['ignore', 'ignore', 'pipe'], env: process.env });
  const stderr = new LineTail(10);
  child.stderr?.on('data', (d: Buffer) => stderr.push(d));
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    await waitForTcp(port, '127.0.0.1', timeoutMs, () => exited);
    return Number(process.hrtime.bigint() - started) / 1e6;
  } catch (err) {
    throw new Error(`test server did not listen (${errorLine(err)}): ${stderr.text().join(' | ')}`);
  } finally {
    await stopChild(child, 10_000);
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function downloadTestServer(dir: string, log: (line: string) => void): Promise<void> {
  const cache = path.dirname(dir);
  fs.mkdirSync(cache, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(cache, `.${path.basename(dir)}.tmp-`));
  try {
    fs.writeFileSync(path.join(tmp, 'pom.xml'), pomXml());
    const args = [
      '-B',
      '-f',
      path.join(tmp, 'pom.xml'),
      `${DEPENDENCY_PLUGIN}:copy-dependencies`,
      `-DoutputDirectory=${path.join(tmp, 'lib')}`,
      '-DincludeScope=runtime',
    ];
    log(`Temporal test server: fetching io.temporal:temporal-test-server:${TEMPORAL_TEST_SERVER_VERSION} and its dependencies from Maven Central (mvn)...`);
    let downloaded = 0;
    let copied = 0;
    const progress = new ThrottledProgress(
      log,
      (elapsed) => `Temporal test server: ${downloaded} files downloaded, ${copied} jars copied (${elapsed})`,
    );
    const tail = new LineTail(15);
    try {
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
        const onData = (chunk: Buffer): void => {
          for (const line of tail.push(chunk)) {
            if (/Downloaded from /.test(line)) downloaded++;
            if (/Copying .*\.jar/.test(line)) copied++;
            progress.tick();
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('error', reject);
        child.once('close', resolve);
      });
      if (code !== 0) {
        const errors = tail.text().filter((l) => /ERROR|Could not|Failed/.test(l));
        throw new EmbeddedToolError(
          `could not fetch the Temporal test server with Maven (exit ${code}): ${(errors.length ? errors : tail.text()).slice(-3).join(' | ')}; check that Maven Central is reachable (or ~/.m2/settings.xml mirrors), or set TEMPORAL_TEST_SERVER_PATH`,
        );
      }
    } finally {
      progress.stop();
    }
    const jars = fs.readdirSync(path.join(tmp, 'lib')).filter((f) => f.endsWith('.jar'));
    if (!jars.some((j) => j.startsWith('temporal-test-server-'))) {
      throw new EmbeddedToolError(`Maven finished but copied no temporal-test-server jar into ${tmp}/lib; remove ${dir} and retry`);
    }
    log(`Temporal test server: ${jars.length} jars fetched in ${progress.elapsed()}`);
    try {
      fs.chmodSync(tmp, 0o755);
      fs.renameSync(tmp, dir);
    } catch (err) {
      // Another process finished first: keep theirs.
      if (!fs.existsSync(path.join(dir, 'lib'))) throw err;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

async function buildCdsArchive(dir: string, java: string, archive: string, log: (line: string) => void): Promise<void> {
  log('Temporal test server: building a class-data-sharing archive for fast start-up...');
  const started = Date.now();
  const tmpArchive = `${archive}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const port = await findFreePort();
  const child = spawn(
    java,
    [...JVM_FLAGS, `-XX:ArchiveClassesAtExit=${tmpArchive}`, '-cp', path.join(dir, 'lib', '*'), MAIN_CLASS, String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'], env: process.env },
  );
  const tail = new LineTail(10);
  child.stdout?.on('data', (d: Buffer) => tail.push(d));
  child.stderr?.on('data', (d: Buffer) => tail.push(d));
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    try {
      await waitForTcp(port, '127.0.0.1', 120_000, () => exited);
    } catch (err) {
      throw new Error(`the training run did not listen (${errorLine(err)}): ${tail.text().slice(-3).join(' | ')}`);
    }
    // Serve a few requests so that the request-path classes land in the archive too.
    const connection = await Connection.connect({ address: `127.0.0.1:${port}`, connectTimeout: 30_000 });
    try {
      await connection.testService?.getCurrentTime({}).catch(() => undefined);
      await connection.workflowService.describeNamespace({ namespace: 'default' }).catch(() => undefined);
    } finally {
      await connection.close();
    }
    // The archive is written while the JVM exits; SIGTERM runs the normal exit path.
    await stopChild(child, 60_000);
    if (!fs.existsSync(tmpArchive) || fs.statSync(tmpArchive).size === 0) {
      throw new Error(`the JVM wrote no archive: ${tail.text().slice(-3).join(' | ')}`);
    }
    fs.renameSync(tmpArchive, archive);
    log(`Temporal test server: class-data-sharing archive built in ${Math.round((Date.now() - started) / 1000)}s`);
  } finally {
    if (!exited) child.kill('SIGKILL');
    fs.rmSync(tmpArchive, { force: true });
  }
}

/** Fetches SLF4J's no-operation binding into `<dir>/quiet`; without Maven or the network it only says so. */
async function fetchQuietLogging(dir: string, log: (line: string) => void): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(dir, '.quiet.tmp-'));
  try {
    const tail = new LineTail(10);
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn('mvn', ['-B', '-q', `${DEPENDENCY_PLUGIN}:copy`, `-Dartifact=${SLF4J_NOP.artifact}`, `-DoutputDirectory=${tmp}`], {
        cwd: tmp,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: process.env,
      });
      child.stdout.on('data', (d: Buffer) => tail.push(d));
      child.stderr.on('data', (d: Buffer) => tail.push(d));
      child.once('error', (err) => {
        tail.push(`${err.message}\n`);
        resolve(null);
      });
      child.once('close', resolve);
    });
    if (code !== 0 || !fs.existsSync(path.join(tmp, SLF4J_NOP.jar))) {
      quietLoggingUnavailable = true;
      log(`Temporal test server: could not fetch ${SLF4J_NOP.artifact} (${tail.text().slice(-2).join(' | ')}); the server will print SLF4J's start-up warning`);
      return;
    }
    fs.chmodSync(tmp, 0o755);
    try {
      fs.renameSync(tmp, path.join(dir, 'quiet'));
    } catch (err) {
      if (!fs.existsSync(path.join(dir, 'quiet', SLF4J_NOP.jar))) throw err; // else another process finished first
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function wrapperScript(java: string, classPath: string[], archive: string | undefined): string {
  const cds = archive ? ['-Xshare:auto', `-XX:SharedArchiveFile=${shellQuote(archive)}`] : [];
  return [
    '#!/bin/sh',
    `# Temporal time-skipping test server ${TEMPORAL_TEST_SERVER_VERSION} (io.temporal:temporal-test-server), generated by the duty engine.`,
    '# Usage: temporal-test-server <port>. It must exec java: @temporalio/testing kills only its direct child.',
    `JAVA=${shellQuote(java)}`,
    '[ -x "$JAVA" ] || JAVA=java',
    `exec "$JAVA" ${[...JVM_FLAGS, ...cds].join(' ')} -cp ${shellQuote(classPath.join(path.delimiter))} ${MAIN_CLASS} "$1"`,
    '',
  ].join('\n');
}

function pomXml(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by the duty engine to fetch the Temporal time-skipping test server; not a build. -->
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.duty-engine</groupId>
  <artifactId>temporal-test-server-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${TEMPORAL_TEST_SERVER_VERSION}</version>
    </dependency>
  </dependencies>
</project>
`;
}

interface JavaRuntime {
  /** Absolute path of the java launcher. */
  path: string;
  /** `java -version` output, which names the exact build. */
  version: string;
  major: number;
}

/** A working `java`, preferring `$JAVA_HOME/bin/java` over the one on PATH; undefined if none runs. */
function findJava(): JavaRuntime | undefined {
  const candidates = [process.env.JAVA_HOME && path.join(process.env.JAVA_HOME, 'bin', 'java'), 'java'].filter(
    (c): c is string => Boolean(c),
  );
  for (const candidate of candidates) {
    const result = spawnSync(candidate, ['-version'], { encoding: 'utf8', timeout: 30_000, env: process.env });
    if (result.error || result.status !== 0) continue;
    const version = `${result.stderr}${result.stdout}`.trim();
    const match = /version "(\d+)(?:\.(\d+))?/.exec(version);
    const first = Number(match?.[1] ?? 0);
    const major = first === 1 ? Number(match?.[2] ?? 0) : first;
    const onPath = path.isAbsolute(candidate) ? candidate : findOnPath(candidate);
    let resolved = onPath ?? candidate;
    try {
      resolved = fs.realpathSync(resolved); // /usr/bin/java -> /usr/lib/jvm/<jdk>/bin/java: names the exact JVM
    } catch {
      // keep it as found
    }
    return { path: resolved, version, major };
  }
  return undefined;
}

function readFileOr(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function commandWorks(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 30_000, env: process.env });
  return !result.error && result.status === 0;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function errorLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
