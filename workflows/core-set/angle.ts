import { workflowInfo } from '@temporalio/workflow';
import type { GenerationSlot } from '../concurrency';
import type { CoreSetContext } from '../../activities/core-set/activities';
import type { AngleProgress, CoreSetInput } from '../../contracts';
import type { JudgingRules } from '../../qa-policy/judge';
import { produceImage } from '../generation/produce-image';
import type { ReviewInbox } from '../review/handlers';
import { coreSetPrompt } from './prompt';

/** One angle of the turnaround: the master is the reference, and the threshold is this angle's, for this engine. */
export function runAngle(
  input: CoreSetInput,
  context: CoreSetContext,
  progress: AngleProgress,
  inbox: ReviewInbox,
  onAwaitingReview: () => Promise<void>,
  slot?: GenerationSlot,
): Promise<void> {
  const rules = context.rules?.[String(progress.angle)] ?? legacyRules(input, context, progress.angle);
  const neighbours = [progress.angle - 45, progress.angle + 45]
    .map((angle) => (angle + 360) % 360)
    .flatMap((angle) =>
      context.acceptedViews?.[String(angle)] !== undefined ? [{ angle, mediaId: context.acceptedViews[String(angle)]! }] : [],
    );
  return produceImage(
    {
      characterDocId: input.characterDocId,
      characterId: input.characterId,
      keyPrefix: `core:${input.characterId}:${workflowInfo().firstExecutionRunId}:${progress.angle}`,
      kind: 'core',
      angle: progress.angle,
      shotType: `turnaround_${progress.angle}`,
      aspectRatio: context.aspectRatio,
      referenceMediaIds: [context.masterMediaId],
      neighbours,
      rules,
      maxAttempts: context.maxAttempts,
      reviewTimeoutMs: context.reviewTimeoutMs,
      buildPrompt: (feedback, adjustment) =>
        coreSetPrompt({
          characterName: context.characterName,
          lookDescription: context.lookDescription,
          angle: progress.angle,
          feedback,
          adjustment,
        }),
    },
    progress,
    inbox,
    onAwaitingReview,
    slot,
  );
}

/** Runs recorded before view bands carry one threshold per angle and replace it with the run's override. */
function legacyRules(input: CoreSetInput, context: CoreSetContext, angle: number): JudgingRules {
  return {
    minConsistency: input.thresholdOverride ?? context.thresholds?.[String(angle)] ?? null,
    minQuality: context.minQuality ?? 60,
    echoCosine: context.echoCosine ?? 0.97,
    engineId: context.engineId,
  };
}
