/**
 * The suites that need the real Pulumi engine, the CLI, a package registry or a build: `npm test` runs them one at a
 * time after the others (jest.engine.config.js), since each drives a CPU-bound engine of its own; every other suite is
 * the unit tier (jest.unit.config.js, `npm run test:unit`), which runs on every core. Paths from the repository root,
 * as regular expressions; test/scripts/tiers.test.ts checks that the two tiers split the suites exactly.
 */
const ENGINE_SUITES = [
  // The real engine and the CLI.
  'test/e2e/[^/]+',
  'test/upgrade/[^/]+',
  'test/plugin/(configuration|import|installed|yaml)',
  'test/generate/(engine|formats\\.engine|compiles)',
  'test/docs/examples',
  'test/sdk/(languages|examples|current)',
  // Package registries, builds and the live suite's rehearsal.
  'test/release/[^/]+',
  'test/package/packed',
  'test/scripts/testLive',
];

module.exports = { ENGINE_SUITES: ENGINE_SUITES.map((suite) => `/${suite}\\.test\\.ts$`) };
