import { renderCharacter, randomLook } from '../../local-services/gemini/renderer';
import { createCharacterWithMaster, waitForMasterReady, type CreatedCharacter } from '../../test-system/characters';
import { resetStandInQuota, standInQuota } from '../../test-system/gemini-control';
import { startTestSystem, type TestSystem } from '../../test-system/system';
import { startPollingWorkers, type WorkerProcess } from '../../test-system/worker-process';
import { fromGlobalSetup } from '../support/from-global-setup';
import { recordHistory } from '../support/histories';

/**
 * One rate limit for all workers: the image-model stand-in refuses (429) beyond its quota of requests a minute, two
 * worker processes share the model's task queue at a rate just under it (as docs/architecture.md advises: Temporal's
 * token bucket lets a request or two ahead at the start), and several core sets start at once. The queue rate must
 * keep every request inside the quota (no 429 at all) while still using it (the requests spread over the time the
 * rate allows, no more).
 */
const QUOTA_PER_MINUTE = 12;
const REQUESTS_PER_MINUTE = 11;
const CHARACTERS = 2;
const ANGLES = 8;

describe('the image model rate limit across workers', () => {
  let system: TestSystem;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    system = await startTestSystem({
      ...fromGlobalSetup(),
      geminiLatencyMs: 1_000,
      geminiRequestsPerMinute: QUOTA_PER_MINUTE,
      modelRequestsPerMinute: REQUESTS_PER_MINUTE,
    });
  });

  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await system?.stop();
  });

  it('keeps every model call of two workers inside the quota, and uses it', async () => {
    workers.push(...(await startPollingWorkers(2, () => system.spawnWorkerProcess())));

    const editor = await system.session('editor');
    const characters: CreatedCharacter[] = [];
    for (let i = 0; i < CHARACTERS; i++) {
      const master = await renderCharacter(randomLook(700 + i), 0, { width: 768, height: 1024 });
      characters.push(
        await createCharacterWithMaster(
          editor,
          { name: `Quota Cast ${i}` },
          { bytes: master, filename: `quota-${i}.png`, mimeType: 'image/png' },
        ),
      );
    }
    for (const character of characters) await waitForMasterReady(system.temporal, character);
    await resetStandInQuota(system.gemini.url);

    const started = performance.now();
    const runs = await Promise.all(
      characters.map(async (character) => {
        const response = await editor.request('POST', `/api/characters/${character.id}/core-set`, {
          maxAttempts: 1,
          thresholdOverride: 0,
        });
        expect(response.status).toBe(201);
        return system.temporal.workflow.getHandle(response.body.workflowId as string);
      }),
    );
    const results = await Promise.all(runs.map((run) => run.result()));
    const wallSeconds = (performance.now() - started) / 1000;

    const quota = await standInQuota(system.gemini.url);
    const generations = CHARACTERS * ANGLES;
    // A steady R a minute: the first request at once, each next one 60/R seconds later.
    const allowedSpanSeconds = ((generations - 1) * 60) / REQUESTS_PER_MINUTE;
    const spanSeconds = (quota.lastAdmittedAt! - quota.firstAdmittedAt!) / 1000;
    console.log(
      `quota ${QUOTA_PER_MINUTE}/min, queue rate ${REQUESTS_PER_MINUTE}/min, ${generations} generations over 2 workers: model requests spread over ` +
        `${spanSeconds.toFixed(1)} s (the limit allows ${allowedSpanSeconds.toFixed(1)} s, ratio ${(spanSeconds / allowedSpanSeconds).toFixed(3)}); ` +
        `wall ${wallSeconds.toFixed(1)} s; busiest minute ${quota.busiestMinuteOffered} offered; ${quota.refused} refused`,
    );

    for (const result of results) expect(result.status).toBe('complete');
    await recordHistory(system.temporal, runs[0]!.workflowId, 'core-set-model-queue');
    // No 429 at all, so none reached an activity's retry budget.
    expect(quota.refused).toBe(0);
    expect(quota.admitted).toBe(generations);
    expect(quota.busiestMinuteOffered).toBeLessThanOrEqual(QUOTA_PER_MINUTE);
    // The rate is used, not wasted: within 10 % of its steady time.
    expect(spanSeconds).toBeGreaterThan(allowedSpanSeconds * 0.9);
    expect(spanSeconds).toBeLessThan(allowedSpanSeconds * 1.1);
  });
});
