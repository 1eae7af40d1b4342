import { createCostActivities } from '../../activities/costs/activities';
import type { PayloadDoc, PayloadRestClient } from '../../clients/payload/client';

/**
 * Payload in memory for the cost record: the character's earlier runs and its accepted images. The run's own create
 * answers only once the totals are being read, so a recordRunCost that waits for the create before reading fails.
 */
function fakePayload(earlierRuns: PayloadDoc[]) {
  const events: string[] = [];
  const runs = [...earlierRuns];
  let pipelineState: Record<string, unknown> | undefined;
  const readingStarted = () => events.includes('find generation-runs');
  const client = {
    async create(collection: string, data: PayloadDoc) {
      events.push(`create ${collection}`);
      const giveUpAt = Date.now() + 10_000;
      while (!readingStarted()) {
        if (Date.now() > giveUpAt) throw new Error('the create was left to answer before the totals were read');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const doc = { ...data, id: `run-${runs.length + 1}` };
      runs.push(doc);
      return doc;
    },
    async find(collection: string, where: { runId?: { not_equals: string } }) {
      events.push(`find ${collection}`);
      if (collection === 'generation-runs') {
        const docs = runs.filter((run) => run.runId !== where.runId?.not_equals);
        return { docs, totalDocs: docs.length };
      }
      return { docs: [], totalDocs: 3 };
    },
    async recordPipelineState(_id: string, state: Record<string, unknown>) {
      pipelineState = state;
    },
  };
  return { client: client as unknown as PayloadRestClient, events, state: () => pipelineState };
}

describe('recordRunCost', () => {
  it("writes the run's record while the totals are read, and counts the run once, from the call", async () => {
    const payload = fakePayload([{ id: 'run-1', runId: 'earlier', costUsd: 0.039 }]);
    const { recordRunCost } = createCostActivities({ payload: payload.client });
    const totals = await recordRunCost({
      characterDocId: 'ada',
      workflowId: 'core-set:ada',
      runId: 'this-run',
      outcome: 'complete',
      stage: 'core-set',
      costUsd: 0.312,
      attempts: 8,
      unpricedAttempts: 0,
    });
    expect(totals).toEqual({ totalUsd: 0.351, acceptedImages: 3 });
    expect(payload.state()).toEqual({ costs: { totalUsd: 0.351, acceptedImages: 3, perAcceptedImageUsd: 0.117 } });
  }, 30_000);
});
