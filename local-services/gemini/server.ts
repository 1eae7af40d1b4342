import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { json, serveFetchHandler, type FetchHandler, type RunningServer } from '../http/http-server';
import { createFaultPlan, faultRatesSchema, faultSpecSchema, parseFaultRates, type FaultRates } from './faults';
import { generateContent } from './generate-content';
import { googleError } from './google-errors';
import { createLookCache } from './look-cache';
import { DEFAULT_MODELS, modelNotFoundMessage, modelResource } from './models';
import { createSleeper } from './sleeper';
import { createRequestQuota, requestQuotaSchema } from './request-quota';
import { createStats } from './stats';

/**
 * A local stand-in for the Gemini image API (docs/services.md): the same REST routes, auth header, request
 * validation and response shapes, answered by a procedural renderer instead of a model, plus a /_control API to
 * script faults. The production client runs against it unchanged.
 */
export interface GeminiStandInOptions {
  /** The key callers must send in `x-goog-api-key`. */
  apiKey: string;
  /** Model ids that exist (default: the current Gemini image models). */
  models?: readonly string[];
  /** Every generateContent answer but a 429 leaves this long after its request arrived, drawing included (benchmarks). */
  latencyMs?: number;
  /** Faults drawn by rate for every request, e.g. `429:0.1,500:0.05` or `{ '429': 0.1 }`. */
  faults?: FaultRates | string;
  /** generateContent requests admitted per minute (sliding window); beyond it 429 with RetryInfo and Retry-After. */
  requestsPerMinute?: number | null;
  /** Seeds rendering jitter and fault draws: same seed and request ⇒ same answer. */
  seed?: number;
}

export interface GeminiStandIn {
  handler: FetchHandler;
  /** Ends pending delays (latency, `slow` faults) so the server can close at once. */
  dispose(): void;
}

const controlBodySchema = z
  .object({ queue: z.array(faultSpecSchema).optional(), rates: faultRatesSchema.optional() })
  .refine((body) => body.queue !== undefined || body.rates !== undefined, 'give a fault queue, rates, or both');

/** Google's limit for a generateContent body with inline images. */
const MAX_REQUEST_BYTES = 20 * 1024 * 1024;

const MODEL_ROUTE = /^\/v1beta\/models\/([^/:]+)(?::([A-Za-z]+))?$/;

