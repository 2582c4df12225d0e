/**
 * Hostile conditions under load (tests/hostile): several Strapi processes on one server database, a
 * database restart in the middle of a load. Run alone (`npm run test:hostile`), never beside other
 * test files: the restart would break them.
 */
module.exports = {
  ...require('./jest.base.config'),
  roots: ['<rootDir>/tests'],
  testMatch: ['<rootDir>/tests/hostile/**/*.test.ts'],
  testTimeout: 600000,
  forceExit: true,
  maxWorkers: 1,
};
