/** Integration tests: each file boots the playground on its own fresh database. */
module.exports = {
  ...require('./jest.base.config'),
  roots: ['<rootDir>/tests'],
  testMatch: ['<rootDir>/tests/api/**/*.test.ts', '<rootDir>/tests/unit/**/*.test.ts'],
  testTimeout: 120000,
  // Safety net: a Strapi that failed half-way through booting can keep handles open.
  forceExit: true,
  maxWorkers: process.env.JEST_WORKERS || 2,
};
