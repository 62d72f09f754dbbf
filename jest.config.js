/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Coverage instruments functions with module-level counters that Pulumi's closure serializer would capture.
  collectCoverage: false,
};
