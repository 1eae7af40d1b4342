import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { GenerationActivities } from '../../activities/generation/activities';
import { consistencyFromCosine, judgeCandidate } from '../judge';
import type { ReviewInbox } from '../review/handlers';
import { coreSetPrompt } from './prompt';
import type { AngleProgress, CoreSetContext, CoreSetInput } from './types';

const retry = { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 6 };
const generation = proxyActivities<GenerationActivities>({ startToCloseTimeout: '3 minutes', retry });
const bookkeeping = proxyActivities<GenerationActivities>({ startToCloseTimeout: '1 minute', retry });

interface Candidate {
  mediaId: string | number;
  attempt: number;
  prompt: string;
  model: string;
  modelVersion?: string;
  usage: unknown;
  costUsd: number | null;
  measured: Awaited<ReturnType<GenerationActivities['analyseCandidate']>>;
  notes: string[];
}

/**
 * One angle of the turnaround: generate → store → analyse → judge, retrying with feedback up to the attempt
 * limit; the best failing candidate then waits for a reviewer, whose "retry" starts another round of attempts.
 */
export async function runAngle(
  input: CoreSetInput,
  context: CoreSetContext,
  progress: AngleProgress,
  inbox: ReviewInbox,
  onAwaitingReview: () => Promise<void>,
): Promise<void> {
  const { workflowId, firstExecutionRunId } = workflowInfo();
  const threshold = input.thresholdOverride ?? context.thresholds[String(progress.angle)] ?? null;
  progress.threshold = threshold;
  const rules = { minConsistency: threshold, minQuality: context.minQuality, echoCosine: context.echoCosine, engineId: context.engineId };
  const galleryKey = `core:${input.characterId}:${firstExecutionRunId}:${progress.angle}`;
  let adjustment: string | undefined;
  let round = 0;

  for (;;) {
    round++;
    let best: Candidate | undefined;
    let feedback: string[] = [];
    for (let attempt = 1; attempt <= context.maxAttempts; attempt++) {
      progress.attempt = (round - 1) * context.maxAttempts + attempt;
      progress.state = 'generating';
      const prompt = coreSetPrompt({ characterName: context.characterName, lookDescription: context.lookDescription, angle: progress.angle, feedback, adjustment });
      const generated = await generation.generateCandidate({
        characterDocId: input.characterDocId,
        characterId: input.characterId,
        generationKey: `${galleryKey}:attempt-${progress.attempt}`,
        prompt,
        referenceMediaIds: [context.masterMediaId],
        aspectRatio: context.aspectRatio,
      });
      if (generated.kind === 'blocked') {
        // A safety block is not retryable as is: the angle ends with the reason for a person to read.
        progress.state = 'blocked';
        progress.reason = generated.reason;
        if (best) await bookkeeping.discardCandidate({ mediaId: best.mediaId });
        return;
      }
      if (generated.kind === 'no_image') {
        feedback = [generated.reason];
        progress.reason = generated.reason;
        progress.state = 'retrying';
        continue;
      }
      progress.state = 'analysing';
      const measured = await generation.analyseCandidate({
        mediaId: generated.mediaId,
        referenceMediaIds: [context.masterMediaId],
        expectedAspectRatio: context.aspectRatio,
      });
      const verdict = judgeCandidate(
        { cosine: measured.cosine, consistencyScore: consistencyFromCosine(measured.cosine), qualityScore: measured.qualityScore, qualityNotes: measured.qualityNotes },
        rules,
      );
      const candidate: Candidate = { mediaId: generated.mediaId, attempt: progress.attempt, prompt, model: generated.model, modelVersion: generated.modelVersion, usage: generated.usage, costUsd: generated.costUsd, measured, notes: verdict.notes };
      progress.consistencyScore = measured.consistencyScore;
      progress.qualityScore = measured.qualityScore;
      if (verdict.passed) {
        if (best) await bookkeeping.discardCandidate({ mediaId: best.mediaId });
        const saved = await saveImage(candidate, 'passed');
        progress.imageId = saved.imageId;
        progress.state = 'passed';
        progress.reason = undefined;
        return;
      }
      // Keep only the most consistent failing candidate for review; the others are deleted everywhere.
      if (!best || measured.consistencyScore > best.measured.consistencyScore) {
        if (best) await bookkeeping.discardCandidate({ mediaId: best.mediaId });
        best = candidate;
      } else {
        await bookkeeping.discardCandidate({ mediaId: candidate.mediaId });
      }
      feedback = verdict.notes;
      progress.reason = verdict.notes.join(' ');
      progress.state = 'retrying';
    }

    if (!best) {
      progress.state = 'failed';
      progress.reason = `No image after ${context.maxAttempts} attempts: ${progress.reason ?? 'the model returned none'}`;
      return;
    }

    const flagged = await saveImage(best, 'flagged');
    progress.imageId = flagged.imageId;
    progress.consistencyScore = best.measured.consistencyScore;
    progress.qualityScore = best.measured.qualityScore;
    progress.state = 'awaiting_review';
    progress.reason = best.notes.join(' ');
    await onAwaitingReview();
    const decision = await inbox.waitFor(flagged.imageId, context.reviewTimeoutMs);
    if (!decision) {
      // Timeout: the image stays out of the core set, marked timed out; a later core-set run retries this angle.
      await bookkeeping.recordReviewDecision({ imageId: flagged.imageId, decision: 'timeout', reviewer: 'system: review timeout' });
      progress.state = 'timed_out';
      return;
    }
    await bookkeeping.recordReviewDecision({
      imageId: flagged.imageId,
      decision: decision.decision,
      reviewer: decision.reviewer,
      reviewerUserId: decision.reviewerUserId,
      note: decision.note,
      promptAdjustment: decision.promptAdjustment,
    });
    if (decision.decision === 'approve') {
      progress.state = 'approved';
      return;
    }
    if (decision.decision === 'reject') {
      progress.state = 'rejected';
      progress.reason = decision.note ? `Rejected: ${decision.note}` : 'Rejected by a reviewer.';
      return;
    }
    adjustment = decision.promptAdjustment;
    progress.reason = undefined;
  }

  async function saveImage(candidate: Candidate, outcome: 'passed' | 'flagged') {
    return bookkeeping.saveGalleryImage({
      generationKey: `${galleryKey}:attempt-${candidate.attempt}`,
      characterDocId: input.characterDocId,
      kind: 'core',
      angle: progress.angle,
      shotType: `turnaround_${progress.angle}`,
      mediaId: candidate.mediaId,
      passed: outcome === 'passed',
      awaitingReview: outcome === 'flagged',
      qualityScore: candidate.measured.qualityScore,
      consistencyScore: candidate.measured.consistencyScore,
      validationNotes: candidate.notes.length ? candidate.notes.join('\n') : 'Passed all automated checks.',
      provenance: {
        prompt: candidate.prompt,
        model: candidate.model,
        modelVersion: candidate.modelVersion,
        referenceMediaIds: [context.masterMediaId],
        attempt: candidate.attempt,
        usage: candidate.usage,
        costUsd: candidate.costUsd,
      },
      measurements: {
        cosine: candidate.measured.cosine,
        engineId: candidate.measured.engineId,
        consistencyThreshold: threshold,
        qualityThreshold: context.minQuality,
        comparedWithMediaId: candidate.measured.comparedWithMediaId,
        qualityChecks: candidate.measured.qualityChecks,
        serviceQualityScore: candidate.measured.serviceQualityScore,
      },
      dinoAssetId: candidate.measured.dinoAssetId,
      workflowId,
      workflowRunId: firstExecutionRunId,
    });
  }
}
