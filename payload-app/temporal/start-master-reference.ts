import { workflowIds, type MasterReferenceInput } from '../../contracts';
import { startPipelineWorkflow, WorkflowIdReusePolicy, type StartedRun } from './start-workflow';

export type { StartedRun };

/**
 * Starts (or joins) the ingest of a character's master reference. The id is derived from the character and
 * the media, so a retried save joins the run in flight; a later switch back to the same media runs again.
 */
export function startMasterReferenceWorkflow(input: MasterReferenceInput): Promise<StartedRun> {
  return startPipelineWorkflow({
    type: 'masterReferenceWorkflow',
    workflowId: workflowIds.masterReference(input.characterId, input.mediaId),
    input,
    characterId: input.characterId,
    stage: 'master-reference',
    reusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
  });
}
