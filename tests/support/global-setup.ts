import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testDatabaseIsMongo } from '../../test-system/database';
import { startFerretDb, type FerretDbServer } from '../../test-system/ferretdb';
import { startTemporalDevServer, type TemporalDevServer } from '../../test-system/temporal-dev-server';
import { bundleWorkflows } from '../../workers/bundle';

/**
 * Once per run of the integration project: a real Temporal dev server from the pinned CLI, one workflow bundle shared
 * by every test file and, under `TEST_DATABASE=mongodb`, one FerretDB in which each Payload server gets a database of
 * its own. Their locations reach the test workers through the environment (see from-global-setup and
 * test-system/database.ts).
 */
export default async function globalSetup(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cal-tests-'));
  const server = await startTemporalDevServer({ cliPath: process.env.TEMPORAL_CLI_PATH, dir });
  (globalThis as { __temporalServer?: TemporalDevServer }).__temporalServer = server;

  if (testDatabaseIsMongo()) {
    const ferretDb = await startFerretDb({ binaryPath: process.env.FERRETDB_PATH, dir });
    (globalThis as { __ferretDb?: FerretDbServer }).__ferretDb = ferretDb;
    process.env.TEST_MONGODB_URL = ferretDb.url;
  }

  const bundlePath = path.join(dir, 'workflow-bundle.js');
  const { code } = await bundleWorkflows();
  await writeFile(bundlePath, code);

  process.env.TEST_TEMPORAL_ADDRESS = server.address;
  process.env.TEST_WORKFLOW_BUNDLE_PATH = bundlePath;
  process.env.TEST_TMP_DIR = dir;
}
