import { ApiError } from '@google/genai';
import { z } from 'zod';
import { isTransientStatus, parseRetryAfter, PermanentServiceError, ServiceError, TransientServiceError } from '../errors';

/** Google's error body: `{"error":{"code","message","status","details":[…]}}`; the SDK puts it in ApiError.message. */
const googleErrorBody = z.object({
  error: z.looseObject({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    details: z.array(z.looseObject({ '@type': z.string().optional(), retryDelay: z.string().optional() })).optional(),
  }),
});

type GoogleErrorBody = z.infer<typeof googleErrorBody>['error'];

function parseGoogleError(message: string): GoogleErrorBody | undefined {
  try {
    const parsed = googleErrorBody.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data.error : undefined;
  } catch {
    return undefined;
  }
}

/** RetryInfo's `retryDelay` is a protobuf Duration in JSON: "7s", "0.5s", "1.250s". */
export function parseRetryDelay(value: string | undefined): number | undefined {
  const match = value ? /^(\d+(?:\.\d+)?)s$/.exec(value.trim()) : null;
  return match?.[1] ? Math.round(Number(match[1]) * 1000) : undefined;
}

function retryInfoDelayMs(error: GoogleErrorBody | undefined): number | undefined {
  const retryInfo = error?.details?.find((detail) => detail['@type']?.endsWith('google.rpc.RetryInfo'));
  return parseRetryDelay(retryInfo?.retryDelay);
}

/**
 * The error and its causes, outermost first. Names are compared rather than classes: fetch's errors come from
 * Node's own realm (not instanceof TypeError under a VM such as Jest's), and the SDK wraps non-Error throws.
 */
function causeChain(error: unknown): Array<{ name?: string; message?: string; code?: string }> {
  const chain: Array<{ name?: string; message?: string; code?: string }> = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && chain.length < 6) {
    chain.push(current as { name?: string; message?: string; code?: string });
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function isAbort(error: unknown): boolean {
  return causeChain(error).some((link) => link.name === 'AbortError' || link.name === 'TimeoutError');
}

/** undici reports refused/reset connections and cut-off bodies as TypeError ("fetch failed", "terminated"). */
function networkFailure(error: unknown): string | undefined {
  const chain = causeChain(error);
  const failed = chain.findIndex((link) => link.name === 'TypeError' && (link.message === 'fetch failed' || link.message === 'terminated'));
  if (failed < 0) return undefined;
  const reason = chain.slice(failed + 1).find((link) => link.code || link.message);
  return reason?.code ?? reason?.message ?? chain[failed]?.message ?? 'network failure';
}

/** The SDK's HTTP error; by name as well, in case the SDK was loaded twice (bundlers, VM contexts). */
function isApiError(error: unknown): error is ApiError {
  return (
    error instanceof ApiError ||
    ((error as { name?: string } | undefined)?.name === 'ApiError' && typeof (error as { status?: unknown }).status === 'number')
  );
}

export interface ErrorContext {
  /** What we were doing, for the message: "generateContent", "models.get". */
  operation: string;
  model: string;
  timeoutMs: number;
  /** The Retry-After header of the failed answer, when one was seen. */
  retryAfter?: string | null;
  /** True when the caller cancelled (not a timeout). */
  cancelled?: boolean;
}

/** Maps whatever the SDK threw onto the shared taxonomy (clients/errors.ts). Messages never carry the API key. */
export function toServiceError(error: unknown, context: ErrorContext): ServiceError {
  if (error instanceof ServiceError) return error;
  const where = `${context.operation} on ${context.model}`;

  if (isApiError(error)) {
    const body = parseGoogleError(error.message);
    const apiMessage = body?.message ?? error.message;
    const statusName = body?.status ? ` ${body.status}` : '';
    if (isTransientStatus(error.status)) {
      const retryAfterMs =
        error.status === 429 ? (retryInfoDelayMs(body) ?? parseRetryAfter(context.retryAfter)) : parseRetryAfter(context.retryAfter);
      return new TransientServiceError(`The image model API answered ${error.status}${statusName} to ${where}: ${apiMessage}`, {
        service: 'gemini',
        status: error.status,
        code: error.status === 429 ? 'rate_limited' : 'server_error',
        retryAfterMs,
        cause: error,
      });
    }
    return new PermanentServiceError(`The image model API refused ${where} (${error.status}${statusName}): ${apiMessage}`, {
      service: 'gemini',
      status: error.status,
      code: 'caller_bug',
      cause: error,
    });
  }

  if (isAbort(error)) {
    if (context.cancelled) {
      return new TransientServiceError(`${where} was cancelled by the caller.`, { service: 'gemini', code: 'cancelled', cause: error });
    }
    return new TransientServiceError(`${where} timed out after ${context.timeoutMs} ms.`, {
      service: 'gemini',
      code: 'timeout',
      cause: error,
    });
  }
  const network = networkFailure(error);
  if (network) {
    return new TransientServiceError(`Could not reach the image model API for ${where}: ${network}.`, {
      service: 'gemini',
      code: 'network',
      cause: error,
    });
  }
  if (causeChain(error).some((link) => link.name === 'SyntaxError')) {
    return new PermanentServiceError(`The image model API sent a body that is not JSON for ${where}: ${(error as Error).message}`, {
      service: 'gemini',
      code: 'bad_response',
      cause: error,
    });
  }
  return new PermanentServiceError(`Unexpected failure in ${where}: ${(error as Error)?.message ?? String(error)}`, {
    service: 'gemini',
    code: 'unexpected',
    cause: error,
  });
}
