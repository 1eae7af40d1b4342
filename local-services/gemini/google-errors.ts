import { json } from '../http/http-server';

/** Google's RPC status names for the HTTP codes the stand-in answers with. */
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  405: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** An error in Google's shape: `{"error":{"code","message","status","details"?}}`. */
export function googleError(
  code: number,
  message: string,
  options: { details?: unknown[]; headers?: Record<string, string> } = {},
): Response {
  const error: Record<string, unknown> = { code, message, status: STATUS_NAMES[code] ?? 'UNKNOWN' };
  if (options.details) error.details = options.details;
  return json({ error }, code, options.headers);
}

export function rateLimited(retryDelaySeconds: number, model: string): Response {
  return googleError(429, 'Resource has been exhausted (e.g. check quota).', {
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [
          {
            quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
            quotaId: 'GenerateRequestsPerMinutePerProjectPerModel',
            quotaDimensions: { location: 'global', model },
          },
        ],
      },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryDelaySeconds}s` },
    ],
    headers: { 'retry-after': String(Math.ceil(retryDelaySeconds)) },
  });
}

export function internalError(): Response {
  return googleError(
    500,
    'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  );
}
