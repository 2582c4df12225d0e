/** Integration tests: each file boots the playground on its own fresh database. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['<rootDir>/tests/api/**/*.test.ts', '<rootDir>/tests/unit/**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testTimeout: 120000,
  // Safety net: a Strapi that failed half-way through booting can keep handles open.
  forceExit: true,
  maxWorkers: process.env.JEST_WORKERS || 2,
};
