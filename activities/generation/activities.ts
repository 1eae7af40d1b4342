import type { DinoClient } from '../../clients/dino';
import type { ImageModelClient } from '../../clients/gemini';
import type { PayloadDoc, PayloadRestClient } from '../../clients/payload/client';
import { consistencyFromCosine, type ReviewDecisionKind } from '../../contracts';
import { cosineSimilarity, measureQuality, type MeasureQuality } from '../../image-analysis';
import { Context, CancelledFailure } from '@temporalio/activity';
import { isAttestedReviewDecision, operatorLabel } from '../../common/review-attestation';
import { invalidInput } from '../errors';
import { alreadyDoneOnConflict } from '../support/already-done-on-conflict';
import { analysisAssetFor, analysisAssetIfReachable, storeAndRegisterForAnalysis } from '../support/analysis-upload';
import { isFirstActivityAttempt } from '../support/activity-attempt';
import { findIfPresent } from '../support/find-if-present';
import { MAX_ANALYSIS_BYTES } from '../support/prepare-image';
import type { PendingAnalysisUploads } from '../support/pending-analysis-uploads';
import { NO_STORED_FILE_CACHE, readStoredFile, type StoredFileCache } from '../support/stored-file-cache';

export interface GenerationDeps {
  payload: PayloadRestClient;
  dino: DinoClient;
  imageModel: ImageModelClient;
  modelId: string;
  /** The secret the app signs review decisions with (the worker's API key); unset: no decision names a user. */
  reviewAttestationKey?: string;
  /** Files this process stored or read lately (one per worker process, shared by its queues); unset: none kept. */
  storedFiles?: StoredFileCache;
  /** Uploads to the analysis service whose id is not yet written (activities/support/pending-analysis-uploads.ts). */
  pendingUploads?: PendingAnalysisUploads;
  /** Where pixels are measured: the process's measurement threads (workers/main.ts); unset, on the calling thread. */
  measurePixels?: MeasureQuality;
}

type Id = string | number;

const GENERATED = 'The generated image';

export interface GenerateCandidateInput {
  characterDocId: Id;
  characterId: string;
  /** Unique per workflow run, angle/shot and attempt: a retried activity finds the image it already made. */
  generationKey: string;
  prompt: string;
  referenceMediaIds: Id[];
  aspectRatio: string;
  /** Also register the image with the analysis service from the bytes in hand (the result names the asset). */
  registerForAnalysis?: boolean;
}

export type GenerateCandidateResult =
  | {
      kind: 'image';
      mediaId: Id;
      model: string;
      modelVersion?: string;
      usage: unknown;
      costUsd: number | null;
      /** Set when `registerForAnalysis` was asked and the analysis service took the image; else registerCandidate does. */
      dinoAssetId?: string;
    }
  | { kind: 'blocked'; reason: string }
  | { kind: 'no_image'; reason: string };

export interface ConsistencyResult {
  cosine: number;
  consistencyScore: number;
  comparedWithMediaId: Id;
  engineId: string;
  /** Consistency with each accepted neighbouring view that was given. */
  neighbours?: Array<{ angle: number; consistencyScore: number }>;
}

/** What a candidate's consistency is measured against. */
export interface ConsistencyInput {
  referenceMediaIds: Id[];
  /** Already-accepted neighbouring views (θ ± 45°). */
  neighbours?: Array<{ angle: number; mediaId: Id }>;
}

export interface QualityResult {
  qualityScore: number;
  qualityNotes: string[];
  /** Every failed check fails the gate with its own reason, whatever the overall score. */
  failedChecks: Array<{ id: string; note: string }>;
  qualityChecks: unknown[];
}

export interface SaveGalleryImageInput {
  generationKey: string;
  /** The master reference the image was made for; absent only in histories from before lineage was recorded. */
  madeForMasterMediaId?: Id;
  characterDocId: Id;
  kind: 'core' | 'production';
  angle?: number;
  shotType?: string;
  tags?: string;
  mediaId: Id;
  passed: boolean;
  awaitingReview: boolean;
  qualityScore: number;
  consistencyScore: number;
  validationNotes: string;
  provenance: Record<string, unknown>;
  measurements: Record<string, unknown>;
  dinoAssetId: string;
  workflowId: string;
  workflowRunId: string;
}

