import { z } from 'zod';

/**
 * Response shapes of the DINOv3 service, as its route code behaves (specs/dinov3-service.md). Loose objects: the
 * live build may add fields; only what we read is required.
 */
export const healthSchema = z.looseObject({
  status: z.string(),
  model: z.looseObject({ loaded: z.boolean().optional(), model_name: z.string().optional(), device: z.string().optional() }).nullish(),
});

export const uploadSchema = z.looseObject({
  asset_id: z.string().min(1),
  width: z.number().nullish(),
  height: z.number().nullish(),
  file_size: z.number().nullish(),
  format: z.string().nullish(),
  processing_status: z.string().nullish(),
});

export const mediaSchema = z.looseObject({
  asset_id: z.string(),
  processing_status: z.string().nullish(),
  features_extracted: z.boolean().nullish(),
  error_message: z.string().nullish(),
});

export const featuresSchema = z.looseObject({
  asset_id: z.string(),
  features: z.array(z.number()).min(1),
  /** Not in the public code's answer; builds that name their model here are believed over a health answer. */
  model_name: z.string().nullish(),
  model: z.string().nullish(),
  cached: z.boolean().nullish(),
  processing_time: z.number().nullish(),
});

export const qualitySchema = z.looseObject({
  quality_score: z.number(),
  diversity_score: z.number().nullish(),
});

export const imageMetricsSchema = z.looseObject({
  sharpness_score: z.number(),
  lighting_quality: z.number(),
  composition_score: z.number(),
  overall_quality: z.number(),
});

export const consistencySchema = z.looseObject({
  same_character: z.boolean(),
  similarity_score: z.number(),
  cosine_similarity: z.number(),
  confidence_level: z.string().nullish(),
  explanation: z.string().nullish(),
});

const matchSchema = z.looseObject({ asset_id: z.string(), similarity_percentage: z.number(), cosine_similarity: z.number().nullish() });
export const bestMatchSchema = z.looseObject({
  best_match: matchSchema.nullish(),
  ranked_results: z.array(matchSchema).nullish(),
});

/** Items of /character-matching: the public code answers each with `error` instead of scores (see spec). */
const characterMatchItem = z.looseObject({
  asset_id: z.string().nullish(),
  test_asset_id: z.string().nullish(),
  error: z.string().nullish(),
  same_character: z.boolean().nullish(),
  similarity_score: z.number().nullish(),
  cosine_similarity: z.number().nullish(),
});
/** Builds differ in the envelope (a bare list, `results` or `matches`); all are accepted. */
export const characterMatchingSchema = z
  .union([
    z.array(characterMatchItem),
    z.looseObject({ results: z.array(characterMatchItem).nullish(), matches: z.array(characterMatchItem).nullish() }),
  ])
  .transform((body) => (Array.isArray(body) ? body : (body.results ?? body.matches ?? [])));
