import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTemporalDevServer, type TemporalDevServer } from '../../test-system/temporal-dev-server';
import { bundleWorkflows } from '../../workers/bundle';

/**
 * Once per run of the integration project: a real Temporal dev server from the pinned CLI and one workflow bundle
 * shared by every test file. Their locations reach the test workers through the environment (see from-global-setup).
 */
export default async function globalSetup(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cal-tests-'));
  const server = await startTemporalDevServer({ cliPath: process.env.TEMPORAL_CLI_PATH, dir });
  (globalThis as { __temporalServer?: TemporalDevServer }).__temporalServer = server;

  const bundlePath = path.join(dir, 'workflow-bundle.js');
  const { code } = await bundleWorkflows();
  await writeFile(bundlePath, code);

  process.env.TEST_TEMPORAL_ADDRESS = server.address;
  process.env.TEST_WORKFLOW_BUNDLE_PATH = bundlePath;
  process.env.TEST_TMP_DIR = dir;
}
