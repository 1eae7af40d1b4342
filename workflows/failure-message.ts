import { ActivityFailure, ApplicationFailure, TemporalFailure } from '@temporalio/workflow';

/** The innermost readable message of a failure chain: what a person should see on the character. */
export function describeFailure(error: unknown): string {
  let current: unknown = error;
  while (current instanceof ActivityFailure && current.cause) current = current.cause;
  if (current instanceof ApplicationFailure || current instanceof TemporalFailure) return current.message;
  if (current instanceof Error) return current.message;
  return String(current);
}