export interface RecordReviewDecisionInput {
  imageId: Id;
  decision: ReviewDecisionKind | 'timeout' | 'withdrawn';
  reviewer: string;
  reviewerUserId?: Id;
  attestation?: string;
  note?: string;
  promptAdjustment?: string;
}

const REVIEW_STATUS = {
  approve: 'approved',
  retry: 'retry_requested',
  reject: 'rejected',
  timeout: 'timed_out',
  withdrawn: 'withdrawn',
} as const;

function embeddingOf(media: PayloadDoc): { vector: number[]; engineId: string } | undefined {
  const analysis = (media.analysis ?? {}) as { embedding?: unknown; engineId?: unknown };
  if (!Array.isArray(analysis.embedding) || typeof analysis.engineId !== 'string') return undefined;
  return { vector: analysis.embedding as number[], engineId: analysis.engineId };
}

function parseAspectRatio(ratio: string | undefined): number | undefined {
  const match = ratio?.match(/^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/);
  return match ? Number(match[1]) / Number(match[2]) : undefined;
}

function throwIfCancelled(): void {
  const signal = activityCancellation();
  if (signal?.aborted) throw new CancelledFailure('The run was cancelled while the image was being generated.');
}

function activityCancellation(): AbortSignal | undefined {
  try {
    return Context.current().cancellationSignal;
  } catch {
    // Called outside an activity (a unit test of the function): nothing can cancel it.
    return undefined;
  }
}

