import type { TokenUsage } from './types';

/**
 * Output-image prices in USD per million tokens, with the tokens one 1K image takes.
 * Source: Google's model pages, 2026 (docs/services.md): gemini-3.1-flash-image ≈ $0.067 per 1K image,
 * gemini-3-pro-image ≈ $0.134, gemini-2.5-flash-image ≈ $0.039. Those per-image figures are these rates times the
 * tokens per image (1120 × $60/M, 1120 × $120/M, 1290 × $30/M); pricing by tokens keeps larger sizes (2K/4K use more
 * tokens) right. Input tokens are not priced here: the spec gives no input rate, and we do not invent one.
 */
export const IMAGE_MODEL_PRICES: Readonly<Record<string, { usdPerMillionOutputTokens: number; tokensPer1kImage: number }>> = {
  'gemini-3.1-flash-image': { usdPerMillionOutputTokens: 60, tokensPer1kImage: 1120 },
  'gemini-3-pro-image': { usdPerMillionOutputTokens: 120, tokensPer1kImage: 1120 },
  'gemini-2.5-flash-image': { usdPerMillionOutputTokens: 30, tokensPer1kImage: 1290 },
};

/** `models/gemini-3-pro-image-preview` prices as `gemini-3-pro-image`. */
export function priceFor(model: string): (typeof IMAGE_MODEL_PRICES)[string] | undefined {
  const id = model.replace(/^models\//, '');
  return IMAGE_MODEL_PRICES[id] ?? IMAGE_MODEL_PRICES[id.replace(/-preview(?:-[\w-]+)?$/, '')];
}

/**
 * The cost of one generation's output image(s), from the image tokens the API reported (or all candidate tokens
 * when it gave no per-modality breakdown). Null when the model or the usage is unknown.
 */
export function generationCostUsd(model: string, usage: TokenUsage, imageOutputTokens: number | null): number | null {
  const price = priceFor(model);
  const tokens = imageOutputTokens ?? usage.candidatesTokens;
  if (!price || tokens === null) return null;
  return Math.round(((tokens * price.usdPerMillionOutputTokens) / 1_000_000) * 1e6) / 1e6;
}
