export { createImageModelClient } from './client';
export { withRateLimitCooldown } from './cooldown';
export { IMAGE_MODEL_PRICES, generationCostUsd, priceFor } from './prices';
export { MAX_REFERENCE_SIDE } from './references';
export { BLOCKED_OUTPUT_REASONS, classifyResponse } from './response';
export type {
  GenerationOutcome,
  GenerationRequest,
  ImageModelClient,
  ImageModelClientOptions,
  ImageModelInfo,
  ReferenceImage,
  TokenUsage,
} from './types';
