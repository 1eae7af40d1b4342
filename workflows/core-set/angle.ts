import { workflowInfo } from '@temporalio/workflow';
import type { CoreSetContext } from '../../activities/core-set/activities';
import type { AngleProgress, CoreSetInput } from '../../contracts';
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
): Promise<void> {
  const threshold = input.thresholdOverride ?? context.thresholds[String(progress.angle)] ?? null;
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
      rules: { minConsistency: threshold, minQuality: context.minQuality, echoCosine: context.echoCosine, engineId: context.engineId },
      maxAttempts: context.maxAttempts,
      reviewTimeoutMs: context.reviewTimeoutMs,
      buildPrompt: (feedback, adjustment) =>
        coreSetPrompt({ characterName: context.characterName, lookDescription: context.lookDescription, angle: progress.angle, feedback, adjustment }),
    },
    progress,
    inbox,
    onAwaitingReview,
  );
}
