import { PROGRESS_QUERY, type CoreSetBatchProgress, type CoreSetProgress } from '../../contracts';
import { randomLook, renderCharacter } from '../../local-services/gemini/renderer';
import { createCharacterWithMaster, waitForMasterReady } from '../../test-system/characters';
import { resetStandInQuota, standInQuota } from '../../test-system/gemini-control';
import { waitFor } from '../../test-system/ports';
import { startTestSystem, type TestSystem } from '../../test-system/system';
import { fromGlobalSetup } from '../support/from-global-setup';
import { recordHistory } from '../support/histories';

/**
 * Issue #14's batch test: a batch of ten characters against an image model that refuses (429) beyond R requests a
 * minute, started through REST, with the workers' model queue held a little under R. Every request must stay inside the
 * quota, and never faster than the queue's rate. How close to that rate the batch runs is throughput, which a busy
 * machine lowers: `npm run bench:batch` runs this same test with BATCH_SPAN_BOUND=1.05 (the 5 %) on a quiet one.
 * One attempt per angle keeps the count of generations known (80); an angle the gate flags is approved by a
 * reviewer at once, so a flagged angle costs review time but no model request.
 */
const QUOTA_PER_MINUTE = 60;
const REQUESTS_PER_MINUTE = 54;
const CHARACTERS = 10;
const ANGLES = 8;
/** The span's upper bound, as a ratio of the time the rate allows; set by `npm run bench:batch`, unchecked otherwise. */
const SPAN_BOUND = process.env.BATCH_SPAN_BOUND ? Number(process.env.BATCH_SPAN_BOUND) : undefined;
const FINISH_DEADLINE_MS = 20 * 60_000;

