import { ApiError, GoogleGenAI, type Part } from '@google/genai';
import { MAX_REFERENCE_IMAGES } from '../../contracts';
import { PermanentServiceError } from '../errors';
import { toServiceError } from './api-errors';
import { prepareReference, referenceLabels } from './references';
import { classifyResponse } from './response';
import type { GenerationOutcome, GenerationRequest, ImageModelClient, ImageModelClientOptions, ImageModelInfo } from './types';

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_ASPECT_RATIO = '3:4';

/**
 * The production image-model client (docs/services.md), on @google/genai. No SDK retries: Temporal retries
 * the activity, guided by the error class (clients/errors.ts), so one call here is one HTTP request.
 */
export function createImageModelClient(options: ImageModelClientOptions): ImageModelClient {
  if (!options.apiKey) {
    throw new PermanentServiceError('No API key for the image model: set GEMINI_API_KEY.', { service: 'gemini', code: 'missing_api_key' });
  }
  if (!options.model) {
    throw new PermanentServiceError('No image model id: set GEMINI_IMAGE_MODEL (e.g. gemini-3.1-flash-image).', {
      service: 'gemini',
      code: 'missing_model',
    });
  }
  const model = options.model.replace(/^models\//, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const ai = new GoogleGenAI({
    apiKey: options.apiKey,
    // Explicit, so GOOGLE_GENAI_USE_VERTEXAI in the environment cannot switch the backend.
    vertexai: false,
    httpOptions: {
      timeout: timeoutMs,
      // Plain fetch instead of the SDK's default dispatcher hook, which looks up undici's global dispatcher and
      // fails inside VM contexts (Jest). Undici's own 300 s header/body limits then apply beyond timeoutMs.
      fetch: (input, init) => fetch(input, init),
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    },
  });

  /**
   * The SDK drops response headers when it throws, so each call gets its own fetch that remembers the
   * Retry-After of its answer (used when a 429 carries no RetryInfo).
   */
  const headerWatchingFetch = () => {
    const seen: { retryAfter: string | null } = { retryAfter: null };
    const watchingFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const response = await fetch(input, init);
      seen.retryAfter = response.headers.get('retry-after');
      return response;
    };
    return { seen, fetch: watchingFetch };
  };

  return {
    model,

    async checkModel(): Promise<ImageModelInfo> {
      try {
        const found = await ai.models.get({ model });
        if (!found.name)
          throw new PermanentServiceError(`models.get for "${model}" answered without a model name.`, {
            service: 'gemini',
            code: 'bad_response',
          });
        if (found.supportedActions && !found.supportedActions.includes('generateContent')) {
          throw new PermanentServiceError(
            `The model "${model}" exists but does not support generateContent; choose an image model such as gemini-3.1-flash-image.`,
            {
              service: 'gemini',
              code: 'model_unsupported',
            },
          );
        }
        return {
          name: found.name,
          ...(found.displayName ? { displayName: found.displayName } : {}),
          ...(found.version ? { version: found.version } : {}),
          ...(found.inputTokenLimit !== undefined ? { inputTokenLimit: found.inputTokenLimit } : {}),
          ...(found.outputTokenLimit !== undefined ? { outputTokenLimit: found.outputTokenLimit } : {}),
          ...(found.supportedActions ? { supportedActions: found.supportedActions } : {}),
        };
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          throw new PermanentServiceError(
            `The image model "${model}" does not exist at ${options.baseUrl ?? 'the Gemini API'} (or this API key cannot use it). ` +
              'Set GEMINI_IMAGE_MODEL to an available image model, e.g. gemini-3.1-flash-image.',
            { service: 'gemini', status: 404, code: 'model_not_found', cause: error },
          );
        }
        throw toServiceError(error, { operation: 'models.get', model, timeoutMs });
      }
    },

    async generateImage(request: GenerationRequest): Promise<GenerationOutcome> {
      if (!request.prompt.trim()) {
        throw new PermanentServiceError('The image prompt is empty.', { service: 'gemini', code: 'invalid_request' });
      }
      if (request.references.length > MAX_REFERENCE_IMAGES) {
        const given = request.references.length;
        throw new PermanentServiceError(`${given} reference images were given; the image model accepts at most ${MAX_REFERENCE_IMAGES}.`, {
          service: 'gemini',
          code: 'too_many_references',
        });
      }
      const prepared = await Promise.all(request.references.map(prepareReference));
      const labels = referenceLabels(request.references);
      // The instruction comes first, so the angle and subject it names lead; the references follow in label order.
      const parts: Part[] = [
        { text: labels ? `${request.prompt.trim()}\n\n${labels}` : request.prompt.trim() },
        ...prepared.map((image) => ({ inlineData: { mimeType: image.mimeType, data: image.data } })),
      ];
      const watcher = headerWatchingFetch();
      let raw: unknown;
      try {
        raw = await ai.models.generateContent({
          model,
          contents: [{ role: 'user', parts }],
          config: {
            responseModalities: ['IMAGE'],
            imageConfig: { aspectRatio: request.aspectRatio ?? DEFAULT_ASPECT_RATIO },
            candidateCount: 1,
            httpOptions: { fetch: watcher.fetch },
            ...(request.signal ? { abortSignal: request.signal } : {}),
          },
        });
      } catch (error) {
        throw toServiceError(error, {
          operation: 'generateContent',
          model,
          timeoutMs,
          retryAfter: watcher.seen.retryAfter,
          cancelled: request.signal?.aborted ?? false,
        });
      }
      return classifyResponse(raw, model);
    },
  };
}
