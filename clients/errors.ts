/**
 * One error taxonomy for every external service client.
 *
 * The rule (used by activities to decide what Temporal retries):
 * - TransientServiceError: network failure, timeout, 5xx, 429, 503. Retrying the same call may succeed.
 *   `retryAfterMs` carries the server's requested delay (429 Retry-After / RetryInfo) when it gave one.
 * - PermanentServiceError: the request itself is wrong or the input is unusable (4xx other than 429,
 *   an invalid image, a safety block, a response that does not match the contract). Retrying as-is
 *   cannot succeed; the reason is shown to users, so `message` must be readable.
 *
 * Clients throw these; they never return a "score of 0" or other default in place of an error.
 */
export type ServiceName = 'dino' | 'gemini' | 'pathrag' | 'payload';

export interface ServiceErrorDetails {
  service: ServiceName;
  /** HTTP status when the service answered, undefined for network errors/timeouts. */
  status?: number;
  /** Stable machine-readable reason, e.g. 'timeout', 'not_found', 'invalid_image', 'blocked'. */
  code: string;
  cause?: unknown;
}

export abstract class ServiceError extends Error {
  readonly service: ServiceName;
  readonly status?: number;
  readonly code: string;
  abstract readonly retryable: boolean;

  constructor(message: string, details: ServiceErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.service = details.service;
    this.status = details.status;
    this.code = details.code;
  }
}

export class TransientServiceError extends ServiceError {
  readonly retryable = true;
  readonly retryAfterMs?: number;
  constructor(message: string, details: ServiceErrorDetails & { retryAfterMs?: number }) {
    super(message, details);
    this.name = 'TransientServiceError';
    this.retryAfterMs = details.retryAfterMs;
  }
}

export class PermanentServiceError extends ServiceError {
  readonly retryable = false;
  constructor(message: string, details: ServiceErrorDetails) {
    super(message, details);
    this.name = 'PermanentServiceError';
  }
}

/** Classifies an HTTP status as docs/architecture.md says: 429 and 5xx are transient, other 4xx permanent. */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

/** Parses a Retry-After header (seconds or HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
