import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { searchAttributes, temporalUiLink, workflowIds } from '../../workflows/config';
import type { MasterReferenceInput } from '../../workflows/master-reference/types';
import { appConfig } from '../config';
import { temporalClient } from './client';

export interface StartedRun {
  workflowId: string;
  runId: string;
  url: string;
}

/**
 * Starts (or joins) the ingest of a character's master reference. The id is derived from the character and
 * the media, so a retried save joins the run in flight; a later switch back to the same media runs again.
 */
export async function startMasterReferenceWorkflow(input: MasterReferenceInput): Promise<StartedRun> {
  const config = appConfig();
  const client = await temporalClient();
  const workflowId = workflowIds.masterReference(input.characterId, input.mediaId);
  const handle = await client.workflow.start('masterReferenceWorkflow', {
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowId,
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    typedSearchAttributes: [
      { key: searchAttributes.characterId, value: input.characterId },
      { key: searchAttributes.stage, value: 'master-reference' },
      { key: searchAttributes.status, value: 'running' },
    ],
  });
  const runId = handle.firstExecutionRunId;
  return { workflowId, runId, url: temporalUiLink(config.TEMPORAL_UI_URL, config.TEMPORAL_NAMESPACE, workflowId, runId) };
}
