import { PermanentServiceError } from '../errors';
import { createHttpTransport } from '../http/transport';
import { engineIdFromModelName } from './engine-id';
import { createHealthReader } from './health';
import {
  bestMatchSchema,
  characterMatchingSchema,
  consistencySchema,
  featuresSchema,
  imageMetricsSchema,
  mediaSchema,
  qualitySchema,
  uploadSchema,
} from './schemas';

export interface DinoClientOptions {
  baseUrl: string;
  apiKey?: string;
  timeouts?: Partial<Record<'upload' | 'extract' | 'compare' | 'health', number>>;
  /** How long a health answer is reused: the route costs ~1 s of model time on the real service. */
  healthCacheMs?: number;
}

export type CharacterMatch =
  | { assetId: string; ok: true; sameCharacter: boolean; similarityScore: number; cosineSimilarity: number | null }
  | { assetId: string; ok: false; error: string };

const DEFAULT_TIMEOUTS = { upload: 60_000, extract: 120_000, compare: 15_000, health: 10_000 };

const STATUS_CODES = { 400: 'invalid_request', 404: 'not_found', 413: 'too_large', 422: 'validation', 503: 'unavailable' };

/** The DINOv3 analysis service (jomapps/dinov3-utilities) exactly as its code behaves; see specs/dinov3-service.md. */
export function createDinoClient(options: DinoClientOptions) {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const http = createHttpTransport({
    service: 'dino',
    label: 'Analysis service',
    baseUrl: `${options.baseUrl.replace(/\/$/, '')}/api/v1`,
    headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}`, 'x-api-key': options.apiKey } : {},
    timeoutMs: timeouts.compare,
    statusCodes: STATUS_CODES,
  });
  const health = createHealthReader(http, { timeoutMs: timeouts.health, cacheMs: options.healthCacheMs ?? 30_000 });
  const asset = (id: string) => encodeURIComponent(id);

  return {
    health: health.cached,

    /** Not idempotent on the service: the caller must record the returned asset id at once. */
    async uploadMedia(bytes: Buffer, file: { filename: string; contentType: string }) {
      const body = await http.upload('/upload-media', { bytes, filename: file.filename, mimeType: file.contentType }, uploadSchema, {
        timeoutMs: timeouts.upload,
      });
      return {
        assetId: body.asset_id,
        width: body.width ?? null,
        height: body.height ?? null,
        fileSize: body.file_size ?? null,
        format: body.format ?? null,
      };
    },

    async getMedia(assetId: string) {
      const body = await http.json('GET', `/media/${asset(assetId)}`, mediaSchema);
      return {
        assetId: body.asset_id,
        processingStatus: body.processing_status ?? null,
        featuresExtracted: body.features_extracted === true,
        errorMessage: body.error_message ?? null,
      };
    },

    /** The public code deletes and then answers 500 "name 'db' is not defined"; 404 means already gone. */
    async deleteMedia(assetId: string): Promise<void> {
      const path = `/media/${asset(assetId)}`;
      const answer = await http.call('DELETE', path);
      if (answer.status < 300 || answer.status === 404) return;
      if (answer.status === 500 && answer.text.includes("name 'db' is not defined")) return;
      throw http.failure('DELETE', path, answer);
    },

    /**
     * Query parameter, no body (a JSON body gets 422). Idempotent: a repeat returns the stored vector. The engine id
     * belongs to the vector: taken from the answer when the service names its model there, else from a fresh (never
     * cached) health answer read right after, since a cached one may predate a model swap on the service.
     */
    async extractFeatures(assetId: string) {
      const body = await http.json('POST', `/extract-features?asset_id=${asset(assetId)}`, featuresSchema, { timeoutMs: timeouts.extract });
      const named = body.model_name ?? body.model;
      // Not the cached reader: an unreachable service must stay a transient error here.
      const healthModel = named ? undefined : (await health.fresh()).model?.model_name;
      const engineId = named ? engineIdFromModelName(named) : healthModel ? engineIdFromModelName(healthModel) : undefined;
      if (!engineId) {
        const reason = 'The analysis service did not say which model made the features (no model name in its answer or its health).';
        throw new PermanentServiceError(reason, { service: 'dino', code: 'bad_response' });
      }
      return {
        features: body.features,
        length: body.features.length,
        engineId,
        cached: body.cached === true,
        processingTime: body.processing_time ?? null,
      };
    },

    /** The service's own quality_score saturates on real embeddings: record it, never gate on it. */
    async analyzeQuality(assetId: string) {
      const body = await http.json('POST', '/analyze-quality', qualitySchema, { json: { asset_id: assetId } });
      return { qualityScore: body.quality_score, diversityScore: body.diversity_score ?? null };
    },

    async analyzeImageMetrics(assetId: string) {
      const body = await http.json('POST', '/analyze-image-metrics', imageMetricsSchema, { json: { asset_id: assetId } });
      return {
        sharpness: body.sharpness_score,
        lighting: body.lighting_quality,
        composition: body.composition_score,
        overall: body.overall_quality,
      };
    },

    /** similarity_score is (cosine + 1) × 50 on the service; keep the raw cosine to compute our own scale. */
    async validateConsistency(assetId1: string, assetId2: string) {
      const body = await http.json('POST', '/validate-consistency', consistencySchema, {
        json: { asset_id_1: assetId1, asset_id_2: assetId2 },
      });
      return {
        sameCharacter: body.same_character,
        similarityScore: body.similarity_score,
        cosineSimilarity: body.cosine_similarity,
        confidenceLevel: body.confidence_level ?? null,
        explanation: body.explanation ?? null,
      };
    },

    async findBestMatch(referenceAssetId: string, candidateAssetIds: string[]) {
      const body = await http.json('POST', '/find-best-match', bestMatchSchema, {
        json: { reference_asset_id: referenceAssetId, candidate_asset_ids: candidateAssetIds },
      });
      const toMatch = (m: { asset_id: string; similarity_percentage: number; cosine_similarity?: number | null }) => ({
        assetId: m.asset_id,
        similarityPercentage: m.similarity_percentage,
        cosineSimilarity: m.cosine_similarity ?? null,
      });
      return { bestMatch: body.best_match ? toMatch(body.best_match) : null, ranked: (body.ranked_results ?? []).map(toMatch) };
    },

    /** Items carrying `error` are errors, never a real 0 (the public code returns them with HTTP 200). */
    async characterMatching(referenceAssetId: string, testAssetIds: string[]): Promise<CharacterMatch[]> {
      const body = await http.json('POST', '/character-matching', characterMatchingSchema, {
        json: { reference_asset_id: referenceAssetId, test_asset_ids: testAssetIds },
      });
      return body.map((item, index): CharacterMatch => {
        const assetId = item.test_asset_id ?? item.asset_id ?? testAssetIds[index] ?? '';
        if (item.error) return { assetId, ok: false, error: item.error };
        if (typeof item.similarity_score !== 'number' || typeof item.same_character !== 'boolean') {
          return { assetId, ok: false, error: 'item has no similarity score' };
        }
        return {
          assetId,
          ok: true,
          sameCharacter: item.same_character,
          similarityScore: item.similarity_score,
          cosineSimilarity: item.cosine_similarity ?? null,
        };
      });
    },
  };
}

export type DinoClient = ReturnType<typeof createDinoClient>;
