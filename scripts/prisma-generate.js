#!/usr/bin/env node
/**
 * `npm run prisma:generate`: runs `prisma generate` offline.
 *
 * Every Prisma CLI command first tries to download the native schema engine,
 * which fails on machines without internet access; with
 * PRISMA_SCHEMA_ENGINE_BINARY pointing at any existing file it skips that
 * (generate does not need the engine; Prisma 7 clients use a driver adapter).
 * We point it at the Node binary, which exists on every platform.
 *
 * Idempotent and fast: the client in src/generated/prisma is regenerated only
 * when prisma/schema.prisma, prisma.config.ts or the Prisma versions changed
 * (a fingerprint is kept next to the generated client). `--force` regenerates.
 *
 * Also usable from code: require('./scripts/prisma-generate').ensurePrismaClient().
 */
'use strict';
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SCHEMA = path.join(ROOT, 'prisma', 'schema.prisma');
const CONFIG = path.join(ROOT, 'prisma.config.ts');
const OUTPUT = path.join(ROOT, 'src', 'generated', 'prisma');
const FINGERPRINT = path.join(OUTPUT, '.fingerprint');

function readOr(file, fallback) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

function packageVersion(name) {
  return JSON.parse(readOr(require.resolve(`${name}/package.json`, { paths: [ROOT] }), '{}')).version;
}

function fingerprint() {
  const hash = crypto.createHash('sha256');
  for (const part of [
    readOr(SCHEMA, ''),
    readOr(CONFIG, ''),
    packageVersion('prisma'),
    packageVersion('@prisma/client'),
    readOr(__filename, ''),
  ]) {
    hash.update(String(part)).update('\0');
  }
  return hash.digest('hex');
}

/** Generates the client unless it is up to date. Returns true when it (re)generated. */
function ensurePrismaClient({ force = false, quiet = false } = {}) {
  const want = fingerprint();
  if (!force && readOr(FINGERPRINT, '') === want && fs.existsSync(path.join(OUTPUT, 'client.ts'))) {
    if (!quiet) console.log('Prisma client is up to date (src/generated/prisma).');
    return false;
  }
  const cli = require.resolve('prisma/build/index.js', { paths: [ROOT] });
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  };
  const result = spawnSync(process.execPath, [cli, 'generate', '--schema', SCHEMA], {
    cwd: ROOT,
    env,
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    const output = quiet ? `${result.stdout ?? ''}${result.stderr ?? ''}` : '';
    throw new Error(
      `prisma generate failed (exit ${result.status ?? result.signal})${output ? `: ${output.replace(/\s+/g, ' ').trim().slice(-500)}` : ''}`,
    );
  }
  fs.writeFileSync(FINGERPRINT, want);
  return true;
}

module.exports = { ensurePrismaClient };

if (require.main === module) {
  try {
    ensurePrismaClient({ force: process.argv.includes('--force') });
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
