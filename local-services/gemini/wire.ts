import { z } from 'zod';
import { imageTokensFor } from './models';

/** What the stand-in accepts: the REST body the @google/genai SDK sends for generateContent. */
const partSchema = z.looseObject({
  text: z.string().optional(),
  inlineData: z.object({ mimeType: z.string().min(1), data: z.string() }).optional(),
  thought: z.boolean().optional(),
});

export const generateContentRequestSchema = z.looseObject({
  contents: z.array(z.looseObject({ role: z.string().optional(), parts: z.array(partSchema).min(1) })).min(1),
  generationConfig: z
    .looseObject({
      responseModalities: z.array(z.string()).optional(),
      imageConfig: z.looseObject({ aspectRatio: z.string().optional(), imageSize: z.string().optional() }).optional(),
      candidateCount: z.number().int().optional(),
    })
    .optional(),
});
export type GenerateContentRequest = z.infer<typeof generateContentRequestSchema>;

export const ACCEPTED_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif'];
/** Google counts a small input image as 258 tokens. */
const TOKENS_PER_INPUT_IMAGE = 258;

export interface RequestTokens {
  text: number;
  images: number;
}

export function promptTokens(prompt: string, imageCount: number): RequestTokens {
  return { text: Math.max(1, Math.ceil(prompt.length / 4)), images: imageCount * TOKENS_PER_INPUT_IMAGE };
}

export function usageMetadata(prompt: RequestTokens, output: { images: number; text?: string }, model: string): Record<string, unknown> {
  const promptTotal = prompt.text + prompt.images;
  const imageTokens = output.images * imageTokensFor(model);
  const textTokens = output.text ? Math.ceil(output.text.length / 4) : 0;
  const candidates = imageTokens + textTokens;
  const usage: Record<string, unknown> = {
    promptTokenCount: promptTotal,
    totalTokenCount: promptTotal + candidates,
    promptTokensDetails: [
      { modality: 'TEXT', tokenCount: prompt.text },
      ...(prompt.images > 0 ? [{ modality: 'IMAGE', tokenCount: prompt.images }] : []),
    ],
  };
  if (candidates > 0) {
    usage.candidatesTokenCount = candidates;
    usage.candidatesTokensDetails = [
      ...(imageTokens > 0 ? [{ modality: 'IMAGE', tokenCount: imageTokens }] : []),
      ...(textTokens > 0 ? [{ modality: 'TEXT', tokenCount: textTokens }] : []),
    ];
  }
  return usage;
}
