import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { searchAttributeFlags } from '../../contracts';
import { bundleWorkflows } from '../../workers/bundle';
import { freePort, waitForPort } from './ports';

/**
 * Once per `npm test`: a real Temporal dev server from the pinned CLI (headless, its own SQLite file) and one
 * workflow bundle shared by every test file. Their locations reach the test workers through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cal-tests-'));
  const port = await freePort();
  const uiPort = await freePort();
  const cli = process.env.TEMPORAL_CLI_PATH;
  if (!cli) throw new Error('TEMPORAL_CLI_PATH is not set: run the tests with `npm test`.');
  const server = spawn(
    cli,
    [
      'server', 'start-dev',
      '--db-filename', path.join(dir, 'temporal.db'),
      '--ip', '127.0.0.1',
      '--port', String(port),
      '--ui-port', String(uiPort),
      '--headless',
      '--log-level', 'error',
      ...searchAttributeFlags(),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], detached: true },
  );
  (globalThis as { __temporalServer?: typeof server }).__temporalServer = server;
  await waitForPort('127.0.0.1', port, 60_000);

  const bundlePath = path.join(dir, 'workflow-bundle.js');
  const { code } = await bundleWorkflows();
  await writeFile(bundlePath, code);

  process.env.TEST_TEMPORAL_ADDRESS = `127.0.0.1:${port}`;
  process.env.TEST_WORKFLOW_BUNDLE_PATH = bundlePath;
  process.env.TEST_TMP_DIR = dir;
}
