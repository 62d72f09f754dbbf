/**
 * The live suite (test/live): against the real Sinch API, opt-in, through `npm run test:live` (scripts/testLive.ts),
 * never part of `npm test`. One file at a time (the gate passes --runInBand): they share one account's numbers.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/live'],
  // Reads the allowed numbers' capabilities once, before the test files are collected.
  globalSetup: '<rootDir>/test/live/globalSetup.ts',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Real API calls, retries and the read-backs of the provider take longer than the simulator's.
  testTimeout: 180_000,
  maxWorkers: 1,
};
