import { z } from 'zod';
import { MAX_REFERENCE_IMAGES } from '../../contracts';
import { json } from '../http/http-server';
import type { FaultPlan, FaultSpec } from './faults';
import { googleError, internalError, rateLimited } from './google-errors';
import type { LookCache } from './look-cache';
import type { RequestQuota } from './request-quota';
import { angleFromPrompt } from './prompt-angle';
import { CANVAS_SIZES, canvasFor, DEFAULT_ASPECT_RATIO } from './renderer/canvas';
import { offModelLook, randomLook, type CharacterLook } from './renderer/look';
import { seedFrom } from './renderer/random';
import { renderCharacter } from './renderer/render';
import type { Sleeper } from './sleeper';
import type { StatsRecorder } from './stats';
import { ACCEPTED_IMAGE_TYPES, generateContentRequestSchema, promptTokens, usageMetadata, type RequestTokens } from './wire';

export interface GenerationContext {
  seed: number;
  latencyMs: number;
  faults: FaultPlan;
  stats: StatsRecorder;
  sleeper: Sleeper;
  looks: LookCache;
  quota: RequestQuota;
  nextResponseId(): string;
}

export interface GenerationResult {
  response: Response;
  /** How the request ended, for /_control/stats. */
  outcome: string;
}

const DEFAULT_RETRY_DELAY_SECONDS = 2;
const DEFAULT_SLOW_DELAY_MS = 5_000;
const UNPROCESSABLE_IMAGE =
  'Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting';

const badRequest = (message: string): GenerationResult => ({ response: googleError(400, message), outcome: 'bad_request' });

interface ParsedRequest {
  prompt: string;
  images: Buffer[];
  aspectRatio: string;
}

function parseRequest(body: unknown): ParsedRequest | GenerationResult {
  const parsed = generateContentRequestSchema.safeParse(body);
  if (!parsed.success) return badRequest(`Invalid JSON payload received. ${z.prettifyError(parsed.error)}`);
  const { contents, generationConfig } = parsed.data;
  const modalities = (generationConfig?.responseModalities ?? []).map((modality) => modality.toUpperCase());
  if (!modalities.includes('IMAGE')) {
    return badRequest(
      `This model generates images: generationConfig.responseModalities must include IMAGE (got ${modalities.length ? modalities.join(', ') : 'none, which means TEXT'}).`,
    );
  }
  if ((generationConfig?.candidateCount ?? 1) !== 1) return badRequest('Multiple candidates is not enabled for this model.');
  const aspectRatio = generationConfig?.imageConfig?.aspectRatio ?? DEFAULT_ASPECT_RATIO;
  if (!canvasFor(aspectRatio)) {
    return badRequest(`Unsupported aspect ratio "${aspectRatio}". Supported: ${Object.keys(CANVAS_SIZES).join(', ')}.`);
  }
  const texts: string[] = [];
  const images: Buffer[] = [];
  for (const content of contents) {
    if (content.role !== undefined && content.role !== 'user') continue;
    for (const part of content.parts) {
      if (part.thought) continue;
      if (part.text !== undefined) texts.push(part.text);
      if (part.inlineData) {
        if (!ACCEPTED_IMAGE_TYPES.includes(part.inlineData.mimeType.toLowerCase())) {
          return badRequest(`Unsupported MIME type: ${part.inlineData.mimeType}`);
        }
        if (part.inlineData.data.startsWith('data:') || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(part.inlineData.data)) {
          return badRequest('Invalid value at inline_data.data (TYPE_BYTES): base64 decoding failed.');
        }
        images.push(Buffer.from(part.inlineData.data, 'base64'));
      }
    }
  }
  if (images.length > MAX_REFERENCE_IMAGES)
    return badRequest(`Too many input images: ${images.length}. This model accepts at most ${MAX_REFERENCE_IMAGES}.`);
  const prompt = texts.join('\n').trim();
  if (!prompt && images.length === 0) return badRequest('* GenerateContentRequest.contents: contents is not specified');
  return { prompt, images, aspectRatio };
}

