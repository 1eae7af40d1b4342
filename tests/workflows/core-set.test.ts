import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { PROGRESS_QUERY, REVIEW_UPDATE, type AngleProgress, type CoreSetProgress, type ReviewUpdatePayload } from '../../contracts';
import { waitFor } from '../../test-system/ports';
import type { coreSetWorkflow } from '../../workflows';
import { startWorkflowTestEnvironment, type WorkflowTestEnvironment } from './environment';
import { coreSetContext, fakePipelineActivities, MIN_CONSISTENCY } from './pipeline-fakes';
import { recorded } from './recorder';

const HOUR_MS = 3_600_000;

/** The core-set workflow on the time-skipping test server, its activities faked: review, timeout, retry, cancel. */
describe('core-set workflow', () => {
  let environment: WorkflowTestEnvironment;

  beforeAll(async () => {
    environment = await startWorkflowTestEnvironment();
  });

  afterAll(async () => {
    await environment?.teardown();
  });

  const start = (taskQueue: string, workflowId: string, angles: number[]) =>
    environment.env.client.workflow.start<typeof coreSetWorkflow>('coreSetWorkflow', {
      taskQueue,
      workflowId,
      args: [{ characterDocId: 7, characterId: 'ada', angles }],
    });

  async function awaitingReview(handle: WorkflowHandle<typeof coreSetWorkflow>): Promise<AngleProgress> {
    return waitFor(
      'an angle to await review',
      async () => (await handle.query<CoreSetProgress>(PROGRESS_QUERY)).angles.find((angle) => angle.state === 'awaiting_review'),
      30_000,
      100,
    );
  }

  it('ends an angle whose review times out as timed_out, and the run incomplete', async () => {
    const fake = recorded(fakePipelineActivities({ consistency: () => MIN_CONSISTENCY - 30 }));
    const { result, elapsedMs } = await environment.withWorker(fake.activities, async (taskQueue) => {
      const handle = await start(taskQueue, 'core-set:timeout', [0]);
      const result = await handle.result();
      const { startTime, closeTime } = await handle.describe();
      return { result, elapsedMs: closeTime!.getTime() - startTime.getTime() };
    });

    expect(elapsedMs).toBeGreaterThanOrEqual(72 * HOUR_MS);
    expect(result.status).toBe('incomplete');
    expect(result.angles).toEqual([expect.objectContaining({ angle: 0, state: 'timed_out', imageId: 500, attempt: 1 })]);
    expect(fake.inputsOf('recordReviewDecision')).toEqual([
      expect.objectContaining({ imageId: 500, decision: 'timeout', reviewer: 'system: review timeout' }),
    ]);
    expect(fake.inputsOf('saveGalleryImage')).toEqual([expect.objectContaining({ passed: false, awaitingReview: true, angle: 0 })]);
    expect(fake.inputsOf('recordCoreSetState').map((state) => state.status)).toEqual(['running', 'awaiting_review', 'incomplete']);
    expect(fake.inputsOf('recordCoreSetState').at(-1)?.error).toMatch(/^0°: timed_out \(Consistency 50\.0 is below the threshold 80/);
  });

  it("starts a new round with the reviewer's prompt adjustment on a retry decision", async () => {
    const adjustment = 'keep the red scarf';
    const fake = recorded(
      fakePipelineActivities({ consistency: (request) => (request.prompt.includes(`Reviewer's instruction: ${adjustment}`) ? 92 : 50) }),
    );
    const result = await environment.withWorker(fake.activities, async (taskQueue) => {
      const handle = await start(taskQueue, 'core-set:retry', [90]);
      const flagged = await awaitingReview(handle);
      const decision: ReviewUpdatePayload = {
        decision: 'retry',
        imageId: flagged.imageId!,
        reviewer: 'rita@studio.example',
        promptAdjustment: adjustment,
      };
      await expect(handle.executeUpdate(REVIEW_UPDATE, { args: [decision] })).resolves.toEqual({ accepted: true });
      return handle.result();
    });

    expect(result.status).toBe('complete');
    expect(result.angles).toEqual([
      expect.objectContaining({ angle: 90, state: 'passed', attempt: 2, consistencyScore: 92, imageId: 501 }),
    ]);
    const prompts = fake.inputsOf('generateCandidate').map((request) => request.prompt);
    expect(prompts).toHaveLength(2);
    expect(prompts[0]).not.toContain("Reviewer's instruction");
    expect(prompts[1]).toContain(`Reviewer's instruction: ${adjustment}`);
    expect(fake.inputsOf('recordReviewDecision')).toEqual([
      expect.objectContaining({ imageId: 500, decision: 'retry', reviewer: 'rita@studio.example', promptAdjustment: adjustment }),
    ]);
  });

  it('an angle waiting for review gives its slot to a queued angle, and takes one again on a retry', async () => {
    const fake = recorded(
      fakePipelineActivities({
        consistency: (request) => (request.prompt.includes('(0°)') && !request.prompt.includes("Reviewer's instruction") ? 50 : 92),
        overrides: { loadCoreSetContext: async () => coreSetContext({ concurrency: 1 }) },
      }),
    );
    const result = await environment.withWorker(fake.activities, async (taskQueue) => {
      const handle = await start(taskQueue, 'core-set:slot-freed', [0, 90, 180]);
      const flagged = await awaitingReview(handle);
      expect(flagged.angle).toBe(0);
      // With one slot, the two other angles can only pass while angle 0 waits if its slot was handed on.
      await waitFor(
        'the queued angles to pass while angle 0 waits for review',
        async () => (await handle.query<CoreSetProgress>(PROGRESS_QUERY)).angles.filter((angle) => angle.state === 'passed').length === 2,
        30_000,
        100,
      );
      const decision: ReviewUpdatePayload = {
        decision: 'retry',
        imageId: flagged.imageId!,
        reviewer: 'rita@studio.example',
        promptAdjustment: 'face the camera',
      };
      await expect(handle.executeUpdate(REVIEW_UPDATE, { args: [decision] })).resolves.toEqual({ accepted: true });
      return handle.result();
    });

    expect(result.status).toBe('complete');
    expect(result.angles.map((angle) => [angle.angle, angle.state, angle.attempt])).toEqual([
      [0, 'passed', 2],
      [90, 'passed', 1],
      [180, 'passed', 1],
    ]);
    expect(fake.inputsOf('generateCandidate')).toHaveLength(4);
  });

  it('is cancelled while an angle awaits review: the image is withdrawn, the state ends cancelled, the cost is kept', async () => {
    const fake = recorded(fakePipelineActivities({ consistency: () => 50 }));
    const { error, status } = await environment.withWorker(fake.activities, async (taskQueue) => {
      const handle = await start(taskQueue, 'core-set:cancel', [180]);
      await awaitingReview(handle);
      await handle.cancel();
      const error = await handle.result().then(
        () => undefined,
        (failure: unknown) => failure,
      );
      return { error, status: (await handle.describe()).status.name };
    });

    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect((error as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    expect(status).toBe('CANCELLED');
    expect(fake.inputsOf('recordCoreSetState').map((state) => state.status)).toEqual(['running', 'awaiting_review', 'cancelled']);
    expect(fake.inputsOf('recordReviewDecision').map((decision) => decision.decision)).toEqual(['withdrawn']);
    expect(fake.inputsOf('recordRunCost').map((cost) => cost.outcome)).toEqual(['cancelled']);
  });
  it('ends a cancelled run only after every angle has cleaned up, however slow the withdrawal', async () => {
    const events: string[] = [];
    const fake = recorded(
      fakePipelineActivities({
        consistency: () => 50,
        overrides: {
          // Angle 0 is still being drawn when the run is cancelled; its lane has nothing to clean up and ends first.
          generateCandidate: async (request) => {
            if (request.prompt.includes('(0°)')) await new Promise((resolve) => setTimeout(resolve, 3_000));
            return fakePipelineActivities({ consistency: () => 50 }).generateCandidate(request);
          },
          recordReviewDecision: async ({ decision }) => {
            await new Promise((resolve) => setTimeout(resolve, 1_500));
            events.push(`review: ${decision}`);
          },
          recordCoreSetState: async ({ status }) => {
            events.push(`state: ${status}`);
          },
          recordRunCost: async ({ outcome }) => {
            events.push(`cost: ${outcome}`);
            return { totalUsd: 0, acceptedImages: 0 };
          },
        },
      }),
    );
    const status = await environment.withWorker(fake.activities, async (taskQueue) => {
      const handle = await start(taskQueue, 'core-set:cancel-slow-withdrawal', [0, 180]);
      await awaitingReview(handle);
      await handle.cancel();
      await handle.result().catch(() => undefined);
      return (await handle.describe()).status.name;
    });

    expect(status).toBe('CANCELLED');
    expect(events).toEqual(['state: running', 'state: awaiting_review', 'review: withdrawn', 'state: cancelled', 'cost: cancelled']);
  });
});
