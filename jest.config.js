/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // ES-module-only packages that Node 20 requires but jest's CommonJS runtime cannot load: jose 6
    // (under the Agents SDK's jwks-rsa) and strip-bom 5 (under @microsoft/app-manifest).
    '/node_modules/(jose|strip-bom)/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' } },
    ],
  },
  // A path is left alone when any node_modules segment in it is ignored, so the nested strip-bom is
  // excepted at both node_modules levels.
  transformIgnorePatterns: [
    '/node_modules/(?!jose/|strip-bom/|@microsoft/app-manifest/node_modules/strip-bom/)',
  ],
  // The French date models compile large regexes once per worker; two workers on a two-core machine.
  maxWorkers: 2,
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
};
