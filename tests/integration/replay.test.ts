import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';

const HISTORIES = fileURLToPath(new URL('../workflow-histories', import.meta.url));

/**
 * Saved histories of every workflow type, replayed against the current workflow code: a change that alters the
 * commands an existing run issues (instead of going through `patched()`, see workflows/patches.ts) fails here.
 * Record new ones with RECORD_WORKFLOW_HISTORIES=tests/workflow-histories npm test -- tests/integration.
 */
describe('replay of saved workflow histories', () => {
  it('replays every saved history without a determinism error', async () => {
    const files = (await readdir(HISTORIES)).filter((file) => file.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThanOrEqual(4);
    const histories = await Promise.all(
      files.map(async (file) => ({
        workflowId: path.basename(file, '.json'),
        // Saved as the client hands them out (protobuf objects, 64-bit ids as {low, high}): fromObject reads that shape.
        history: temporal.api.history.v1.History.fromObject(JSON.parse(await readFile(path.join(HISTORIES, file), 'utf8'))),
      })),
    );
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE_PATH! } },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
