import { isTransientStatus, parseRetryAfter, PermanentServiceError, TransientServiceError, type ServiceName } from '../errors';
import { summariseErrorBody } from './error-body';

/** Error codes a service gives particular statuses (e.g. 404 → `not_found`); other statuses get `http_<status>`. */
export type StatusCodeNames = Readonly<Partial<Record<number, string>>>;

/** Who failed, as error messages and codes name it. */
export interface FailureContext {
  service: ServiceName;
  /** The service's name at the start of a sentence, e.g. "Analysis service". */
  label: string;
  statusCodes: StatusCodeNames;
}

export interface HttpAnswer {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

/** No answer at all (refused, reset, timed out): retrying the same call may well succeed. */
export function networkFailure(context: FailureContext, method: string, path: string, error: unknown): TransientServiceError {
  const timedOut = String((error as { code?: unknown }).code ?? '').includes('TIMEOUT');
  // Not `instanceof Error`: undici's errors may come from another realm (Jest's VM contexts).
  const message = (error as { message?: unknown } | undefined)?.message;
  const reason = typeof message === 'string' ? message : String(error);
  return new TransientServiceError(`${context.label} ${timedOut ? 'timed out' : 'unreachable'} (${method} ${path}): ${reason}`, {
    service: context.service,
    code: timedOut ? 'timeout' : 'network',
    cause: error,
  });
}

/** An error status: transient or permanent by `isTransientStatus`, with the service's own words and retry hint. */
export function statusFailure(
  context: FailureContext,
  method: string,
  path: string,
  answer: HttpAnswer,
): TransientServiceError | PermanentServiceError {
  const { status } = answer;
  const message = `${context.label} ${method} ${path} failed with ${status}: ${summariseErrorBody(answer.text)}`;
  const code = context.statusCodes[status] ?? `http_${status}`;
  if (isTransientStatus(status)) {
    const retryAfter = answer.headers['retry-after'];
    return new TransientServiceError(message, {
      service: context.service,
      status,
      code,
      retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
    });
  }
  return new PermanentServiceError(message, { service: context.service, status, code });
}
