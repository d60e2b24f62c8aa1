/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // The French date models compile large regexes once per worker; two workers on a two-core machine.
  maxWorkers: 2,
  testTimeout: 30000,
};
