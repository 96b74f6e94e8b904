/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.browser-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: {
    '^@so-goc/(domain|event-store|projections|documents|platform)/(.*)$': '<rootDir>/libs/$1/src/$2',
    '^@so-goc/(domain|event-store|projections|documents|platform)$': '<rootDir>/libs/$1/src',
  },
  testTimeout: 60000,
  verbose: true,
  // A failing test can leave a live subscription behind; CI must report the failure, not hang on it.
  forceExit: true,
};
