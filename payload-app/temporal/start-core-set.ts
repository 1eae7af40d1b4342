import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { searchAttributes, temporalUiLink, workflowIds } from '../../workflows/config';
import type { CoreSetInput } from '../../workflows/core-set/types';
import { appConfig } from '../config';
import { temporalClient } from './client';
import type { StartedRun } from './start-master-reference';

/** A second request while a core set runs joins that run (same id, conflict policy USE_EXISTING). */
export async function startCoreSetWorkflow(input: CoreSetInput): Promise<StartedRun & { joinedExisting: boolean }> {
  const config = appConfig();
  const client = await temporalClient();
  const workflowId = workflowIds.coreSet(input.characterId);
  const running = await client.workflow
    .getHandle(workflowId)
    .describe()
    .then((description) => (description.status.name === 'RUNNING' ? description.runId : undefined))
    .catch(() => undefined);
  if (running) {
    return { workflowId, runId: running, url: temporalUiLink(config.TEMPORAL_UI_URL, config.TEMPORAL_NAMESPACE, workflowId, running), joinedExisting: true };
  }
  const handle = await client.workflow.start('coreSetWorkflow', {
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowId,
    args: [input],
    // Two requests racing past the check above still end in one run.
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    typedSearchAttributes: [
      { key: searchAttributes.characterId, value: input.characterId },
      { key: searchAttributes.stage, value: 'core-set' },
      { key: searchAttributes.status, value: 'running' },
    ],
  });
  const runId = handle.firstExecutionRunId;
  return { workflowId, runId, url: temporalUiLink(config.TEMPORAL_UI_URL, config.TEMPORAL_NAMESPACE, workflowId, runId), joinedExisting: false };
}
