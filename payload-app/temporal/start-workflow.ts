import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { searchAttributes, temporalUiLink, type PipelineStage } from '../../contracts';
import { appConfig } from '../config';
import { temporalClient } from './client';

export interface StartedRun {
  workflowId: string;
  runId: string;
  url: string;
}

/**
 * Starts a pipeline workflow on the configured task queue with the project's search attributes. A start with the
 * id of a running workflow joins it (USE_EXISTING): that is what makes double clicks and retried requests safe.
 */
export async function startPipelineWorkflow(options: {
  type: string;
  workflowId: string;
  input: unknown;
  characterId: string;
  stage: PipelineStage;
  reusePolicy: WorkflowIdReusePolicy;
}): Promise<StartedRun> {
  const config = appConfig();
  const client = await temporalClient();
  const handle = await client.workflow
    .start(options.type, {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowId: options.workflowId,
      args: [options.input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: options.reusePolicy,
      typedSearchAttributes: [
        { key: searchAttributes.characterId, value: options.characterId },
        { key: searchAttributes.stage, value: options.stage },
        { key: searchAttributes.status, value: 'running' },
      ],
    })
    .catch((error: Error) => {
      // A completed run that the reuse policy keeps (e.g. a finished production shot) is the answer itself.
      if (error.name !== 'WorkflowExecutionAlreadyStartedError') throw error;
      return client.workflow.getHandle(options.workflowId);
    });
  const runId = 'firstExecutionRunId' in handle && handle.firstExecutionRunId ? handle.firstExecutionRunId : (await handle.describe()).runId;
  return { workflowId: options.workflowId, runId, url: runLink(options.workflowId, runId) };
}

export function runLink(workflowId: string, runId?: string): string {
  const config = appConfig();
  return temporalUiLink(config.TEMPORAL_UI_URL, config.TEMPORAL_NAMESPACE, workflowId, runId);
}

export { WorkflowIdReusePolicy };
