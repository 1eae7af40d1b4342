/** A run's cost record as the worker sends it to the app (`POST /api/characters/:id/run-cost`). */
export interface RunCostRecord {
  workflowId: string;
  /** The run's first execution id (or its workflow id, in histories from before): one record per run. */
  runId: string;
  outcome: string | null;
  stage: 'core-set' | 'production-shot';
  costUsd: number;
  attempts: number;
  unpricedAttempts: number;
}

/** The character's totals the app answers with, summed again from every run and every accepted image. */
export type CharacterCosts = {
  totalUsd: number;
  acceptedImages: number;
  perAcceptedImageUsd: number | null;
};
