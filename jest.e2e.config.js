/** Browser tests: run by scripts/e2e.js against a started production build (E2E_BASE_URL). */
module.exports = {
  ...require('./jest.base.config'),
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['<rootDir>/tests/e2e/**/*.e2e.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
};