export function createGenerationActivities({
  payload,
  dino,
  imageModel,
  modelId,
  reviewAttestationKey,
  storedFiles = NO_STORED_FILE_CACHE,
  pendingUploads,
  measurePixels = measureQuality,
}: GenerationDeps) {
  const mediaBytes = (media: PayloadDoc) => readStoredFile(payload, storedFiles, media, MAX_ANALYSIS_BYTES);
  const analysisDeps = { payload, dino, pendingUploads, readOriginal: mediaBytes };

  /** The model's reference images, the master first. */
  function readReferences(referenceMediaIds: Id[]) {
    return Promise.all(
      referenceMediaIds.map(async (id, index) => {
        const media = await payload.findById('media', id);
        return {
          bytes: await mediaBytes(media),
          mimeType: String(media.mimeType ?? 'image/png'),
          label: index === 0 ? 'the master reference of the character' : `approved reference ${index}`,
        };
      }),
    );
  }

  async function findMediaByGenerationKey(generationKey: string): Promise<PayloadDoc | undefined> {
    return payload.findFirst('media', { generationKey: { equals: generationKey } });
  }

  function findGalleryImage(generationKey: string): Promise<PayloadDoc | undefined> {
    return payload.findFirst('character-images', { generationKey: { equals: generationKey } });
  }

  /** The media documents a candidate is compared with (references and neighbours), by id. */
  async function readComparedWith(input: ConsistencyInput): Promise<Map<string, PayloadDoc>> {
    const ids = [...input.referenceMediaIds, ...(input.neighbours ?? []).map((neighbour) => neighbour.mediaId)];
    const docs = await Promise.all(ids.map((id) => payload.findById('media', id)));
    return new Map(ids.map((id, index) => [String(id), docs[index]!]));
  }

  /**
   * Cosine between our stored vectors (docs/decisions.md), against every reference; the best match is the one the image
   * is judged against, so a side view is compared with the approved side view rather than only the front master.
   */
  async function compare(
    own: { vector: number[]; engineId: string },
    input: ConsistencyInput,
    docOf: Map<string, PayloadDoc>,
  ): Promise<ConsistencyResult> {
    const against = (id: Id) => {
      const theirs = embeddingOf(docOf.get(String(id))!);
      if (!theirs || theirs.engineId !== own.engineId) {
        throw invalidInput(
          `Reference image ${id} has no embedding from engine "${own.engineId}" (it has "${theirs?.engineId ?? 'none'}"): ingest the master reference again.`,
          'ReferenceNotAnalysed',
        );
      }
      return cosineSimilarity(own.vector, theirs.vector);
    };
    let best: { cosine: number; mediaId: Id } | undefined;
    for (const id of input.referenceMediaIds) {
      const cosine = against(id);
      if (!best || cosine > best.cosine) best = { cosine, mediaId: id };
    }
    if (!best) throw invalidInput('No reference image to compare with.', 'NoReference');
    const neighbours = input.neighbours?.map((neighbour) => ({
      angle: neighbour.angle,
      consistencyScore: consistencyFromCosine(against(neighbour.mediaId)),
    }));
    return {
      cosine: best.cosine,
      consistencyScore: consistencyFromCosine(best.cosine),
      comparedWithMediaId: best.mediaId,
      engineId: own.engineId,
      ...(neighbours ? { neighbours } : {}),
    };
  }

  return {
    async generateCandidate(input: GenerateCandidateInput): Promise<GenerateCandidateResult> {
      // A first try has made no image yet, so only a retry looks for one (the key's uniqueness covers the rest). The
      // references are read meanwhile: needed before the model is called; a retry that finds its image wasted a read.
      const readingReferences = readReferences(input.referenceMediaIds);
      readingReferences.catch(() => undefined);
      const existing = isFirstActivityAttempt() ? undefined : await findMediaByGenerationKey(input.generationKey);
      if (existing) {
        const provenance = (existing.generation ?? {}) as Record<string, unknown>;
        return {
          kind: 'image',
          mediaId: existing.id,
          model: String(provenance.model ?? modelId),
          modelVersion: provenance.modelVersion as string | undefined,
          usage: provenance.usage ?? null,
          costUsd: (provenance.costUsd as number | null) ?? null,
          ...(input.registerForAnalysis ? { dinoAssetId: await analysisAssetIfReachable(analysisDeps, existing, GENERATED) } : {}),
        };
      }
      const references = await readingReferences;
      const outcome = await imageModel.generateImage({ prompt: input.prompt, references, aspectRatio: input.aspectRatio });
      // A run cancelled while the model drew must not store the image: nobody would ever clean it up.
      throwIfCancelled();
      if (outcome.kind === 'blocked') {
        return {
          kind: 'blocked',
          reason: `The image model blocked the ${outcome.stage} (${outcome.reason}).${outcome.text ? ` It said: ${outcome.text}` : ''}`,
        };
      }
      if (outcome.kind === 'no_image') {
        return {
          kind: 'no_image',
          reason: `The image model returned no image (${outcome.finishReason}).${outcome.text ? ` It said: ${outcome.text}` : ''}`,
        };
      }
      const extension = outcome.mimeType === 'image/jpeg' ? 'jpg' : 'png';
      const filename = `${input.characterId}-${input.generationKey.replace(/[^a-zA-Z0-9-]+/g, '-').slice(-60)}.${extension}`;
      const store = () =>
        alreadyDoneOnConflict(
          'generationKey',
          async () => {
            const stored = await payload.uploadMedia(outcome.bytes, {
              filename,
              mimeType: outcome.mimeType,
              alt: input.prompt.split('\n')[0]?.slice(0, 200),
              extra: {
                generationKey: input.generationKey,
                generation: { model: modelId, modelVersion: outcome.modelVersion, usage: outcome.usage, costUsd: outcome.costUsd },
              },
            });
            // Only the document this upload made holds these bytes (an earlier one found on conflict may not).
            storedFiles.remember(stored, outcome.bytes);
            return stored;
          },
          () => findMediaByGenerationKey(input.generationKey),
        );
      const { media, dinoAssetId } = input.registerForAnalysis
        ? await storeAndRegisterForAnalysis(analysisDeps, outcome.bytes, GENERATED, store)
        : { media: await store(), dinoAssetId: undefined };
      return {
        kind: 'image',
        mediaId: media.id,
        model: modelId,
        modelVersion: outcome.modelVersion,
        usage: outcome.usage,
        costUsd: outcome.costUsd,
        ...(dinoAssetId ? { dinoAssetId } : {}),
      };
    },

    /**
     * Features of the candidate. Given `dinoAssetId` (generateCandidate registered the bytes it held), the asset is
     * used as is; without it (histories from before) the stored file is downloaded and uploaded here, its id written at
     * once because upload is not idempotent on the service. Given `consistencyWith`, the candidate is also measured
     * against those references with the features in hand (the references are read while the service works), which
     * saves the separate measureConsistency round trip.
     */
    async registerCandidate(input: {
      mediaId: Id;
      dinoAssetId?: string;
      consistencyWith?: ConsistencyInput;
    }): Promise<{ dinoAssetId: string; engineId: string; serviceQualityScore: number | null; consistency?: ConsistencyResult }> {
      const comparedWith = input.consistencyWith ? readComparedWith(input.consistencyWith) : undefined;
      // Not awaited until needed; a failure here must not go unhandled while the service is asked.
      comparedWith?.catch(() => undefined);
      const dinoAssetId =
        input.dinoAssetId ?? (await analysisAssetFor(analysisDeps, await payload.findById('media', input.mediaId), GENERATED));
      const features = await dino.extractFeatures(dinoAssetId);
      // Asked only once the features are in: the service refuses (400) to analyse an asset before it has them. Recorded
      // for comparison with our own checks; it saturates on real embeddings, so nothing gates on it, and a failure only
      // leaves it empty.
      const serviceQuality = await dino.analyzeQuality(dinoAssetId).catch(() => undefined);
      const engineId = features.engineId;
      const serviceQualityScore = serviceQuality?.qualityScore ?? null;
      // Written before returning: later angles compare their neighbours with this embedding.
      await payload.update('media', input.mediaId, {
        analysis: {
          engineId,
          embeddingLength: features.features.length,
          embedding: features.features,
          serviceQualityScore,
          analyzedAt: new Date().toISOString(),
          error: null,
        },
      });
      if (!input.consistencyWith || !comparedWith) return { dinoAssetId, engineId, serviceQualityScore };
      const consistency = await compare({ vector: features.features, engineId }, input.consistencyWith, await comparedWith);
      return { dinoAssetId, engineId, serviceQualityScore, consistency };
    },

    /**
     * Cosine between our stored vectors (docs/decisions.md), against every reference; the best match is the one the image
     * is judged against, so a side view is compared with the approved side view rather than only the front master.
     */
    async measureConsistency(input: { mediaId: Id } & ConsistencyInput): Promise<ConsistencyResult> {
      const [media, docOf] = await Promise.all([payload.findById('media', input.mediaId), readComparedWith(input)]);
      const own = embeddingOf(media);
      if (!own) throw invalidInput(`Generated image ${input.mediaId} has no embedding yet.`, 'NotAnalysed');
      return compare(own, input, docOf);
    },

    /** Our measured checks on the pixels; nothing is written here (the gallery document records the result). */
    async measureCandidateQuality(input: { mediaId: Id; referenceMediaIds: Id[]; expectedAspectRatio?: string }): Promise<QualityResult> {
      const [own, ...references] = await Promise.all(
        [input.mediaId, ...input.referenceMediaIds].map(async (id) => mediaBytes(await payload.findById('media', id))),
      );
      const report = await measurePixels(own!, {
        expectedAspectRatio: parseAspectRatio(input.expectedAspectRatio),
        referenceImages: references,
      });
      const failed = report.checks
        .filter((check) => !check.passed)
        .map((check) => ({ id: check.id, note: check.note ?? `${check.label}: ${check.value}` }));
      return {
        qualityScore: report.score,
        qualityNotes: failed.map((check) => check.note),
        failedChecks: failed,
        qualityChecks: report.checks,
      };
    },

    /** A candidate that will not be kept: its analysis asset and its stored bytes are deleted. */
    async discardCandidate(input: { mediaId: Id }): Promise<void> {
      const media = await findIfPresent(payload, 'media', input.mediaId);
      if (!media) return;
      if (typeof media.dinoAssetId === 'string' && media.dinoAssetId) await dino.deleteMedia(media.dinoAssetId);
      await payload.remove('media', input.mediaId);
    },

    /** Upsert by generationKey: a retried save finds the document the first try made. */
    async saveGalleryImage(input: SaveGalleryImageInput): Promise<{ imageId: Id }> {
      const status = input.passed ? 'validation_success' : 'validation_failed';
      // The media's status is written beside the gallery document, not before it: neither write reads the other, and a
      // retry after either failed writes both again. Awaited last; a failure meanwhile must not go unhandled.
      const markingMedia = payload.update('media', input.mediaId, { dinoProcessingStatus: status });
      markingMedia.catch(() => undefined);
      // Only a retry looks for an earlier save of this key (a first try's create meets one only through the key's
      // uniqueness, handled below). Whether the master is still current is checked by the save itself (Payload's
      // core-set-follows-master hook): an image made for a replaced master is stored retired.
      const existing = isFirstActivityAttempt() ? undefined : await findGalleryImage(input.generationKey);
      const data = {
        generationKey: input.generationKey,
        character: input.characterDocId,
        kind: input.kind,
        angle: input.angle,
        shotType: input.shotType,
        tags: input.tags,
        imageFile: input.mediaId,
        isCoreReference: input.kind === 'core' && input.passed,
        madeForMaster: input.madeForMasterMediaId ?? null,
        dinoAssetId: input.dinoAssetId,
        dinoProcessingStatus: status,
        qualityScore: input.qualityScore,
        consistencyScore: input.consistencyScore,
        validationNotes: input.validationNotes,
        review: input.awaitingReview ? { status: 'awaiting_review', requestedAt: new Date().toISOString() } : { status: 'not_required' },
        provenance: input.provenance,
        measurements: input.measurements,
        workflowId: input.workflowId,
        workflowRunId: input.workflowRunId,
      };
      const saved = existing
        ? await payload.update('character-images', existing.id, data)
        : await alreadyDoneOnConflict(
            'generationKey',
            () => payload.create('character-images', data),
            async () => {
              const found = await findGalleryImage(input.generationKey);
              return found ? payload.update('character-images', found.id, data) : undefined;
            },
          );
      await markingMedia;
      return { imageId: saved.id };
    },

    async recordReviewDecision(input: RecordReviewDecisionInput): Promise<void> {
      const image = await payload.findById('character-images', input.imageId);
      const review = (image.review ?? {}) as Record<string, unknown>;
      const approved = input.decision === 'approve';
      const decider = deciderOf(input, reviewAttestationKey);
      await payload.update('character-images', input.imageId, {
        // Left out of the core set by the save when the image was made for a master since replaced.
        isCoreReference: image.kind === 'core' && approved,
        review: {
          ...review,
          status: REVIEW_STATUS[input.decision],
          decidedBy: decider.userId,
          decidedByLabel: decider.label,
          decidedAt: new Date().toISOString(),
          note: input.note ?? null,
          promptAdjustment: input.promptAdjustment ?? null,
        },
      });
      if ((input.decision === 'reject' || input.decision === 'withdrawn') && typeof image.dinoAssetId === 'string' && image.dinoAssetId) {
        await dino.deleteMedia(image.dinoAssetId);
      }
    },
  };
}

export type GenerationActivities = ReturnType<typeof createGenerationActivities>;

/**
 * Who a decision is recorded as. Timeouts and withdrawals are the system's own; a person's decision names a Payload
 * user only when the app attested it, else it is the operator's free text, marked as such.
 */
function deciderOf(input: RecordReviewDecisionInput, attestationKey: string | undefined): { userId: Id | null; label: string } {
  if (input.decision === 'timeout' || input.decision === 'withdrawn') return { userId: null, label: input.reviewer };
  const fields =
    input.reviewerUserId == null
      ? undefined
      : { imageId: input.imageId, decision: input.decision, reviewer: input.reviewer, reviewerUserId: input.reviewerUserId };
  if (fields && isAttestedReviewDecision(attestationKey, fields, input.attestation))
    return { userId: input.reviewerUserId!, label: input.reviewer };
  return { userId: null, label: operatorLabel(input.reviewer) };
}
