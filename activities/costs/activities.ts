import type { PayloadRestClient } from '../../clients/payload/client';

export interface RunCost {
  characterDocId: string | number;
  workflowId: string;
  /** The run's first execution id: each run keeps its own record (absent in histories from before). */
  runId?: string;
  outcome?: string;
  stage: 'core-set' | 'production-shot';
  costUsd: number;
  attempts: number;
  unpricedAttempts: number;
}

export function createCostActivities({ payload }: { payload: Pick<PayloadRestClient, 'recordRunCost'> }) {
  return {
    /**
     * Records the run's spend and has the app sum the character's totals again from every run and every accepted
     * image (payload-app/collections/GenerationRuns/record-run-cost.ts): a whole sum each time, never an increment of
     * a number read earlier, and written in the character's turn so runs that end together all count. Safe to retry:
     * the run's record is found again by its run id.
     */
    async recordRunCost(input: RunCost): Promise<{ totalUsd: number; acceptedImages: number }> {
      const costs = await payload.recordRunCost(input.characterDocId, {
        workflowId: input.workflowId,
        runId: input.runId ?? input.workflowId,
        outcome: input.outcome ?? null,
        stage: input.stage,
        costUsd: input.costUsd,
        attempts: input.attempts,
        unpricedAttempts: input.unpricedAttempts,
      });
      return { totalUsd: costs.totalUsd, acceptedImages: costs.acceptedImages };
    },
  };
}

export type CostActivities = ReturnType<typeof createCostActivities>;
