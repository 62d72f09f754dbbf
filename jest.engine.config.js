/**
 * The engine tier of `npm test` (jest.tiers.js): the suites that drive the real Pulumi engine, the CLI, registries and
 * builds. One at a time: each engine is CPU-bound, and two of them on two cores would only trade time for timeouts.
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');
const { ENGINE_SUITES } = require('./jest.tiers.js');

module.exports = {
  ...base,
  maxWorkers: 1,
  testRegex: ENGINE_SUITES,
};
