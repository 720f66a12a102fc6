#!/usr/bin/env node
// Brings a fresh clone up to date before `npm start` or `npm test`: installs the npm packages when
// package-lock.json changed, generates the Prisma client when the schema changed, and (for tests)
// provisions the Temporal servers. Plain Node with no dependencies: it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const purpose = process.argv[2] ?? 'start';
if (!['start', 'test'].includes(purpose)) {
  console.error(`setup: unknown purpose "${purpose}": expected start or test`);
  process.exit(2);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 11)) {
  console.error(`setup: Node.js ${process.versions.node} is too old: install Node.js 20.11 or newer`);
  process.exit(1);
}

function step(title, command, args, env = {}) {
  console.error(`setup: ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`setup: "${[command, ...args].join(' ')}" failed (exit ${result.status ?? result.signal}); see the lines above`);
    process.exit(result.status || 1);
  }
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
if (!stampMatches(installStamp, digest(...manifests))) {
  step('installing npm packages', 'npm', ['install', '--no-audit', '--no-fund']);
  fs.writeFileSync(installStamp, digest(...manifests));
}

// 2. Prisma client: prisma-generate.js keeps its own fingerprint and regenerates only when the schema,
// its config or the Prisma versions changed.
try {
  const generated = createRequire(import.meta.url)('./prisma-generate.js').ensurePrismaClient({ quiet: true });
  if (generated) console.error('setup: generated the Prisma client');
} catch (error) {
  console.error(`setup: ${error.message}`);
  process.exit(1);
}

// 3. Tests need the Temporal CLI and the time-skipping test server before any suite starts (a suite
// that had to build them would blow its hook time-out). `npm start` builds the CLI itself, with
// progress, only when no external TEMPORAL_ADDRESS is configured.
if (purpose === 'test') {
  step('provisioning the Temporal CLI and the time-skipping test server', 'npm', ['run', '--silent', 'provision:temporal']);
}
