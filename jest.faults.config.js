/**
 * The fault tests of issue 9 (`npm run test:faults`): workers killed, SMTP, PostgreSQL and Temporal
 * restarted mid-run, and generated bad input. `npm test` runs them after the main suite (about 6 minutes on
 * a quiet machine); `npm run test:faults` runs them alone.
 * @type {import('jest').Config}
 */
const main = require('./jest.config');

module.exports = {
  ...main,
  roots: ['<rootDir>/tests/faults'],
  testMatch: ['**/*.fault.ts'],
  setupFiles: ['<rootDir>/tests/faults/support/quietRuntime.ts'],
  // A storm waits out activity time-outs (one minute) after its last kill.
  testTimeout: 15 * 60_000,
};
