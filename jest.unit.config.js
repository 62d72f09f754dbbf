/**
 * `npm run test:unit`: the suites that need no Pulumi engine, no CLI and no package registry (the client, the
 * simulator, the provider's methods, the plugin's service in process, the parsers, the schema, the docs' tables): a
 * check of the provider's logic in a minute or two. `npm test` runs these with coverage, then the engine tier.
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');
const { ENGINE_SUITES } = require('./jest.tiers.js');

module.exports = {
  ...base,
  // These suites hold under load (they wait on conditions, not clocks): one worker per core, 2 at least.
  maxWorkers: Math.max(2, require('node:os').availableParallelism()),
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, ...ENGINE_SUITES],
};
