import { z } from 'zod';
import { PermanentServiceError } from '../errors';
import { generationCostUsd } from './prices';
import type { GenerationOutcome, TokenUsage } from './types';

/** The parts of a generateContent answer we rely on, checked at the boundary (docs/services.md). */
const partSchema = z.looseObject({
  text: z.string().optional(),
  thought: z.boolean().optional(),
  inlineData: z.looseObject({ mimeType: z.string().optional(), data: z.string().optional() }).optional(),
});

const tokenCount = z.number().int().nonnegative();

export const generateContentResponseSchema = z.looseObject({
  candidates: z
    .array(
      z.looseObject({
        content: z.looseObject({ role: z.string().optional(), parts: z.array(partSchema).optional() }).optional(),
        finishReason: z.string().optional(),
        finishMessage: z.string().optional(),
      }),
    )
    .optional(),
  promptFeedback: z.looseObject({ blockReason: z.string().optional(), blockReasonMessage: z.string().optional() }).optional(),
  usageMetadata: z
    .looseObject({
      promptTokenCount: tokenCount.optional(),
      candidatesTokenCount: tokenCount.optional(),
      totalTokenCount: tokenCount.optional(),
      candidatesTokensDetails: z.array(z.looseObject({ modality: z.string().optional(), tokenCount: tokenCount.optional() })).optional(),
    })
    .optional(),
  modelVersion: z.string().optional(),
  responseId: z.string().optional(),
});

/** Finish reasons that mean the model made something and a safety or policy filter withheld it. */
export const BLOCKED_OUTPUT_REASONS = new Set([
  'SAFETY',
  'PROHIBITED_CONTENT',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
  'RECITATION',
  'SPII',
  'BLOCKLIST',
]);

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function badResponse(message: string, cause?: unknown): PermanentServiceError {
  return new PermanentServiceError(`The image model returned a response we cannot use: ${message}`, {
    service: 'gemini',
    code: 'bad_response',
    cause,
  });
}

/** The signature of the bytes decides the type; a declared type that disagrees is the API's mistake, not ours. */
function sniffImageType(bytes: Buffer): 'image/png' | 'image/jpeg' | 'image/webp' | undefined {
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length > 12 && bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

/** Classifies one generateContent answer per the spec's outcome table. */
export function classifyResponse(raw: unknown, model: string): GenerationOutcome {
  const parsed = generateContentResponseSchema.safeParse(raw);
  if (!parsed.success) throw badResponse(z.prettifyError(parsed.error), parsed.error);
  const response = parsed.data;

  const blockReason = response.promptFeedback?.blockReason;
  if (blockReason && blockReason !== 'BLOCK_REASON_UNSPECIFIED') {
    const message = response.promptFeedback?.blockReasonMessage;
    return { kind: 'blocked', stage: 'prompt', reason: blockReason, ...(message ? { text: message } : {}) };
  }

  const candidate = response.candidates?.[0];
  if (!candidate) return { kind: 'no_image', finishReason: 'NO_CANDIDATES' };
  // Thinking models send draft images and notes marked `thought`; only the final parts are the answer.
  const parts = (candidate.content?.parts ?? []).filter((part) => !part.thought);
  const text = parts
    .map((part) => part.text ?? '')
    .join('')
    .trim();
  const withText = text ? { text } : {};
  const finishReason = candidate.finishReason ?? 'FINISH_REASON_UNSPECIFIED';

  if (BLOCKED_OUTPUT_REASONS.has(finishReason)) {
    const explanation = text || candidate.finishMessage;
    return { kind: 'blocked', stage: 'output', reason: finishReason, ...(explanation ? { text: explanation } : {}) };
  }

  const imagePart = parts.find((part) => part.inlineData?.data);
  if (!imagePart?.inlineData?.data) {
    const explanation = text || candidate.finishMessage;
    return { kind: 'no_image', finishReason, ...(explanation ? { text: explanation } : {}) };
  }

  const data = imagePart.inlineData.data;
  if (!BASE64.test(data)) throw badResponse('the image data is not base64.');
  const bytes = Buffer.from(data, 'base64');
  const mimeType = sniffImageType(bytes);
  if (!mimeType)
    throw badResponse(
      `the returned data (declared ${imagePart.inlineData.mimeType ?? 'without a type'}) is not a PNG, JPEG or WebP image.`,
    );

  const usageMetadata = response.usageMetadata;
  const usage: TokenUsage = {
    promptTokens: usageMetadata?.promptTokenCount ?? null,
    candidatesTokens: usageMetadata?.candidatesTokenCount ?? null,
    totalTokens: usageMetadata?.totalTokenCount ?? null,
  };
  const imageTokens = usageMetadata?.candidatesTokensDetails?.find((detail) => detail.modality === 'IMAGE')?.tokenCount ?? null;
  return {
    kind: 'image',
    bytes,
    mimeType,
    ...withText,
    usage,
    costUsd: generationCostUsd(model, usage, imageTokens),
    ...(response.modelVersion ? { modelVersion: response.modelVersion } : {}),
    ...(response.responseId ? { responseId: response.responseId } : {}),
    finishReason,
  };
}
