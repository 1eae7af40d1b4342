import {
  ApplicationFailure,
  CancellationScope,
  defineQuery,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CostActivities } from '../../activities/costs/activities';
import type { ProductionShotActivities } from '../../activities/production-shot/activities';
import { PROGRESS_QUERY, searchAttributes, type ProductionShotInput, type ProductionShotProgress } from '../../contracts';
import { bookkeepsLocally, RUN_BOOKKEEPING_OPTIONS } from '../bookkeeping-options';
import { describeFailure } from '../failure-message';
import { LANES_FAIL_ALONE_PATCH } from '../patches';
import { produceImage } from '../generation/produce-image';
import { ReviewInbox } from '../review/handlers';
import { productionPrompt } from './prompt';

export const productionShotProgressQuery = defineQuery<ProductionShotProgress>(PROGRESS_QUERY);

const scheduledActivities = proxyActivities<ProductionShotActivities & CostActivities>(RUN_BOOKKEEPING_OPTIONS);
const localActivities = proxyLocalActivities<ProductionShotActivities & CostActivities>(RUN_BOOKKEEPING_OPTIONS);

/** One on-demand shot (docs/decisions.md): generated from the whole approved core set, behind the automated QA gate. */
export async function productionShotWorkflow(input: ProductionShotInput): Promise<ProductionShotProgress> {
  const progress: ProductionShotProgress = {
    characterId: input.characterId,
    prompt: input.prompt,
    state: 'queued',
    attempt: 0,
    consistencyScore: null,
    qualityScore: null,
    threshold: null,
    spentUsd: 0,
    generations: 0,
    unpricedGenerations: 0,
  };
  setHandler(productionShotProgressQuery, () => progress);
  const inbox = new ReviewInbox();
  inbox.install();
  progress.ignoredDecisions = inbox.ignored;
  const endsClean = patched(LANES_FAIL_ALONE_PATCH);
  const activities = bookkeepsLocally(endsClean) ? localActivities : scheduledActivities;
  const setStatus = (status: string) => upsertSearchAttributes([{ key: searchAttributes.status, value: status }]);

  try {
    const context = await activities.loadProductionShotContext({ characterDocId: input.characterDocId });
    progress.referenceCount = context.referenceMediaIds.length;
    const aspectRatio = input.aspectRatio ?? '3:4';
    await produceImage(
      {
        characterDocId: input.characterDocId,
        characterId: input.characterId,
        keyPrefix: `production:${input.characterId}:${workflowInfo().firstExecutionRunId}`,
        kind: 'production',
        shotType: input.shotType,
        tags: input.tags,
        aspectRatio,
        referenceMediaIds: context.referenceMediaIds,
        rules: {
          minConsistency: context.minConsistency,
          minQuality: context.minQuality,
          echoCosine: context.echoCosine,
          engineId: context.engineId,
        },
        maxAttempts: context.maxAttempts,
        reviewTimeoutMs: context.reviewTimeoutMs,
        buildPrompt: (feedback, adjustment) =>
          productionPrompt({
            characterName: context.characterName,
            lookDescription: context.lookDescription,
            prompt: input.prompt,
            referenceCount: context.referenceMediaIds.length,
            feedback,
            adjustment,
          }),
      },
      progress,
      inbox,
      async () => setStatus('awaiting_review'),
    );
    if (!endsClean) await recordCost();
    setStatus(progress.state);
    return progress;
  } catch (error) {
    if (isCancellation(error)) {
      if (endsClean) setStatus('cancelled');
      throw error;
    }
    progress.state = 'failed';
    progress.reason = describeFailure(error);
    setStatus('failed');
    throw ApplicationFailure.nonRetryable(progress.reason, 'ProductionShotFailed');
  } finally {
    // Every run keeps its own cost record, failed and cancelled ones included.
    if (endsClean) await CancellationScope.nonCancellable(() => recordCost());
  }

  function recordCost() {
    const { workflowId, firstExecutionRunId } = workflowInfo();
    return activities.recordRunCost({
      characterDocId: input.characterDocId,
      workflowId,
      runId: firstExecutionRunId,
      outcome: progress.state,
      stage: 'production-shot',
      costUsd: progress.spentUsd,
      attempts: progress.generations,
      unpricedAttempts: progress.unpricedGenerations,
    });
  }
}
