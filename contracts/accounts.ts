/**
 * The `systemAccount` mark of the worker's service user: set only by the app's start-up, never by a person, and
 * checked by the worker before it runs (a key of any other account is refused).
 */
export const WORKER_SYSTEM_ACCOUNT = 'temporal-worker';
