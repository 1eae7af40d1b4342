import { createHash } from 'node:crypto';
import { WorkflowIdReusePolicy } from '@temporalio/client';
import { workflowIds, type CoreSetInput, type MasterReferenceInput, type ProductionShotInput } from '../../contracts';
import { pipelineStartOptions, runLink, runningRunId, startedRun, startWorkflow, type StartedRun } from './start';

/**
 * Starts (or joins) the ingest of a character's master reference. The id is derived from the character and
 * the media, so a retried save joins the run in flight; a later switch back to the same media runs again.
 */
export function startMasterReference(input: MasterReferenceInput): Promise<StartedRun> {
  const workflowId = workflowIds.masterReference(input.characterId, input.mediaId);
  const options = pipelineStartOptions({
    workflowId,
    characterId: input.characterId,
    stage: 'master-reference',
    reusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
  });
  return startedRun(workflowId, startWorkflow('masterReferenceWorkflow', { ...options, args: [input] }));
}

/** A second request while a core set runs returns that run (and says so); a finished core set may run again. */
export async function startCoreSet(input: CoreSetInput): Promise<StartedRun & { joinedExisting: boolean }> {
  const workflowId = workflowIds.coreSet(input.characterId);
  const running = await runningRunId(workflowId);
  if (running) return { workflowId, runId: running, url: runLink(workflowId, running), joinedExisting: true };
  const options = pipelineStartOptions({
    workflowId,
    characterId: input.characterId,
    stage: 'core-set',
    reusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
  });
  const run = await startedRun(workflowId, startWorkflow('coreSetWorkflow', { ...options, args: [input] }));
  return { ...run, joinedExisting: false };
}

/**
 * The id is derived from the request's content (and an optional `variant`), so a double click or a retried call
 * returns the run already made instead of paying for a second image; another take of the same prompt passes a
 * new variant.
 */
function productionRequestKey(input: ProductionShotInput & { variant?: string }): string {
  const { prompt, shotType, tags, aspectRatio, variant } = input;
  const canonical = JSON.stringify([prompt.trim(), shotType ?? '', tags ?? '', aspectRatio ?? '3:4', variant ?? '']);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

export function startProductionShot(input: ProductionShotInput, variant?: string): Promise<StartedRun> {
  const workflowId = workflowIds.productionShot(input.characterId, productionRequestKey({ ...input, variant }));
  const options = pipelineStartOptions({
    workflowId,
    characterId: input.characterId,
    stage: 'production-shot',
    // A finished request is not repeated by a retry; only a failed one may run again.
    reusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
  });
  return startedRun(workflowId, startWorkflow('productionShotWorkflow', { ...options, args: [input] }));
}
