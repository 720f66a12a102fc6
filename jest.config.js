/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // @fastify/cookie loads the ES-module-only `cookie` with import(), which jest's CommonJS runtime
  // refuses without --experimental-vm-modules: compile both to CommonJS like our own code.
  transformIgnorePatterns: ['/node_modules/(?!(@fastify/cookie|cookie)/)'],
  // Temporal and database suites start real servers; their hooks get minutes, not seconds.
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/tests/support/summaryReporter.js'],
  setupFiles: ['<rootDir>/tests/support/quietTemporal.ts'],
};
