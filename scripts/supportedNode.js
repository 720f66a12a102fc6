/**
 * The Node.js versions the engine runs on, the same range as `engines` in package.json
 * (^20.19 || ^22.12 || >=24: Prisma 7's range; tests/setup/engines.test.ts keeps the two in step and
 * checks every dependency against it). Plain CommonJS: setup.mjs needs it before node_modules exists.
 */
'use strict';

const SUPPORTED = '20.19+, 22.12+ or 24 and later';

/** True when `version` ("20.20.2", as in process.versions.node) is one the engine supports. */
function isSupportedNode(version) {
  const [major, minor] = version.split('.').map(Number);
  if (major === 20) return minor >= 19;
  if (major === 22) return minor >= 12;
  return major >= 24;
}

module.exports = { isSupportedNode, SUPPORTED };
