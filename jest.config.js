/** Integration tests: each file boots the playground on a database of its own (a copy of the run's template). */
module.exports = {
  ...require('./jest.base.config'),
  roots: ['<rootDir>/tests'],
  testMatch: ['<rootDir>/tests/api/**/*.test.ts', '<rootDir>/tests/unit/**/*.test.ts'],
  testTimeout: 120000,
  // One boot on a fresh database for the whole run; each file's database starts as its copy.
  globalSetup: '<rootDir>/tests/global-setup.ts',
  globalTeardown: '<rootDir>/tests/global-teardown.ts',
  // Safety net: a Strapi that failed half-way through booting can keep handles open.
  forceExit: true,
  maxWorkers: process.env.JEST_WORKERS || 2,
};
