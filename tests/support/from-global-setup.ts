import type { TestSystemOptions } from '../../test-system/system';

/** Where global-setup.ts put the dev server, the workflow bundle and the temporary folder. */
export function fromGlobalSetup(): Pick<TestSystemOptions, 'temporalAddress' | 'workflowBundlePath' | 'tmpDir'> {
  const { TEST_TEMPORAL_ADDRESS, TEST_WORKFLOW_BUNDLE_PATH, TEST_TMP_DIR } = process.env;
  if (!TEST_TEMPORAL_ADDRESS || !TEST_WORKFLOW_BUNDLE_PATH || !TEST_TMP_DIR) {
    throw new Error('The integration global setup did not run: use `npm test` (it selects the integration project).');
  }
  return { temporalAddress: TEST_TEMPORAL_ADDRESS, workflowBundlePath: TEST_WORKFLOW_BUNDLE_PATH, tmpDir: TEST_TMP_DIR };
}