describe('a batch of ten core sets under the model rate limit', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({
      ...fromGlobalSetup(),
      geminiLatencyMs: 1_000,
      geminiRequestsPerMinute: QUOTA_PER_MINUTE,
      modelRequestsPerMinute: REQUESTS_PER_MINUTE,
    });
    await system.startWorker();
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('reports a live worker on each of the three task queues a worker process polls', async () => {
    type Health = { checks: Record<string, { status: string; detail?: string }> };
    // A poller shows in Temporal only once its first poll arrives, and the app caches its checks for a few seconds.
    const health = await waitFor(
      'the health check to see pollers on every queue',
      async () => {
        const answer = (await (await fetch(`${system.payload.url}/api/health`)).json()) as Health;
        return answer.checks.worker?.status === 'up' ? answer : undefined;
      },
      60_000,
      500,
    );
    const queue = system.payload.taskQueue;
    expect(health.checks.worker!.detail).toMatch(
      new RegExp(
        `^[1-9]\\d* worker\\(s\\) on ${queue}, [1-9]\\d* worker\\(s\\) on ${queue}-image-work, [1-9]\\d* worker\\(s\\) on ${queue}-model$`,
      ),
    );
  });

  it('keeps every model request inside the quota and never runs faster than the rate, to the end of the batch', async () => {
    const qa = await system.admin.request('POST', '/api/globals/qa-settings', { maxAttemptsPerAngle: 1 });
    expect(qa.status).toBe(200);
    const editor = await system.session('editor');
    const reviewer = await system.session('reviewer');
    const characters = await Promise.all(
      Array.from({ length: CHARACTERS }, async (_, i) => {
        const master = await renderCharacter(randomLook(700 + i), 0, { width: 768, height: 1024 });
        return createCharacterWithMaster(
          editor,
          { name: `Season Cast ${i}` },
          { bytes: master, filename: `season-${i}.png`, mimeType: 'image/png' },
        );
      }),
    );
    for (const character of characters) await waitForMasterReady(system.temporal, character);
    await resetStandInQuota(system.gemini.url);

    const started = performance.now();
    const response = await editor.request('POST', '/api/characters/core-set-batch', {
      characterIds: characters.map((character) => character.id),
    });
    expect(response.status).toBe(201);
    expect(response.body.skipped).toEqual([]);
    const batch = system.temporal.workflow.getHandle(response.body.workflowId as string);
    // The app's time-left estimate uses the rate the workers keep (both are given MODEL_REQUESTS_PER_MINUTE).
    const first = await waitFor('the batch to answer its progress', () => batch.query<CoreSetBatchProgress>(PROGRESS_QUERY), 60_000);
    expect(first.modelRequestsPerMinute).toBe(REQUESTS_PER_MINUTE);

    let approved = 0;
    const refusals: string[] = [];
    let finished = false;
    const result = batch.result().finally(() => {
      finished = true;
    }) as Promise<CoreSetBatchProgress>;
    await waitFor(
      'the batch to finish (flagged angles approved by a reviewer as they come)',
      async () => {
        if (finished) return true;
        const flagged = await reviewer.request(
          'GET',
          '/api/character-images?where[review.status][equals]=awaiting_review&depth=0&limit=100',
        );
        for (const image of flagged.body.docs as Array<{ id: number | string }>) {
          const decided = await reviewer.request('POST', `/api/character-images/${image.id}/review`, { decision: 'approve' });
          if (decided.status === 200) approved++;
          else refusals.push(`image ${image.id}: ${decided.status} ${JSON.stringify(decided.body)}`);
        }
        return false;
      },
      // About two minutes here alone. A busy run (two CPU hogs, and the gate-corpus test on the other Jest worker)
      // once took over ten: this checks the limit, not the speed.
      FINISH_DEADLINE_MS,
      2_000,
    ).catch(async (error: Error) => {
      // Say where the batch stood, so a timeout tells a stuck batch from a slow machine.
      const standing = await batch.query<CoreSetBatchProgress>(PROGRESS_QUERY).catch((failure: Error) => failure.message);
      const quota = await standInQuota(system.gemini.url).catch((failure: Error) => failure.message);
      const inReview = typeof standing === 'string' ? [] : standing.characters.filter((entry) => entry.state === 'awaiting_review');
      const waitingAngles = await Promise.all(
        inReview.map((entry) =>
          system.temporal.workflow
            .getHandle(entry.workflowId!)
            .query<CoreSetProgress>(PROGRESS_QUERY)
            .then((run) => `${entry.characterId}: ${JSON.stringify(run.angles.filter((angle) => angle.state === 'awaiting_review'))}`)
            .catch((failure: Error) => `${entry.characterId}: ${failure.message}`),
        ),
      );
      throw new Error(
        `${error.message}\nbatch: ${JSON.stringify(standing)}\nmodel quota: ${JSON.stringify(quota)}\napproved: ${approved}\n` +
          `last refusals: ${refusals.slice(-5).join('; ') || 'none'}\nangles waiting for review: ${waitingAngles.join('; ') || 'none'}`,
      );
    });
    const progress = await result;
    const wallSeconds = (performance.now() - started) / 1000;

    const quota = await standInQuota(system.gemini.url);
    // A steady rate: the first request at once, each next one 60/rate seconds later.
    const allowedSpanSeconds = ((quota.admitted - 1) * 60) / REQUESTS_PER_MINUTE;
    const spanSeconds = (quota.lastAdmittedAt! - quota.firstAdmittedAt!) / 1000;
    const ratio = spanSeconds / allowedSpanSeconds;
    console.log(
      `quota ${QUOTA_PER_MINUTE}/min, queue rate ${REQUESTS_PER_MINUTE}/min, batch of ${CHARACTERS} characters: ${quota.admitted} model requests ` +
        `spread over ${spanSeconds.toFixed(1)} s (the rate allows ${allowedSpanSeconds.toFixed(1)} s, ratio ${ratio.toFixed(3)}); ` +
        `batch wall ${wallSeconds.toFixed(1)} s; busiest minute ${quota.busiestMinuteOffered} offered; ${quota.refused} refused; ` +
        `${approved} flagged angle(s) approved by the reviewer`,
    );

    expect(progress.status).toBe('finished');
    // A core set with every patch of issue #14's second pass (registration from the generated bytes, consistency at
    // registration, the end of the run at once), for tests/integration/replay.test.ts.
    const replayed = progress.characters.find((entry) => entry.state === 'complete' && entry.workflowId);
    if (replayed) await recordHistory(system.temporal, replayed.workflowId!, 'core-set-registered-from-generated-bytes');
    expect(progress.counts).toMatchObject({ total: CHARACTERS, done: CHARACTERS, failed: 0, incomplete: 0, cancelled: 0 });
    // No 429 at all, so none reached an activity's retry budget.
    expect(quota.refused).toBe(0);
    expect(quota.busiestMinuteOffered).toBeLessThanOrEqual(QUOTA_PER_MINUTE);
    expect(quota.admitted).toBeGreaterThanOrEqual(CHARACTERS * ANGLES);
    // Never faster than the rate: that is the limit itself, on any database.
    expect(ratio).toBeGreaterThan(0.95);
    // Within 5 % of it (the pipeline kept the model queue fed) is throughput: measured by `npm run bench:batch`. Two
    // CPU-bound processes beside the suite took it to 1.44 with nothing wrong but the machine's load.
    if (SPAN_BOUND !== undefined) expect(ratio).toBeLessThan(SPAN_BOUND);
  }, 1_500_000); // FINISH_DEADLINE_MS and five minutes
});
