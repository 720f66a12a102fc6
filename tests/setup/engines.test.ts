import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isSupportedNode } = require('../../scripts/supportedNode.js') as { isSupportedNode: (version: string) => boolean };

const ROOT = path.resolve(__dirname, '../..');
const engines = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};

/** Dependencies that declare a narrower Node range than ours, and why that is not true for how they are used here. */
const KNOWN_NARROWER: Record<string, string> = {
  // ESM only, required by fastify's light-my-request; require() of ES modules is on by default from Node 20.19 and 22.12.
  cookie: '>=22',
  // Runs only under `prisma dev` (a local Prisma Postgres), which the engine never starts.
  '@prisma/streams-local': '>=22.0.0',
};

test('setup accepts exactly the Node versions that package.json declares', () => {
  const disagreements: string[] = [];
  for (let major = 16; major <= 28; major++) {
    for (let minor = 0; minor <= 30; minor++) {
      const version = `${major}.${minor}.0`;
      if (isSupportedNode(version) !== semver.satisfies(version, engines)) disagreements.push(version);
    }
  }
  expect(disagreements).toEqual([]);
  expect(isSupportedNode(process.versions.node)).toBe(true);
});

test('every dependency supports the declared Node versions, but for the known and explained exceptions', () => {
  const narrower: Record<string, string> = {};
  for (const [where, pkg] of Object.entries(lock.packages)) {
    const range = Array.isArray(pkg.engines) ? undefined : pkg.engines?.node;
    if (!where || !range || semver.subset(engines, range)) continue;
    narrower[where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length)] = range;
  }
  expect(narrower).toEqual(KNOWN_NARROWER);
});
