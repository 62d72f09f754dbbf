/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // The live suite runs only through `npm run test:live` (jest.live.config.js), against the real Sinch API.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/live/'],
  // Coverage instruments functions with module-level counters that Pulumi's closure serializer would capture.
  collectCoverage: false,
};
