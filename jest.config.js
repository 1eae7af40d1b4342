/** Jest in native ESM mode (Payload and our code are ESM); TypeScript compiled by SWC. */
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2023' },
    module: { type: 'es6' },
  },
];

const INTEGRATION_FOLDERS = ['<rootDir>/tests/integration/', '<rootDir>/tests/browser/'];
const IGNORED = ['/node_modules/', '/.tools/', '/.data/', '/.data-production/'];

const shared = {
  testEnvironment: 'node',
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.tsx?$': swc },
  modulePathIgnorePatterns: ['<rootDir>/.tools/', '<rootDir>/.data/', '<rootDir>/.data-production/', '<rootDir>/payload-app/.next/'],
};

/**
 * Two tiers. `unit`: everything that needs no Temporal dev server and no Payload (workflow tests bring their own
 * time-skipping test server), so `npm run test:unit` takes seconds. `integration`: the real system; its global setup
 * (dev server + workflow bundle) runs only when a test of this project is selected.
 */
export default {
  // Read from the top level only: Jest ignores a project's own testTimeout. Generous: the suite must pass on a busy
  // two-core machine, where a test that takes 40 s alone has been seen to take over two minutes.
  testTimeout: 480_000,
  // On CI every test's name and time in the log: a slow or stuck test is found there after the run is gone.
  verbose: Boolean(process.env.CI),
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      // The complement of the integration folders, so every test file belongs to exactly one tier.
      testPathIgnorePatterns: [...IGNORED, ...INTEGRATION_FOLDERS],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: INTEGRATION_FOLDERS.map((folder) => `${folder}**/*.test.ts`),
      testPathIgnorePatterns: IGNORED,
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
  ],
};
