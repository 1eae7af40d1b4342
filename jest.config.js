/** Jest in native ESM mode (Payload and our code are ESM); TypeScript compiled by SWC. */
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2023' },
    module: { type: 'es6' },
  },
];

export default {
  testEnvironment: 'node',
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.tsx?$': swc },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.tools/', '/.data/'],
  modulePathIgnorePatterns: ['<rootDir>/.tools/', '<rootDir>/.data/', '<rootDir>/payload-app/.next/'],
  testTimeout: 120_000,
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
};
