import { createHash } from 'node:crypto';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { searchAttributes, temporalUiLink, workflowIds } from '../../workflows/config';
import type { ProductionShotInput } from '../../workflows/production-shot/types';
import { appConfig } from '../config';
import { temporalClient } from './client';
import type { StartedRun } from './start-master-reference';

/**
 * The id is derived from the request's content (and an optional `variant`), so a double click or a retried call
 * returns the run already made instead of paying for a second image; another take of the same prompt passes a
 * new variant.
 */
export function productionRequestKey(input: Pick<ProductionShotInput, 'prompt' | 'shotType' | 'tags' | 'aspectRatio'> & { variant?: string }): string {
  const canonical = JSON.stringify([input.prompt.trim(), input.shotType ?? '', input.tags ?? '', input.aspectRatio ?? '3:4', input.variant ?? '']);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

export async function startProductionShotWorkflow(input: ProductionShotInput, variant?: string): Promise<StartedRun> {
  const config = appConfig();
  const client = await temporalClient();
  const workflowId = workflowIds.productionShot(input.characterId, productionRequestKey({ ...input, variant }));
  const handle = await client.workflow.start('productionShotWorkflow', {
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowId,
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    // A finished request is not repeated by a retry; only a failed one may run again.
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
    typedSearchAttributes: [
      { key: searchAttributes.characterId, value: input.characterId },
      { key: searchAttributes.stage, value: 'production-shot' },
      { key: searchAttributes.status, value: 'running' },
    ],
  }).catch(async (error: Error) => {
    if (error.name !== 'WorkflowExecutionAlreadyStartedError') throw error;
    return client.workflow.getHandle(workflowId);
  });
  const runId = 'firstExecutionRunId' in handle && handle.firstExecutionRunId ? handle.firstExecutionRunId : (await handle.describe()).runId;
  return { workflowId, runId, url: temporalUiLink(config.TEMPORAL_UI_URL, config.TEMPORAL_NAMESPACE, workflowId, runId) };
}
