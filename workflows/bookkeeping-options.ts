import { patched } from '@temporalio/workflow';
import { BOOKKEEPING_SCHEDULED_AGAIN_PATCH, LOCAL_BOOKKEEPING_PATCH } from './patches';

/**
 * How a run's Payload bookkeeping (its context, state and cost record) is called: short writes, retried through an app
 * restart. The same for a scheduled activity and a local one (patch `bookkeeping-as-local-activities`).
 */
export const RUN_BOOKKEEPING_OPTIONS = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 8 },
} as const;

/**
 * Whether this run does its bookkeeping as local activities: only runs started while that was the newest behaviour
 * (`builtOn`: the run took the changes the local patch was made on top of). New runs schedule it again
 * (`bookkeeping-scheduled-again`, whose marker is checked first so a new run does not record the local one).
 */
export function bookkeepsLocally(builtOn: boolean): boolean {
  return builtOn && !patched(BOOKKEEPING_SCHEDULED_AGAIN_PATCH) && patched(LOCAL_BOOKKEEPING_PATCH);
}