export async function generateContent(body: unknown, model: string, context: GenerationContext): Promise<GenerationResult> {
  const arrived = performance.now();
  const request = parseRequest(body);
  if ('response' in request) return request;
  const wait = context.quota.take();
  // Google's RetryInfo gives whole seconds; rounding up keeps a caller that waits it out inside the quota.
  if (wait !== undefined) return { response: rateLimited(Math.ceil(wait), model), outcome: 'quota_exceeded' };
  const fault: FaultSpec | undefined = context.faults.next(request.prompt);

  if (fault?.fault === '429') {
    return { response: rateLimited(fault.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS, model), outcome: '429' };
  }
  const answerAfterMs = context.latencyMs + (fault?.fault === 'slow' ? (fault.delayMs ?? DEFAULT_SLOW_DELAY_MS) : 0);
  const result = await answer(request, model, fault, context);
  // The model answers `latencyMs` after the request arrived, its drawing done inside that time: a remote model's
  // answer time is the model's whole time, and drawing after the wait added the drawing to every answer's time.
  await context.sleeper.sleep(answerAfterMs - (performance.now() - arrived));
  return result;
}

async function answer(
  request: ParsedRequest,
  model: string,
  fault: FaultSpec | undefined,
  context: GenerationContext,
): Promise<GenerationResult> {
  if (fault?.fault === '500') return { response: internalError(), outcome: '500' };
  if (fault?.fault === '400') return badRequest('Request contains an invalid argument.');

  const tokens = promptTokens(request.prompt, request.images.length);
  const envelope = { modelVersion: model, responseId: context.nextResponseId() };
  switch (fault?.fault) {
    case 'blocked_prompt':
      return {
        response: json({
          promptFeedback: {
            blockReason: 'SAFETY',
            safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }],
          },
          usageMetadata: usageMetadata(tokens, { images: 0 }, model),
          ...envelope,
        }),
        outcome: 'blocked_prompt',
      };
    case 'blocked_output':
      return {
        response: json({
          candidates: [
            {
              finishReason: 'IMAGE_SAFETY',
              finishMessage:
                "Unable to show the generated image. The image was filtered out because it violated Google's Generative AI Prohibited Use policy.",
              index: 0,
            },
          ],
          usageMetadata: usageMetadata(tokens, { images: 0 }, model),
          ...envelope,
        }),
        outcome: 'blocked_output',
      };
    case 'no_image':
    case 'text_only':
      return { response: textAnswer(fault.fault, tokens, model, envelope), outcome: fault.fault };
    default:
      break;
  }

  let look: CharacterLook;
  const started = performance.now();
  try {
    look = request.images[0]
      ? await context.looks.lookOf(request.images[0])
      : randomLook(seedFrom(context.seed, 'text-to-image', request.prompt));
  } catch {
    return badRequest(UNPROCESSABLE_IMAGE);
  }
  const drawn = fault?.fault === 'off_model' ? offModelLook(look) : look;
  // front_view: a model that ignores the asked angle and draws the master's view again.
  const angle = fault?.fault === 'front_view' ? 0 : (angleFromPrompt(request.prompt) ?? 0);
  const png = await renderCharacter(drawn, angle, {
    aspectRatio: request.aspectRatio,
    seed: seedFrom(context.seed, model, request.prompt, request.aspectRatio, ...request.images),
  });
  context.stats.recordRender(performance.now() - started);
  return {
    response: json({
      candidates: [
        {
          content: { role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data: png.toString('base64') } }] },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: usageMetadata(tokens, { images: 1 }, model),
      ...envelope,
    }),
    outcome: fault?.fault ?? 'image',
  };
}

function textAnswer(kind: 'no_image' | 'text_only', tokens: RequestTokens, model: string, envelope: Record<string, string>): Response {
  const text =
    kind === 'no_image'
      ? "I'm unable to generate that image right now. Try rephrasing the request."
      : 'Here is the character as described: a full-body figure on a plain light background, in the requested view.';
  return json({
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: kind === 'no_image' ? 'NO_IMAGE' : 'STOP', index: 0 }],
    usageMetadata: usageMetadata(tokens, { images: 0, text }, model),
    ...envelope,
  });
}
