/**
 * `npm run test:unit`: the suites that need no Pulumi engine, no CLI and no package registry (the client, the
 * simulator, the provider's methods, the plugin's service in process, the parsers, the schema, the docs' tables): a
 * check of the provider's logic in a minute or two. `npm test` runs these and every other suite.
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  // Unit tests run without coverage thresholds: the whole suite is what they hold.
  coverageThreshold: undefined,
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    // The real engine and the CLI.
    '<rootDir>/test/e2e/',
    '<rootDir>/test/upgrade/',
    '<rootDir>/test/plugin/(configuration|import|installed|yaml)\\.test\\.ts$',
    '<rootDir>/test/generate/(engine|formats\\.engine|compiles)\\.test\\.ts$',
    '<rootDir>/test/docs/examples\\.test\\.ts$',
    '<rootDir>/test/sdk/(languages|examples|current)\\.test\\.ts$',
    // Package registries, builds and the live suite's rehearsal.
    '<rootDir>/test/release/',
    '<rootDir>/test/package/packed\\.test\\.ts$',
    '<rootDir>/test/scripts/testLive\\.test\\.ts$',
  ],
};
