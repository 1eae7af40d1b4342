import { createHash } from 'node:crypto';
import { workflowIds, type ProductionShotInput } from '../../contracts';
import { startPipelineWorkflow, WorkflowIdReusePolicy, type StartedRun } from './start-workflow';

/**
 * The id is derived from the request's content (and an optional `variant`), so a double click or a retried call
 * returns the run already made instead of paying for a second image; another take of the same prompt passes a
 * new variant.
 */
export function productionRequestKey(input: Pick<ProductionShotInput, 'prompt' | 'shotType' | 'tags' | 'aspectRatio'> & { variant?: string }): string {
  const canonical = JSON.stringify([input.prompt.trim(), input.shotType ?? '', input.tags ?? '', input.aspectRatio ?? '3:4', input.variant ?? '']);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

export function startProductionShotWorkflow(input: ProductionShotInput, variant?: string): Promise<StartedRun> {
  return startPipelineWorkflow({
    type: 'productionShotWorkflow',
    workflowId: workflowIds.productionShot(input.characterId, productionRequestKey({ ...input, variant })),
    input,
    characterId: input.characterId,
    stage: 'production-shot',
    // A finished request is not repeated by a retry; only a failed one may run again.
    reusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
  });
}
