import { createCostActivities, type RunCost } from '../../activities/costs/activities';
import type { CharacterCosts, RunCostRecord } from '../../contracts';

/** The app's run-cost endpoint in memory: what the activity sends, and totals summed by run id as the app does. */
function fakeApp() {
  const sent: Array<{ characterDocId: string | number; run: RunCostRecord }> = [];
  const runs = new Map<string, number>();
  return {
    sent,
    client: {
      async recordRunCost(characterDocId: string | number, run: RunCostRecord): Promise<CharacterCosts> {
        sent.push({ characterDocId, run });
        runs.set(run.runId, run.costUsd);
        const totalUsd = [...runs.values()].reduce((sum, cost) => sum + cost, 0);
        return { totalUsd, acceptedImages: 2, perAcceptedImageUsd: totalUsd / 2 };
      },
    },
  };
}

const run: RunCost = {
  characterDocId: 7,
  workflowId: 'core-set:ada',
  runId: 'first-execution',
  outcome: 'complete',
  stage: 'core-set',
  costUsd: 0.312,
  attempts: 8,
  unpricedAttempts: 1,
};

describe('recordRunCost', () => {
  it("sends the run's record to its character and answers the app's totals", async () => {
    const app = fakeApp();
    const totals = await createCostActivities({ payload: app.client }).recordRunCost(run);
    expect(totals).toEqual({ totalUsd: 0.312, acceptedImages: 2 });
    expect(app.sent).toEqual([
      {
        characterDocId: 7,
        run: {
          workflowId: 'core-set:ada',
          runId: 'first-execution',
          outcome: 'complete',
          stage: 'core-set',
          costUsd: 0.312,
          attempts: 8,
          unpricedAttempts: 1,
        },
      },
    ]);
  });

  it('keys a run from a history without a run id by its workflow id, so its retries keep one record', async () => {
    const app = fakeApp();
    const { recordRunCost } = createCostActivities({ payload: app.client });
    const legacy: RunCost = { ...run, runId: undefined, outcome: undefined };
    await recordRunCost(legacy);
    const totals = await recordRunCost(legacy);
    expect(totals.totalUsd).toBe(0.312);
    expect(app.sent.map((call) => [call.run.runId, call.run.outcome])).toEqual([
      ['core-set:ada', null],
      ['core-set:ada', null],
    ]);
  });
});
