import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { createCoreSetBatchActivities } from '../../activities/core-set-batch/activities';
import type { GenerateCandidateInput } from '../../activities/generation/activities';
import {
  PROGRESS_QUERY,
  REVIEW_UPDATE,
  type BatchCharacter,
  type CoreSetBatchProgress,
  type CoreSetProgress,
  type ReviewUpdatePayload,
} from '../../contracts';
import { waitFor } from '../../test-system/ports';
import type { coreSetBatchWorkflow, coreSetWorkflow } from '../../workflows';
import { startWorkflowTestEnvironment, type WorkflowTestEnvironment } from './environment';
import { coreSetContext, fakePipelineActivities } from './pipeline-fakes';
import { recorded } from './recorder';

const RATE = 12;

/** `core:<characterId>:<runId>:<angle>:…` — the generation key names the character and angle it is for. */
const isAngleOf = (request: GenerateCandidateInput, characterId: string, angle: number) =>
  request.generationKey.startsWith(`core:${characterId}:`) && request.generationKey.split(':')[3] === String(angle);

const character = (characterDocId: number, characterId: string, skipReason?: string): BatchCharacter => ({
  characterDocId,
  characterId,
  name: characterId.toUpperCase(),
  ...(skipReason ? { skipReason } : {}),
});

/**
 * The batch on a dev server (it is cancelled while its runs have activities in flight, see environment.ts): real child
 * core sets, faked model and gallery, the real progress reader.
 */
