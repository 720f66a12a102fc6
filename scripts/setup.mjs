#!/usr/bin/env node
// Brings a fresh clone up to date before `npm start` or `npm test`: installs the npm packages when
// package-lock.json changed, generates the Prisma client when the schema changed, and (for tests)
// provisions the Temporal servers. Plain Node with no dependencies: it runs before node_modules exists.
// Quiet unless something is wrong: one line per step that did something, nothing when all is in place.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const purpose = process.argv[2] ?? 'start';
if (!['start', 'test'].includes(purpose)) {
  console.error(`setup: unknown purpose "${purpose}": expected start or test`);
  process.exit(2);
}

const { isSupportedNode, SUPPORTED } = require('./supportedNode.js');
if (!isSupportedNode(process.versions.node)) {
  console.error(`setup: Node.js ${process.versions.node} is not supported: install Node.js ${SUPPORTED}`);
  process.exit(1);
}

const failed = (command, args, result) =>
  `setup: "${[command, ...args].join(' ')}" failed (exit ${result.status ?? result.signal ?? result.error?.message})`;

/** Runs a command with its output shown as it comes (for long builds that report progress). */
function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`${failed(command, args, result)}; see the lines above`);
    process.exit(result.status || 1);
  }
}

/** Runs a command with its output kept back; returns its stdout, or prints all it said and exits when it fails. */
function runQuietly(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: process.env });
  if (result.status !== 0) {
    console.error(`\n${`${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim()}`);
    console.error(failed(command, args, result));
    process.exit(result.status || 1);
  }
  return result.stdout;
}

const digest = (...files) => {
  const hash = createHash('sha256');
  for (const file of files) hash.update(fs.existsSync(file) ? fs.readFileSync(file) : '');
  return hash.digest('hex');
};
const stampMatches = (stamp, value) => fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === value;

// 1. npm packages, reinstalled only when package.json or the lock file changed since the last install.
// `npm install` rather than `npm ci`: the registry mirrors these machines reach lack some other
// platforms' optional packages (e.g. @swc/core-darwin-arm64), which `npm ci` refuses as an out-of-sync lock.
const manifests = [path.join(root, 'package.json'), path.join(root, 'package-lock.json')];
const installStamp = path.join(root, 'node_modules', '.duty-engine-install');
// --loglevel=error: npm's warnings here are known and not the user's to act on (engine ranges of transitive
// packages, checked in tests/setup/engines.test.ts; install scripts not yet listed in allowScripts).
if (!stampMatches(installStamp, digest(...manifests))) {
  process.stderr.write('setup: installing npm packages... ');
  const output = runQuietly('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
  const summary = output.split('\n').find((line) => /^(added|removed|changed|up to date)\b/.test(line.trim()));
  process.stderr.write(`${summary?.trim() ?? 'done'}\n`);
  fs.writeFileSync(installStamp, digest(...manifests));
}

// 2. Prisma client: prisma-generate.js keeps its own fingerprint and regenerates only when the schema,
// its config or the Prisma versions changed.
try {
  const generated = require('./prisma-generate.js').ensurePrismaClient({ quiet: true });
  if (generated) console.error('setup: generated the Prisma client');
} catch (error) {
  console.error(`setup: ${error.message}`);
  process.exit(1);
}

// 3. The dashboard's stylesheet, compiled from govuk-frontend's Sass with the product's own font
// stack; build-styles.js recompiles only when its source or the package versions changed.
try {
  const { compiled, file } = require('./build-styles.js').ensurePageStyles();
  if (compiled) console.error(`setup: compiled the dashboard's stylesheet (${path.relative(root, file)})`);
} catch (error) {
  console.error(`setup: ${error.message}`);
  process.exit(1);
}

// 4. Tests need the Temporal CLI and the time-skipping test server before any suite starts (a suite
// that had to build them would blow its hook time-out). `npm start` builds the CLI itself, with
// progress, only when no external TEMPORAL_ADDRESS is configured.
if (purpose === 'test') {
  run('npm', ['run', '--silent', 'provision:temporal', '--', '--quiet']);
}

// 5. The browser tests drive Debian's Chromium through playwright-core (which downloads no browser of
// its own). CHROMIUM_PATH names another; else `chromium` on the PATH, installed with apt-get when
// missing (as root, or through sudo) where apt-get exists; elsewhere the browser suites say why they skip.
if (purpose === 'test' && !process.env.CHROMIUM_PATH) {
  const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
  if (!has('chromium') && has('apt-get')) {
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    if (root || has('sudo')) {
      process.stderr.write('setup: installing chromium for the browser tests (apt-get)... ');
      const prefix = root ? [] : ['sudo', '-n'];
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      let result = spawnSync(prefix[0] ?? 'apt-get', [...prefix.slice(1), ...(root ? [] : ['apt-get']), 'install', '-y', '--no-install-recommends', 'chromium'], { encoding: 'utf8', env });
      if (result.status !== 0) {
        // A fresh image has no package lists yet.
        spawnSync(prefix[0] ?? 'apt-get', [...prefix.slice(1), ...(root ? [] : ['apt-get']), 'update'], { encoding: 'utf8', env });
        result = spawnSync(prefix[0] ?? 'apt-get', [...prefix.slice(1), ...(root ? [] : ['apt-get']), 'install', '-y', '--no-install-recommends', 'chromium'], { encoding: 'utf8', env });
      }
      if (result.status !== 0) {
        console.error(`\n${`${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim()}`);
        console.error('setup: "apt-get install -y chromium" failed; the browser tests will be skipped (set CHROMIUM_PATH to use another Chromium)');
      } else {
        process.stderr.write('done\n');
      }
    }
  }
}
