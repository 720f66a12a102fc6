#!/usr/bin/env node
/**
 * Compiles the dashboard's stylesheet (src/server/pages/assets/app.scss: govuk-frontend with a
 * system font stack, since a service not on GOV.UK must not use GDS Transport) into
 * node_modules/.cache/duty-engine/app.css. Run by scripts/setup.mjs before `npm start` and
 * `npm test`, and by the server itself when the file is missing or stale.
 *
 * Idempotent and fast: recompiles only when the source or the sass or govuk-frontend versions
 * changed (a fingerprint is kept next to the output). `--force` recompiles.
 */
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SOURCE = path.join(ROOT, 'src', 'server', 'pages', 'assets', 'app.scss');
const OUTPUT_DIR = path.join(ROOT, 'node_modules', '.cache', 'duty-engine');
const OUTPUT = path.join(OUTPUT_DIR, 'app.css');
const FINGERPRINT = path.join(OUTPUT_DIR, 'app.css.fingerprint');

const version = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;

function fingerprint() {
  return crypto
    .createHash('sha256')
    .update(fs.readFileSync(SOURCE))
    .update(`sass ${version('sass')} govuk-frontend ${version('govuk-frontend')}`)
    .digest('hex');
}

/** Compiles when stale; returns { file, compiled }. */
function ensurePageStyles({ force = false } = {}) {
  const wanted = fingerprint();
  const current = fs.existsSync(FINGERPRINT) && fs.existsSync(OUTPUT) ? fs.readFileSync(FINGERPRINT, 'utf8') : '';
  if (!force && current === wanted) return { file: OUTPUT, compiled: false };
  const sass = require(require.resolve('sass', { paths: [ROOT] }));
  const result = sass.compile(SOURCE, { loadPaths: [path.join(ROOT, 'node_modules')], style: 'compressed', quietDeps: true });
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  fs.writeFileSync(OUTPUT, result.css);
  fs.writeFileSync(FINGERPRINT, wanted);
  return { file: OUTPUT, compiled: true };
}

module.exports = { ensurePageStyles, PAGE_STYLES: OUTPUT };

if (require.main === module) {
  const { file, compiled } = ensurePageStyles({ force: process.argv.includes('--force') });
  if (compiled) console.error(`build-styles: wrote ${path.relative(ROOT, file)}`);
}
