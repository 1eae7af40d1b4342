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
     * Upserts the run's spend and recomputes the character's totals from every run and every accepted image, so each
     * writer writes a whole sum, never an increment of a number it read. The run's own record is written beside the
     * reads: its cost is counted from this call, every other run's from its record.
     */
    async recordRunCost(input: RunCost): Promise<{ totalUsd: number; acceptedImages: number }> {
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
      // A run's record exists already only when this write is retried, and its unique run id says so.
      const writingRecord = alreadyDoneOnConflict(
        'runId',
        () => payload.create('generation-runs', data),
        async () => {
          const earlier = await payload.findFirst('generation-runs', { runId: { equals: runKey } });
          return earlier && payload.update('generation-runs', earlier.id, data);
        },
      );
      // Awaited below; a failure meanwhile must not go unhandled.
      writingRecord.catch(() => undefined);
      const [runs, accepted] = await Promise.all([
        // Every other run, however many: only their cost is read.
        payload.find(
          'generation-runs',
          { character: { equals: input.characterDocId }, runId: { not_equals: runKey } },
          { limit: Infinity, select: ['costUsd'] },
        ),
        payload.find(
          'character-images',
          {
            character: { equals: input.characterDocId },
            or: [{ dinoProcessingStatus: { equals: 'validation_success' } }, { 'review.status': { equals: 'approved' } }],
          },
          { limit: 1 },
        ),
      ]);
      await writingRecord;
      const totalUsd = runs.docs.reduce((sum, run) => sum + (typeof run.costUsd === 'number' ? run.costUsd : 0), input.costUsd);
      const acceptedImages = accepted.totalDocs;
      await payload.recordPipelineState(input.characterDocId, {
        costs: {
          totalUsd: round(totalUsd),
          acceptedImages,
          perAcceptedImageUsd: acceptedImages > 0 ? round(totalUsd / acceptedImages) : null,
        },
      });
      return { totalUsd, acceptedImages };
    },
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

export type CostActivities = ReturnType<typeof createCostActivities>;
