import { startChaosSystem, type ChaosSystem } from '../../test-system/chaos/chaos-system';
import { chaosOptionsSchema } from '../../test-system/chaos/options';
import { formatCountsTable } from '../../test-system/chaos/report-table';
import { runChaos } from '../../test-system/chaos/run-chaos';
import { fromGlobalSetup } from '../support/from-global-setup';

/**
 * `npm run chaos` in small: two characters' core sets while the worker, the app and the Temporal server are each
 * killed -9 once at seeded moments, with 30 % transient faults from the model and the analysis service and a
 * scripted reviewer. Nothing may be lost, duplicated or orphaned, and every run must end.
 */
describe('chaos: kills and faults during core sets', () => {
  // One angle at a time and a slow model: the runs outlast the kill window even on a quiet machine.
  const options = chaosOptionsSchema.parse({
    characters: 2,
    kills: 3,
    faultRate: 0.3,
    seed: 20261126,
    killWindowSeconds: 30,
    concurrency: 1,
    geminiLatencyMs: 4000,
    deadlineMinutes: 8,
  });
  let chaos: ChaosSystem | undefined;

  afterAll(async () => {
    await chaos?.stop();
  });

  it(
    'loses, duplicates and orphans nothing, and every run ends',
    async () => {
      const { workflowBundlePath, tmpDir } = fromGlobalSetup();
      chaos = await startChaosSystem({
        cliPath: process.env.TEMPORAL_CLI_PATH,
        workflowBundlePath,
        tmpDir,
        seed: options.seed,
        geminiLatencyMs: options.geminiLatencyMs,
      });
      const result = await runChaos(chaos, options);
      const report = `seed ${options.seed}, kills ${JSON.stringify(result.killsDone)}\n${formatCountsTable(result.counts)}\n${result.counts.findings.join('\n')}`;
      // In full: Jest's diff of a failed comparison cuts the findings off.
      console.log(report);

      expect(result.killsDone.map((kill) => kill.target).sort()).toEqual(['payload', 'temporal', 'worker']);
      expect({ notEnded: result.counts.notEnded, report }).toEqual({ notEnded: 0, report });
      expect(result.counts.runsStarted).toBe(2);
      expect({ lost: result.counts.lost, duplicates: result.counts.duplicates, report }).toEqual({ lost: 0, duplicates: 0, report });
      expect({
        media: result.counts.orphanMedia,
        assets: result.counts.orphanAssets,
        reviewItems: result.counts.orphanReviewItems,
        report,
      }).toEqual({
        media: 0,
        assets: 0,
        reviewItems: 0,
        report,
      });
    },
    12 * 60_000,
  );
});
