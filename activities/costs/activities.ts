import type { PayloadRestClient } from '../../clients/payload/client';
import { alreadyDoneOnConflict } from '../support/already-done-on-conflict';

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

export function createCostActivities({ payload }: { payload: PayloadRestClient }) {
  return {
    /**
     * Upserts the run's spend by its run id (written first; on the unique id's conflict the earlier record is
     * updated), so a retried write never counts twice. Payload recomputes the character's totals in the same request
     * (generation-runs' afterChange hook).
     */
    async recordRunCost(input: RunCost): Promise<{ runDocId: string | number }> {
      const runKey = input.runId ?? input.workflowId;
      const data = {
        workflowId: input.workflowId,
        runId: runKey,
        outcome: input.outcome ?? null,
        character: input.characterDocId,
        stage: input.stage,
        costUsd: input.costUsd,
        attempts: input.attempts,
        unpricedAttempts: input.unpricedAttempts,
      };
      const written = await alreadyDoneOnConflict(
        'runId',
        () => payload.create('generation-runs', data),
        async () => {
          const earlier = (await payload.find('generation-runs', { runId: { equals: runKey } }, { limit: 1 })).docs[0];
          return earlier ? payload.update('generation-runs', earlier.id, data) : undefined;
        },
      );
      return { runDocId: written.id };
    },
  };
}

export type CostActivities = ReturnType<typeof createCostActivities>;
