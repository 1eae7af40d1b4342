/**
 * How a run's Payload bookkeeping (its context, state and cost record) is called: short writes, retried through an app
 * restart. The same for a scheduled activity and a local one (patch `bookkeeping-as-local-activities`).
 */
export const RUN_BOOKKEEPING_OPTIONS = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 8 },
} as const;
