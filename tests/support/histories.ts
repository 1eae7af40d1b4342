import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@temporalio/client';

/**
 * With RECORD_WORKFLOW_HISTORIES=<folder>, integration tests save the histories of the runs they finish there, named
 * after the scenario. Committed under tests/workflow-histories, they are replayed against the current workflow code
 * by tests/integration/replay.test.ts: a change that would break runs in flight (waiting for review over a deploy)
 * fails there instead of in production.
 */
export async function recordHistory(temporal: Client, workflowId: string, scenario: string): Promise<void> {
  const folder = process.env.RECORD_WORKFLOW_HISTORIES;
  if (!folder) return;
  const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, `${scenario}.json`), JSON.stringify(history));
}