function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function buildGeminiStandIn(options: GeminiStandInOptions): GeminiStandIn {
  if (!options.apiKey) throw new Error('the Gemini stand-in needs an API key to expect');
  const seed = options.seed ?? 1;
  const models = new Set(options.models ?? DEFAULT_MODELS);
  const rates = typeof options.faults === 'string' ? parseFaultRates(options.faults) : faultRatesSchema.parse(options.faults ?? {});
  const faults = createFaultPlan({ rates, seed });
  const stats = createStats();
  const sleeper = createSleeper();
  let answered = 0;
  const nextResponseId = (): string => {
    answered += 1;
    return createHash('sha256').update(`${seed}:${answered}:${process.pid}`).digest('base64url').slice(0, 22);
  };
  const quota = createRequestQuota(options.requestsPerMinute ?? null);
  const context = { seed, latencyMs: options.latencyMs ?? 0, faults, stats, sleeper, looks: createLookCache(seed), quota, nextResponseId };

  const authFailure = (request: Request, url: URL): { response: Response; outcome: string } | undefined => {
    const key = request.headers.get('x-goog-api-key') ?? url.searchParams.get('key');
    if (!key) {
      return {
        response: googleError(
          401,
          "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        ),
        outcome: 'unauthenticated',
      };
    }
    if (!sameKey(key, options.apiKey)) {
      return {
        response: googleError(403, 'API key not valid. Please pass a valid API key.', {
          details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }],
        }),
        outcome: 'permission_denied',
      };
    }
    return undefined;
  };

  const modelApi = async (request: Request, url: URL): Promise<{ response: Response; outcome: string }> => {
    const denied = authFailure(request, url);
    if (denied) return denied;
    if (url.pathname === '/v1beta/models' && request.method === 'GET') {
      return { response: json({ models: [...models].map(modelResource) }), outcome: 'list_models' };
    }
    let path = url.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      // Not percent-encoded after all: match it as it came.
    }
    const route = MODEL_ROUTE.exec(path);
    const model = route?.[1];
    const method = route?.[2];
    if (!model) return { response: googleError(404, `Unknown path ${url.pathname}`), outcome: 'not_found' };
    if (!models.has(model)) return { response: googleError(404, modelNotFoundMessage(model)), outcome: 'not_found' };
    if (method === undefined && request.method === 'GET') return { response: json(modelResource(model)), outcome: 'get_model' };
    if (method === 'generateContent' && request.method === 'POST') {
      if (Number(request.headers.get('content-length') ?? 0) > MAX_REQUEST_BYTES) {
        return {
          response: googleError(400, `Request payload size exceeds the limit: ${MAX_REQUEST_BYTES} bytes.`),
          outcome: 'bad_request',
        };
      }
      let body: unknown;
      try {
        body = await request.json();
      } catch {
        return { response: googleError(400, 'Invalid JSON payload received. The body is not valid JSON.'), outcome: 'bad_request' };
      }
      return generateContent(body, model, context);
    }
    return {
      response: googleError(404, `Method ${method ?? request.method} is not available on models/${model} in this stand-in.`),
      outcome: 'not_found',
    };
  };

  const control = async (request: Request, url: URL): Promise<Response> => {
    if (url.pathname === '/_control/faults') {
      if (request.method === 'DELETE') {
        faults.clear();
        return json({ cleared: true, ...faults.describe() });
      }
      if (request.method === 'GET') return json(faults.describe());
      if (request.method === 'POST') {
        const parsed = controlBodySchema.safeParse(await request.json().catch(() => undefined));
        if (!parsed.success) return json({ error: z.prettifyError(parsed.error) }, 400);
        if (parsed.data.queue) faults.enqueue(parsed.data.queue);
        if (parsed.data.rates) faults.setRates(parsed.data.rates);
        return json(faults.describe());
      }
    }
    if (url.pathname === '/_control/stats') {
      if (request.method === 'GET') return json(stats.snapshot());
      if (request.method === 'DELETE') {
        stats.reset();
        return json(stats.snapshot());
      }
    }
    if (url.pathname === '/_control/quota') {
      if (request.method === 'GET') return json(quota.report());
      if (request.method === 'DELETE') {
        quota.reset();
        return json(quota.report());
      }
      if (request.method === 'POST') {
        const parsed = requestQuotaSchema.safeParse(await request.json().catch(() => undefined));
        if (!parsed.success) return json({ error: z.prettifyError(parsed.error) }, 400);
        quota.set(parsed.data.requestsPerMinute);
        return json(quota.report());
      }
    }
    if (url.pathname === '/_control/health' && request.method === 'GET') {
      return json({ ok: true, service: 'gemini-stand-in', models: [...models] });
    }
    return json({ error: `no control route ${request.method} ${url.pathname}` }, 404);
  };

  const handler: FetchHandler = async (request) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/_control/')) return control(request, url);
    const started = performance.now();
    const { response, outcome } = await modelApi(request, url);
    stats.record(outcome, performance.now() - started);
    return response;
  };

  return { handler, dispose: () => sleeper.cancelAll() };
}

export function createGeminiStandIn(options: GeminiStandInOptions): FetchHandler {
  return buildGeminiStandIn(options).handler;
}

export async function startGeminiStandIn(options: GeminiStandInOptions & { port: number; host?: string }): Promise<RunningServer> {
  const standIn = buildGeminiStandIn(options);
  const server = await serveFetchHandler(standIn.handler, { port: options.port, host: options.host });
  return {
    ...server,
    close: async () => {
      standIn.dispose();
      await server.close();
    },
  };
}
