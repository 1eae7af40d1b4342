import type { CoreSetActivities, CoreSetContext } from '../../activities/core-set/activities';
import type { CostActivities } from '../../activities/costs/activities';
import type { GenerateCandidateInput, GenerationActivities } from '../../activities/generation/activities';
import { CORE_SET_ANGLES, CLASSICAL_ENGINE_ID } from '../../contracts';
import type { JudgingRules } from '../../qa-policy/judge';

export type PipelineActivities = CoreSetActivities & CostActivities & GenerationActivities;

export const MIN_CONSISTENCY = 80;
const HOUR_MS = 3_600_000;

const rules: JudgingRules = {
  minConsistency: MIN_CONSISTENCY,
  maxConsistency: null,
  minQuality: 60,
  echoCosine: 0.97,
  engineId: CLASSICAL_ENGINE_ID,
};

/** What loadCoreSetContext resolves for a character with an ingested master: one attempt per round by default. */
export function coreSetContext(overrides: Partial<CoreSetContext> = {}): CoreSetContext {
  return {
    characterName: 'Ada',
    lookDescription: 'A red scarf and a grey coat.',
    masterMediaId: 1,
    engineId: CLASSICAL_ENGINE_ID,
    rules: Object.fromEntries(CORE_SET_ANGLES.map((angle) => [String(angle), rules])),
    acceptedViews: {},
    maxAttempts: 1,
    concurrency: 4,
    reviewTimeoutMs: 72 * HOUR_MS,
    aspectRatio: '3:4',
    ...overrides,
  };
}

/**
 * The core set's activities, faked: an image model whose every picture scores `consistency(request)` against the
 * master (95 unless told), a gallery that numbers what it stores (media from 100, gallery images from 500), and
 * book-keeping that does nothing. `overrides` replace single activities.
 */
export function fakePipelineActivities(
  options: { consistency?: (request: GenerateCandidateInput) => number; overrides?: Partial<PipelineActivities> } = {},
): PipelineActivities {
  const scores = new Map<string, number>();
  let nextMediaId = 100;
  let nextImageId = 500;
  const consistencyOf = (mediaId: string | number, referenceMediaIds: Array<string | number>) => {
    const score = scores.get(String(mediaId)) ?? 0;
    return { cosine: score / 100, consistencyScore: score, comparedWithMediaId: referenceMediaIds[0]!, engineId: CLASSICAL_ENGINE_ID };
  };
  return {
    loadCoreSetContext: async () => coreSetContext(),
    recordCoreSetState: async () => undefined,
    recordRunCost: async () => ({ totalUsd: 0, acceptedImages: 0 }),
    generateCandidate: async (request) => {
      const mediaId = nextMediaId++;
      scores.set(String(mediaId), options.consistency?.(request) ?? 95);
      return {
        kind: 'image',
        mediaId,
        model: 'fake-image-model',
        usage: {},
        costUsd: 0.04,
        ...(request.registerForAnalysis ? { dinoAssetId: `asset-${mediaId}` } : {}),
      };
    },
    // As the real ones: the consistency comes with the registration when the workflow asks for it there.
    registerCandidate: async ({ mediaId, consistencyWith }) => ({
      dinoAssetId: `asset-${mediaId}`,
      engineId: CLASSICAL_ENGINE_ID,
      serviceQualityScore: null,
      ...(consistencyWith ? { consistency: consistencyOf(mediaId, consistencyWith.referenceMediaIds) } : {}),
    }),
    measureConsistency: async ({ mediaId, referenceMediaIds }) => consistencyOf(mediaId, referenceMediaIds),
    measureCandidateQuality: async () => ({ qualityScore: 90, qualityNotes: [], failedChecks: [], qualityChecks: [] }),
    discardCandidate: async () => undefined,
    saveGalleryImage: async () => ({ imageId: nextImageId++ }),
    recordReviewDecision: async () => undefined,
    ...options.overrides,
  };
}