describe('core-set batch workflow', () => {
  let environment: WorkflowTestEnvironment;

  beforeAll(async () => {
    environment = await startWorkflowTestEnvironment('dev-server');
  });

  afterAll(async () => {
    await environment?.teardown();
  });

  const startBatch = (
    taskQueue: string,
    workflowId: string,
    characters: BatchCharacter[],
    maxRunning?: number,
    modelRequestsPerMinute: number | null = RATE,
  ) =>
    environment.env.client.workflow.start<typeof coreSetBatchWorkflow>('coreSetBatchWorkflow', {
      taskQueue,
      workflowId,
      args: [{ characters, modelRequestsPerMinute, progressPollMs: 200, ...(maxRunning ? { maxRunning } : {}) }],
    });

  const batchProgress = (handle: WorkflowHandle) => handle.query<CoreSetBatchProgress>(PROGRESS_QUERY);

  const coreSetHandle = (characterId: string) =>
    environment.env.client.workflow.getHandle<typeof coreSetWorkflow>(`core-set:${characterId}`);

  async function flaggedImageOf(characterId: string): Promise<string | number> {
    return waitFor(
      `an image of ${characterId} to await review`,
      async () =>
        (await coreSetHandle(characterId).query<CoreSetProgress>(PROGRESS_QUERY)).angles.find((angle) => angle.state === 'awaiting_review')
          ?.imageId,
      30_000,
      100,
    );
  }

  it('runs each character as a child, lists the skipped one, counts done / in review / failed, and costs so far', async () => {
    const fake = recorded(
      fakePipelineActivities({
        consistency: (request) => (isAngleOf(request, 'ben', 90) ? 50 : 95),
        overrides: {
          loadCoreSetContext: async ({ characterDocId }) => {
            if (characterDocId === 4) throw ApplicationFailure.nonRetryable('The master reference is gone.', 'MasterMissing');
            return coreSetContext();
          },
        },
      }),
    );
    const activities = { ...fake.activities, ...createCoreSetBatchActivities() };
    const characters = [
      character(1, 'ada'),
      character(2, 'ben'),
      character(3, 'cy', 'No ingested master reference (not_started).'),
      character(4, 'dee'),
    ];

    const { whileInReview, result } = await environment.withWorker(activities, async (taskQueue) => {
      const handle = await startBatch(taskQueue, 'core-set-batch:counts', characters);
      const whileInReview = await waitFor(
        'ada done, dee failed and ben in review with his other angles settled',
        async () => {
          const progress = await batchProgress(handle);
          // Ben's run reads "in review" from the first flagged angle on; his other angles may still be finishing then.
          const benSettled = progress.characters.find((entry) => entry.characterId === 'ben')?.anglesAccepted === 7;
          return progress.counts.done === 1 && progress.counts.failed === 1 && progress.counts.inReview === 1 && benSettled && progress;
        },
        30_000,
        100,
      );
      const review: ReviewUpdatePayload = { decision: 'approve', imageId: await flaggedImageOf('ben'), reviewer: 'rita@studio.example' };
      await expect(coreSetHandle('ben').executeUpdate(REVIEW_UPDATE, { args: [review] })).resolves.toEqual({ accepted: true });
      return { whileInReview, result: await handle.result() };
    });

    expect(whileInReview.status).toBe('running');
    expect(whileInReview.counts).toEqual({
      total: 4,
      queued: 0,
      running: 0,
      inReview: 1,
      done: 1,
      incomplete: 0,
      failed: 1,
      cancelled: 0,
      skipped: 1,
    });
    // ada's eight images and ben's eight attempts at 0.04 each; ben waits for a person, so nothing is left to generate.
    expect(whileInReview.spentUsd).toBeCloseTo(16 * 0.04, 6);
    expect(whileInReview.remainingGenerations).toBe(0);
    expect(whileInReview.estimatedSecondsLeft).toBe(0);

    expect(result.status).toBe('finished');
    expect(result.counts).toMatchObject({ total: 4, done: 2, failed: 1, skipped: 1, inReview: 0, running: 0 });
    const byId = Object.fromEntries(result.characters.map((entry) => [entry.characterId, entry]));
    expect(byId.ada).toMatchObject({ state: 'complete', anglesAccepted: 8, workflowId: 'core-set:ada' });
    expect(byId.ben).toMatchObject({ state: 'complete', anglesAccepted: 8 });
    expect(byId.cy).toMatchObject({ state: 'skipped', reason: 'No ingested master reference (not_started).' });
    expect(byId.cy!.workflowId).toBeUndefined();
    expect(byId.dee).toMatchObject({ state: 'failed', reason: 'The master reference is gone.' });
    // Nothing ran for the skipped character.
    expect(fake.inputsOf('loadCoreSetContext').map((input) => input.characterDocId)).toEqual(expect.not.arrayContaining([3]));
    expect(
      fake
        .inputsOf('recordRunCost')
        .map((cost) => cost.workflowId)
        .sort(),
    ).toEqual(['core-set:ada', 'core-set:ben', 'core-set:dee']);
  });

  it('estimates the time left from the generations still to make at the model rate', async () => {
    let releaseAngle0: () => void = () => undefined;
    const angle0Held = new Promise<void>((resolve) => (releaseAngle0 = resolve));
    const fake = fakePipelineActivities();
    const activities = {
      ...fake,
      ...createCoreSetBatchActivities(),
      generateCandidate: async (request: GenerateCandidateInput) => {
        if (isAngleOf(request, 'ivy', 0)) await angle0Held;
        return fake.generateCandidate(request);
      },
    };
    const { midway, result } = await environment.withWorker(activities, async (taskQueue) => {
      // One run at a time: jon waits for ivy, whose 0° view is still with the model.
      const handle = await startBatch(taskQueue, 'core-set-batch:eta', [character(9, 'ivy'), character(10, 'jon')], 1);
      const midway = await waitFor(
        "ivy's last angle generating and jon queued",
        async () => {
          const progress = await batchProgress(handle);
          return progress.characters[0]!.anglesAccepted === 7 && progress;
        },
        30_000,
        100,
      );
      releaseAngle0();
      return { midway, result: await handle.result() };
    });
    // ivy's one angle in flight and jon's eight, at 12 a minute: 9 × 5 s.
    expect(midway.counts).toMatchObject({ running: 1, queued: 1 });
    expect(midway.remainingGenerations).toBe(9);
    expect(midway.estimatedSecondsLeft).toBe(45);
    expect(result.counts).toMatchObject({ done: 2 });
    expect(result.estimatedSecondsLeft).toBe(0);
  });

  it('estimates no time left when no model rate is configured (none is invented)', async () => {
    const activities = { ...fakePipelineActivities(), ...createCoreSetBatchActivities() };
    const result = await environment.withWorker(activities, async (taskQueue) => {
      const handle = await startBatch(taskQueue, 'core-set-batch:no-rate', [character(11, 'kim')], undefined, null);
      return handle.result();
    });
    expect(result.counts).toMatchObject({ done: 1 });
    expect(result.modelRequestsPerMinute).toBeNull();
    expect(result.estimatedSecondsLeft).toBeNull();
  });

  it('cancels its own runs with it, and leaves running the run it only followed', async () => {
    const fake = recorded(
      fakePipelineActivities({ consistency: (request) => (isAngleOf(request, 'eve', 180) || isAngleOf(request, 'hal', 0) ? 50 : 95) }),
    );
    const activities = { ...fake.activities, ...createCoreSetBatchActivities() };

    const outcome = await environment.withWorker(activities, async (taskQueue) => {
      // hal's core set was started on its own before the batch: the batch follows it.
      const hal = await environment.env.client.workflow.start<typeof coreSetWorkflow>('coreSetWorkflow', {
        taskQueue,
        workflowId: 'core-set:hal',
        args: [{ characterDocId: 8, characterId: 'hal' }],
      });
      await flaggedImageOf('hal');
      const handle = await startBatch(
        taskQueue,
        'core-set-batch:cancel',
        [character(5, 'eve'), character(8, 'hal'), character(6, 'fay')],
        1,
      );
      await waitFor(
        'eve in review and hal followed',
        async () => {
          const progress = await batchProgress(handle);
          return progress.counts.inReview === 2 && progress.characters.find((entry) => entry.characterId === 'hal')?.followed;
        },
        30_000,
        100,
      );
      await handle.cancel();
      const error = await handle.result().then(
        () => undefined,
        (failure: unknown) => failure,
      );
      const final = await batchProgress(handle);
      const statuses = {
        batch: (await handle.describe()).status.name,
        eve: (await coreSetHandle('eve').describe()).status.name,
        hal: (await coreSetHandle('hal').describe()).status.name,
      };
      // Whether hal still runs here depends on the clock: while the test waits for the batch's result the test server
      // may skip ahead to hal's review deadline, and hal ends on its own. What the batch must not do is ask it to stop.
      const halCancelRequested = (await hal.fetchHistory()).events?.some((event) => event.workflowExecutionCancelRequestedEventAttributes);
      // hal was never the batch's: end it here, or the worker's shutdown would wait for its review timer.
      if (statuses.hal === 'RUNNING') await hal.cancel();
      await hal.result().catch(() => undefined);
      return { error, final, statuses, halCancelRequested };
    });

    expect(outcome.error).toBeInstanceOf(WorkflowFailedError);
    expect((outcome.error as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    expect(outcome.statuses).toMatchObject({ batch: 'CANCELLED', eve: 'CANCELLED' });
    expect(outcome.halCancelRequested).toBe(false);
    expect(['RUNNING', 'COMPLETED']).toContain(outcome.statuses.hal);
    expect(outcome.final.status).toBe('cancelled');
    const byId = Object.fromEntries(outcome.final.characters.map((entry) => [entry.characterId, entry]));
    expect(byId.eve).toMatchObject({ state: 'cancelled', reason: 'Cancelled with the batch.' });
    expect(byId.hal).toMatchObject({ state: 'awaiting_review', followed: true });
    expect(byId.hal!.reason).toMatch(/leaves it running/);
    // fay either finished while eve waited for review (eve gave its place up) or was cancelled with the batch.
    expect(['complete', 'cancelled']).toContain(byId.fay!.state);
    // eve's run ended clean: its state and its cost recorded as cancelled.
    expect(
      fake
        .inputsOf('recordRunCost')
        .filter((cost) => cost.workflowId === 'core-set:eve')
        .map((cost) => cost.outcome),
    ).toEqual(['cancelled']);
  });
});
