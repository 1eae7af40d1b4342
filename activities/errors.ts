import { ApplicationFailure } from '@temporalio/activity';
import { PermanentServiceError, TransientServiceError } from '../clients/errors';

/**
 * Where errors are thrown vs returned (the project's rule):
 * - Clients throw typed ServiceErrors. Activities let transient ones through as retryable failures (honouring a
 *   server's retry delay) and turn permanent ones into non-retryable ApplicationFailures with a readable message.
 * - Expected business outcomes (superseded, blocked by safety, below threshold) are *returned* as values, so
 *   workflows branch on data instead of on exceptions.
 * - Workflows fail only with ApplicationFailure (a bare Error would fail the task and retry forever).
 */
export function toActivityFailure(error: unknown): unknown {
  if (error instanceof PermanentServiceError) {
    return ApplicationFailure.create({ message: error.message, type: `${error.service}.${error.code}`, nonRetryable: true });
  }
  if (error instanceof TransientServiceError) {
    return ApplicationFailure.create({
      message: error.message,
      type: `${error.service}.${error.code}`,
      nonRetryable: false,
      nextRetryDelay: error.retryAfterMs,
    });
  }
  return error;
}

/** Wraps every method of an activities object so service errors cross into Temporal classified. */
export function withFailureClassification<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      try {
        return await fn(...args);
      } catch (error) {
        throw toActivityFailure(error);
      }
    };
  }
  return wrapped as T;
}

export function invalidInput(message: string, type = 'InvalidImage'): ApplicationFailure {
  return ApplicationFailure.create({ message, type, nonRetryable: true });
}
