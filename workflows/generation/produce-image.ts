import { CancellationScope, isCancellation, patched, proxyActivities, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { GenerationActivities } from '../../activities/generation/activities';
import { imageWorkTaskQueue, modelTaskQueueFor, type ImageProgress } from '../../contracts';
import { judgeCandidate, judgeCandidateBeforeViewBands, type JudgingRules } from '../../qa-policy/judge';
import { describeFailure } from '../failure-message';
import {
  CONSISTENCY_AT_REGISTRATION_PATCH,
  IMAGE_WORK_QUEUE_PATCH,
  LANES_FAIL_ALONE_PATCH,
  MODEL_TASK_QUEUE_PATCH,
  REGISTER_FROM_GENERATED_BYTES_PATCH,
  VIEW_BANDS_PATCH,
} from '../patches';
import { bookkeepsLocally } from '../bookkeeping-options';
import type { GenerationSlot } from '../concurrency';
import type { ReviewInbox } from '../review/handlers';

const retry = { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 6 };
const generationOptions = { startToCloseTimeout: '3 minutes', heartbeatTimeout: '15s', retry } as const;
const generation = proxyActivities<GenerationActivities>(generationOptions);
const bookkeepingOptions = { startToCloseTimeout: '1 minute', retry } as const;
const scheduledBookkeeping = proxyActivities<GenerationActivities>(bookkeepingOptions);
const localBookkeeping = proxyLocalActivities<GenerationActivities>(bookkeepingOptions);
/** Decoding and measuring pixels, on the image-work queue beside this run's own (a workflow's queue is known only inside it). */
const imageWork = () =>
  proxyActivities<GenerationActivities>({
    taskQueue: imageWorkTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: '3 minutes',
    heartbeatTimeout: '15s',
    retry,
  });

type Id = string | number;

/** What one image request needs; the core set (per angle) and production shots differ only in these. */
export interface ImageSpec {
  characterDocId: Id;
  characterId: string;
  /** Stable within the run: `<kind>:<characterId>:<runId>:<slot>`; the attempt number is appended. */
  keyPrefix: string;
  kind: 'core' | 'production';
  angle?: number;
  shotType?: string;
  tags?: string;
  aspectRatio: string;
  referenceMediaIds: Id[];
  /** Already-accepted views next to this one (θ ± 45°): a core image must look like the view between them. */
  neighbours?: Array<{ angle: number; mediaId: Id }>;
  rules: JudgingRules;
  maxAttempts: number;
  reviewTimeoutMs: number;
  buildPrompt(feedback: string[], adjustment: string | undefined): string;
}

interface Candidate {
  mediaId: Id;
  attempt: number;
  prompt: string;
  generated: Extract<Awaited<ReturnType<GenerationActivities['generateCandidate']>>, { kind: 'image' }>;
  registered: Awaited<ReturnType<GenerationActivities['registerCandidate']>>;
  consistency: Awaited<ReturnType<GenerationActivities['measureConsistency']>>;
  quality: Awaited<ReturnType<GenerationActivities['measureCandidateQuality']>>;
  notes: string[];
  reasons: string[];
}

/**
 * generate → store → analyse (consistency and quality in parallel) → judge; failed attempts retry with the
 * verdict as feedback; when attempts run out the best candidate waits for a reviewer, whose "retry" starts a new
 * round. Only the kept image survives: every other candidate is deleted from Payload and the analysis service.
 */
export async function produceImage(
  spec: ImageSpec,
  progress: ImageProgress,
  inbox: ReviewInbox,
  onAwaitingReview: () => Promise<void>,
  slot?: GenerationSlot,
): Promise<void> {
  const { workflowId, firstExecutionRunId } = workflowInfo();
  const viewBands = patched(VIEW_BANDS_PATCH);
  const endsClean = patched(LANES_FAIL_ALONE_PATCH);
  const measuring = patched(IMAGE_WORK_QUEUE_PATCH) ? imageWork() : generation;
  // No schedule-to-start timeout: a model call may wait in the rate-limited queue behind a whole season's cast.
  const model = patched(MODEL_TASK_QUEUE_PATCH)
    ? proxyActivities<GenerationActivities>({ ...generationOptions, taskQueue: modelTaskQueueFor(workflowInfo().taskQueue) })
    : generation;
  const registerFromGeneratedBytes = patched(REGISTER_FROM_GENERATED_BYTES_PATCH);
  const consistencyAtRegistration = registerFromGeneratedBytes && patched(CONSISTENCY_AT_REGISTRATION_PATCH);
  const bookkeeping = bookkeepsLocally(consistencyAtRegistration) ? localBookkeeping : scheduledBookkeeping;
  progress.threshold = spec.rules.minConsistency;
  let adjustment: string | undefined;
  let round = 0;
  // What a failure or a cancellation must clean up: candidates not yet kept or discarded, an image awaiting review.
  const unsettled = new Set<Id>();
  let awaitingReview: Id | undefined;
  const discard = async (mediaId: Id) => {
    await bookkeeping.discardCandidate({ mediaId });
    unsettled.delete(mediaId);
  };

  try {
    await attempts();
  } catch (error) {
    if (endsClean) {
      await CancellationScope.nonCancellable(async () => {
        for (const mediaId of [...unsettled]) await discard(mediaId);
        if (awaitingReview !== undefined) {
          await bookkeeping.recordReviewDecision({
            imageId: awaitingReview,
            decision: 'withdrawn',
            reviewer: 'system',
            note: isCancellation(error) ? 'The run was cancelled.' : `The run failed: ${describeFailure(error)}`,
          });
        }
      });
    }
    throw error;
  }

  async function attempts(): Promise<void> {
    for (;;) {
      round++;
      let best: Candidate | undefined;
      let feedback: string[] = [];
      for (let attempt = 1; attempt <= spec.maxAttempts; attempt++) {
        progress.attempt = (round - 1) * spec.maxAttempts + attempt;
        progress.state = 'generating';
        const prompt = spec.buildPrompt(feedback, adjustment);
        const generated = await model.generateCandidate({
          characterDocId: spec.characterDocId,
          characterId: spec.characterId,
          generationKey: `${spec.keyPrefix}:attempt-${progress.attempt}`,
          prompt,
          referenceMediaIds: spec.referenceMediaIds,
          aspectRatio: spec.aspectRatio,
          ...(registerFromGeneratedBytes ? { registerForAnalysis: true } : {}),
        });
        if (generated.kind === 'image') {
          unsettled.add(generated.mediaId);
          progress.generations++;
          if (generated.costUsd === null) progress.unpricedGenerations++;
          else progress.spentUsd += generated.costUsd;
        }
        if (generated.kind === 'blocked') {
          // A safety block is not retryable as is: the request ends with the reason for a person to read.
          if (best) await discard(best.mediaId);
          progress.state = 'blocked';
          progress.reason = generated.reason;
          return;
        }
        if (generated.kind === 'no_image') {
          feedback = [generated.reason];
          progress.reason = generated.reason;
          progress.state = 'retrying';
          continue;
        }
        progress.state = 'analysing';
        const consistencyWith = {
          referenceMediaIds: spec.referenceMediaIds,
          ...(viewBands && spec.neighbours?.length ? { neighbours: spec.neighbours } : {}),
        };
        const [{ registered, consistency }, quality] = await Promise.all([
          generation
            .registerCandidate({
              mediaId: generated.mediaId,
              ...(generated.dinoAssetId ? { dinoAssetId: generated.dinoAssetId } : {}),
              ...(consistencyAtRegistration ? { consistencyWith } : {}),
            })
            .then(async (registered) => ({
              registered,
              consistency:
                registered.consistency ?? (await generation.measureConsistency({ mediaId: generated.mediaId, ...consistencyWith })),
            })),
          measuring.measureCandidateQuality({
            mediaId: generated.mediaId,
            referenceMediaIds: spec.referenceMediaIds,
            expectedAspectRatio: spec.aspectRatio,
          }),
        ]);
        const verdict = viewBands
          ? judgeCandidate(
              {
                cosine: consistency.cosine,
                consistencyScore: consistency.consistencyScore,
                qualityScore: quality.qualityScore,
                failedChecks: quality.failedChecks ?? [],
                neighbours: consistency.neighbours,
              },
              spec.rules,
            )
          : judgeCandidateBeforeViewBands(
              {
                cosine: consistency.cosine,
                consistencyScore: consistency.consistencyScore,
                qualityScore: quality.qualityScore,
                qualityNotes: quality.qualityNotes,
              },
              spec.rules,
            );
        const candidate: Candidate = {
          mediaId: generated.mediaId,
          attempt: progress.attempt,
          prompt,
          generated,
          registered,
          consistency,
          quality,
          notes: verdict.notes,
          reasons: verdict.reasons,
        };
        progress.consistencyScore = consistency.consistencyScore;
        progress.qualityScore = quality.qualityScore;
        if (verdict.passed) {
          if (best) await discard(best.mediaId);
          progress.imageId = (await save(candidate, true)).imageId;
          progress.state = 'passed';
          progress.reason = undefined;
          return;
        }
        if (!best || consistency.consistencyScore > best.consistency.consistencyScore) {
          if (best) await discard(best.mediaId);
          best = candidate;
        } else {
          await discard(candidate.mediaId);
        }
        feedback = verdict.notes;
        progress.reason = verdict.notes.join(' ');
        progress.state = 'retrying';
      }

      if (!best) {
        progress.state = 'failed';
        progress.reason = `No image after ${spec.maxAttempts} attempts: ${progress.reason ?? 'the model returned none'}`;
        return;
      }

      const flagged = await save(best, false);
      inbox.flag(flagged.imageId);
      awaitingReview = flagged.imageId;
      progress.imageId = flagged.imageId;
      progress.consistencyScore = best.consistency.consistencyScore;
      progress.qualityScore = best.quality.qualityScore;
      progress.reason = best.notes.join(' ');
      progress.state = 'awaiting_review';
      await onAwaitingReview();
      slot?.release();
      const decision = await inbox.waitFor(flagged.imageId, spec.reviewTimeoutMs);
      if (!decision) {
        // Timeout: the image stays out of the library's accepted set, marked timed out; a new request tries again.
        await bookkeeping.recordReviewDecision({ imageId: flagged.imageId, decision: 'timeout', reviewer: 'system: review timeout' });
        awaitingReview = undefined;
        progress.state = 'timed_out';
        return;
      }
      await bookkeeping.recordReviewDecision({
        imageId: flagged.imageId,
        decision: decision.decision,
        reviewer: decision.reviewer,
        reviewerUserId: decision.reviewerUserId,
        attestation: decision.attestation,
        note: decision.note,
        promptAdjustment: decision.promptAdjustment,
      });
      awaitingReview = undefined;
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
      if (slot) {
        progress.state = 'queued';
        await slot.reacquire();
      }
    }
  }

  async function save(candidate: Candidate, passed: boolean) {
    const saved = await bookkeeping.saveGalleryImage({
      // The first reference is always the master the image was made and judged against.
      madeForMasterMediaId: spec.referenceMediaIds[0],
      generationKey: `${spec.keyPrefix}:attempt-${candidate.attempt}`,
      characterDocId: spec.characterDocId,
      kind: spec.kind,
      angle: spec.angle,
      shotType: spec.shotType,
      tags: spec.tags,
      mediaId: candidate.mediaId,
      passed,
      awaitingReview: !passed,
      qualityScore: candidate.quality.qualityScore,
      consistencyScore: candidate.consistency.consistencyScore,
      validationNotes: candidate.notes.length ? candidate.notes.join('\n') : 'Passed all automated checks.',
      provenance: {
        prompt: candidate.prompt,
        model: candidate.generated.model,
        modelVersion: candidate.generated.modelVersion,
        referenceMediaIds: spec.referenceMediaIds,
        attempt: candidate.attempt,
        usage: candidate.generated.usage,
        costUsd: candidate.generated.costUsd,
      },
      measurements: {
        cosine: candidate.consistency.cosine,
        engineId: candidate.consistency.engineId,
        consistencyThreshold: spec.rules.minConsistency,
        consistencyUpperBound: spec.rules.maxConsistency ?? null,
        reasons: candidate.reasons,
        qualityThreshold: spec.rules.minQuality,
        comparedWithMediaId: candidate.consistency.comparedWithMediaId,
        qualityChecks: candidate.quality.qualityChecks,
        serviceQualityScore: candidate.registered.serviceQualityScore,
      },
      dinoAssetId: candidate.registered.dinoAssetId,
      workflowId,
      workflowRunId: firstExecutionRunId,
    });
    unsettled.delete(candidate.mediaId);
    return saved;
  }
}
