import { FormData, request } from 'undici';
import type { z } from 'zod';
import { isTransientStatus, parseRetryAfter, PermanentServiceError, TransientServiceError } from '../errors';
import {
  bestMatchSchema,
  characterMatchingSchema,
  consistencySchema,
  errorBodySchema,
  featuresSchema,
  healthSchema,
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

export interface DinoHealth {
  healthy: boolean;
  modelName?: string;
  device?: string;
}

export type CharacterMatch =
  | { assetId: string; ok: true; sameCharacter: boolean; similarityScore: number; cosineSimilarity: number | null }
  | { assetId: string; ok: false; error: string };

const DEFAULT_TIMEOUTS = { upload: 60_000, extract: 120_000, compare: 15_000, health: 10_000 };

/** The DINOv3 analysis service (jomapps/dinov3-utilities) exactly as its code behaves; see specs/dinov3-service.md. */
export function createDinoClient(options: DinoClientOptions) {
  const base = `${options.baseUrl.replace(/\/$/, '')}/api/v1`;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const healthCacheMs = options.healthCacheMs ?? 30_000;
  const auth: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}`, 'x-api-key': options.apiKey } : {};
  let cachedHealth: { at: number; value: DinoHealth } | undefined;

  async function call(method: 'GET' | 'POST' | 'DELETE', path: string, timeoutMs: number, body?: { json?: unknown; form?: FormData }) {
    try {
      const response = await request(`${base}${path}`, {
        method,
        headers: { ...auth, ...(body?.json !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body?.form ?? (body?.json !== undefined ? JSON.stringify(body.json) : undefined),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const text = await response.body.text();
      return { status: response.statusCode, text, retryAfter: response.headers['retry-after'] };
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      const timedOut = code.includes('TIMEOUT');
      throw new TransientServiceError(`Analysis service ${timedOut ? 'timed out' : 'unreachable'} (${method} ${path}): ${(error as Error).message}`, {
        service: 'dino',
        code: timedOut ? 'timeout' : 'network',
        cause: error,
      });
    }
  }

  async function json<T>(method: 'GET' | 'POST' | 'DELETE', path: string, schema: z.ZodType<T>, timeoutMs: number, body?: { json?: unknown; form?: FormData }): Promise<T> {
    const answer = await call(method, path, timeoutMs, body);
    if (answer.status >= 400) throw httpError(method, path, answer.status, answer.text, answer.retryAfter);
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.text);
    } catch {
      throw new PermanentServiceError(`Analysis service answered ${method} ${path} with non-JSON`, { service: 'dino', status: answer.status, code: 'bad_response' });
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new PermanentServiceError(`Unexpected response from the analysis service for ${method} ${path}: ${issue?.path.join('.') || 'body'} ${issue?.message ?? ''}`.trim(), {
        service: 'dino',
        status: answer.status,
        code: 'bad_response',
      });
    }
    return result.data;
  }

  const asset = (id: string) => encodeURIComponent(id);

  /** Tolerant: healthy only for 200 && status "healthy" && model loaded; anything else is "not healthy", not an error. */
  async function readHealth(): Promise<DinoHealth> {
    if (cachedHealth && Date.now() - cachedHealth.at < healthCacheMs) return cachedHealth.value;
    let value: DinoHealth;
    try {
      const body = await json('GET', '/health', healthSchema, timeouts.health);
      value = {
        healthy: body.status === 'healthy' && body.model?.loaded === true,
        modelName: body.model?.model_name ? engineIdFromModelName(body.model.model_name) : undefined,
        device: body.model?.device,
      };
    } catch (error) {
      if (!(error instanceof TransientServiceError || error instanceof PermanentServiceError)) throw error;
      value = { healthy: false };
    }
    cachedHealth = { at: Date.now(), value };
    return value;
  }

  return {
    health: readHealth,

    /** Not idempotent on the service: the caller must record the returned asset id at once. */
    async uploadMedia(bytes: Buffer, file: { filename: string; contentType: string }) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: file.contentType }), file.filename);
      const body = await json('POST', '/upload-media', uploadSchema, timeouts.upload, { form });
      return { assetId: body.asset_id, width: body.width ?? null, height: body.height ?? null, fileSize: body.file_size ?? null, format: body.format ?? null };
    },

    async getMedia(assetId: string) {
      const body = await json('GET', `/media/${asset(assetId)}`, mediaSchema, timeouts.compare);
      return { assetId: body.asset_id, processingStatus: body.processing_status ?? null, featuresExtracted: body.features_extracted === true, errorMessage: body.error_message ?? null };
    },

    /** The public code deletes and then answers 500 "name 'db' is not defined"; 404 means already gone. */
    async deleteMedia(assetId: string): Promise<void> {
      const answer = await call('DELETE', `/media/${asset(assetId)}`, timeouts.compare);
      if (answer.status < 300 || answer.status === 404) return;
      if (answer.status === 500 && answer.text.includes("name 'db' is not defined")) return;
      throw httpError('DELETE', `/media/${assetId}`, answer.status, answer.text, answer.retryAfter);
    },

    /**
     * Query parameter, no body (a JSON body gets 422). Idempotent: a repeat returns the stored vector. The engine id
     * belongs to the vector: taken from the answer when the service names its model there, else from a fresh (never
     * cached) health answer read right after, since a cached one may predate a model swap on the service.
     */
    async extractFeatures(assetId: string) {
      const body = await json('POST', `/extract-features?asset_id=${asset(assetId)}`, featuresSchema, timeouts.extract);
      const named = body.model_name ?? body.model;
      // Straight from the route, not readHealth: an unreachable service must stay a transient error here.
      const healthModel = named ? undefined : (await json('GET', '/health', healthSchema, timeouts.health)).model?.model_name;
      const engineId = named ? engineIdFromModelName(named) : healthModel ? engineIdFromModelName(healthModel) : undefined;
      if (!engineId) {
        throw new PermanentServiceError('The analysis service did not say which model made the features (no model name in its answer or its health).', {
          service: 'dino',
          code: 'bad_response',
        });
      }
      return { features: body.features, length: body.features.length, engineId, cached: body.cached === true, processingTime: body.processing_time ?? null };
    },

    /** The service's own quality_score saturates on real embeddings: record it, never gate on it. */
    async analyzeQuality(assetId: string) {
      const body = await json('POST', '/analyze-quality', qualitySchema, timeouts.compare, { json: { asset_id: assetId } });
      return { qualityScore: body.quality_score, diversityScore: body.diversity_score ?? null };
    },

    async analyzeImageMetrics(assetId: string) {
      const body = await json('POST', '/analyze-image-metrics', imageMetricsSchema, timeouts.compare, { json: { asset_id: assetId } });
      return { sharpness: body.sharpness_score, lighting: body.lighting_quality, composition: body.composition_score, overall: body.overall_quality };
    },

    /** similarity_score is (cosine + 1) × 50 on the service; keep the raw cosine to compute our own scale. */
    async validateConsistency(assetId1: string, assetId2: string) {
      const body = await json('POST', '/validate-consistency', consistencySchema, timeouts.compare, { json: { asset_id_1: assetId1, asset_id_2: assetId2 } });
      return { sameCharacter: body.same_character, similarityScore: body.similarity_score, cosineSimilarity: body.cosine_similarity, confidenceLevel: body.confidence_level ?? null, explanation: body.explanation ?? null };
    },

    async findBestMatch(referenceAssetId: string, candidateAssetIds: string[]) {
      const body = await json('POST', '/find-best-match', bestMatchSchema, timeouts.compare, { json: { reference_asset_id: referenceAssetId, candidate_asset_ids: candidateAssetIds } });
      const toMatch = (m: { asset_id: string; similarity_percentage: number; cosine_similarity?: number | null }) => ({ assetId: m.asset_id, similarityPercentage: m.similarity_percentage, cosineSimilarity: m.cosine_similarity ?? null });
      return { bestMatch: body.best_match ? toMatch(body.best_match) : null, ranked: (body.ranked_results ?? []).map(toMatch) };
    },

    /** Items carrying `error` are errors, never a real 0 (the public code returns them with HTTP 200). */
    async characterMatching(referenceAssetId: string, testAssetIds: string[]): Promise<CharacterMatch[]> {
      const body = await json('POST', '/character-matching', characterMatchingSchema, timeouts.compare, { json: { reference_asset_id: referenceAssetId, test_asset_ids: testAssetIds } });
      return body.map((item, index): CharacterMatch => {
        const assetId = item.test_asset_id ?? item.asset_id ?? testAssetIds[index] ?? '';
        if (item.error) return { assetId, ok: false, error: item.error };
        if (typeof item.similarity_score !== 'number' || typeof item.same_character !== 'boolean') {
          return { assetId, ok: false, error: 'item has no similarity score' };
        }
        return { assetId, ok: true, sameCharacter: item.same_character, similarityScore: item.similarity_score, cosineSimilarity: item.cosine_similarity ?? null };
      });
    },
  };
}

export type DinoClient = ReturnType<typeof createDinoClient>;

/** `facebook/dinov3-vitb16-pretrain-lvd1689m` → `dinov3-vitb16-pretrain-lvd1689m`: thresholds are keyed by this id. */
export function engineIdFromModelName(modelName: string): string {
  return modelName.split('/').pop() ?? modelName;
}

function httpError(method: string, path: string, status: number, text: string, retryAfter: string | string[] | undefined) {
  let detail = text.slice(0, 300);
  try {
    const body = errorBodySchema.parse(JSON.parse(text));
    if ('detail' in body && Array.isArray(body.detail)) {
      detail = body.detail.map((item) => `${(item.loc ?? []).join('.')}: ${item.msg}`).join('; ');
    } else if ('detail' in body && typeof body.detail === 'string') {
      detail = body.detail;
    } else if ('error' in body) {
      detail = String(body.error);
    }
  } catch {
    // Not one of the service's error shapes: keep the raw text.
  }
  const message = `Analysis service ${method} ${path} failed with ${status}: ${detail}`;
  if (isTransientStatus(status)) {
    return new TransientServiceError(message, { service: 'dino', status, code: status === 503 ? 'unavailable' : `http_${status}`, retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter) });
  }
  const code = status === 404 ? 'not_found' : status === 413 ? 'too_large' : status === 422 ? 'validation' : status === 400 ? 'invalid_request' : `http_${status}`;
  return new PermanentServiceError(message, { service: 'dino', status, code });
}
