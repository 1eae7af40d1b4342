/**
 * The `systemAccount` mark of the worker's service user: set only by the app's start-up, never by a person, and
 * checked by the worker before it runs (a key of any other account is refused).
 */
export const WORKER_SYSTEM_ACCOUNT = 'temporal-worker';

/**
 * The mark of the second worker account, which carries the previous key while workers roll to a new one
 * (`WORKER_API_KEY_PREVIOUS`); the app disables it on the first start without that variable.
 */
export const WORKER_PREVIOUS_KEY_SYSTEM_ACCOUNT = 'temporal-worker-previous-key';

/** Every account a worker may run as. */
export const WORKER_SYSTEM_ACCOUNTS: readonly string[] = [WORKER_SYSTEM_ACCOUNT, WORKER_PREVIOUS_KEY_SYSTEM_ACCOUNT];
