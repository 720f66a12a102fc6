/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // Temporal and database suites start real servers; their hooks get minutes, not seconds.
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/tests/support/summaryReporter.js'],
  setupFiles: ['<rootDir>/tests/support/quietTemporal.ts'],
};
