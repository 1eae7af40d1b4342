import { Context } from '@temporalio/activity';
import { WorkflowFailedError } from '@temporalio/client';
import type { MasterReferenceActivities } from '../../activities/master-reference/activities';
import { toActivityFailure } from '../../activities/errors';
import { PermanentServiceError, TransientServiceError } from '../../clients/errors';
import type { coreSetWorkflow, masterReferenceWorkflow } from '../../workflows';
import { startWorkflowTestEnvironment, type WorkflowTestEnvironment } from './environment';
import { fakePipelineActivities } from './pipeline-fakes';
import { recorded } from './recorder';

/**
 * How service failures reach the workflows: activities classify them exactly as production does (toActivityFailure),
 * Temporal retries the transient ones without costing an attempt, and a permanent one fails the run with its reason.
 */
describe('activity failures in workflows', () => {
  let environment: WorkflowTestEnvironment;

  beforeAll(async () => {
    environment = await startWorkflowTestEnvironment();
  });

  afterAll(async () => {
    await environment?.teardown();
  });

  const startCoreSet = (taskQueue: string, workflowId: string, angles: number[]) =>
    environment.env.client.workflow.start<typeof coreSetWorkflow>('coreSetWorkflow', {
      taskQueue,
      workflowId,
      args: [{ characterDocId: 7, characterId: 'ada', angles }],
    });

  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the workflow to fail');
      },
      (error: unknown) => error as WorkflowFailedError,
    );

  it('retries an image-model rate limit, honouring its delay, without costing an attempt', async () => {
    const activities = fakePipelineActivities();
    const generate = activities.generateCandidate;
    const attempts: number[] = [];
    activities.generateCandidate = async (request) => {
      attempts.push(Context.current().info.attempt);
      if (attempts.length <= 2) {
        const limited = new TransientServiceError('Image model rate limited (429)', {
          service: 'gemini',
          status: 429,
          code: 'rate_limited',
          retryAfterMs: 30_000,
        });
        throw toActivityFailure(limited);
      }
      return generate(request);
    };
    const fake = recorded(activities);
    const { result, elapsedMs } = await environment.withWorker(fake.activities, async (taskQueue) => {
      const handle = await startCoreSet(taskQueue, 'core-set:transient', [45]);
      const result = await handle.result();
      const { startTime, closeTime } = await handle.describe();
      return { result, elapsedMs: closeTime!.getTime() - startTime.getTime() };
    });

    expect(attempts).toEqual([1, 2, 3]);
    // Two waits of the server's 30 s, not the retry policy's 2 s and 4 s.
    expect(elapsedMs).toBeGreaterThanOrEqual(60_000);
    expect(result.status).toBe('complete');
    expect(result.angles).toEqual([expect.objectContaining({ angle: 45, state: 'passed', attempt: 1, generations: 1 })]);
  });

  it('ends one angle that fails permanently with its reason; the others go on and the run ends incomplete', async () => {
    const reason = 'Image model refused the request: the reference image is not a valid PNG';
    const activities = fakePipelineActivities();
    const generate = activities.generateCandidate;
    activities.generateCandidate = async (request) => {
      if (request.generationKey.includes(':90:')) {
        throw toActivityFailure(new PermanentServiceError(reason, { service: 'gemini', status: 400, code: 'caller_bug' }));
      }
      return generate(request);
    };
    const fake = recorded(activities);
    const result = await environment.withWorker(fake.activities, (taskQueue) =>
      startCoreSet(taskQueue, 'core-set:permanent', [0, 90]).then((handle) => handle.result()),
    );

    expect(result.status).toBe('incomplete');
    expect(result.angles.map((angle) => [angle.angle, angle.state])).toEqual([
      [0, 'passed'],
      [90, 'failed'],
    ]);
    expect(result.angles[1]!.reason).toBe(reason);
    expect(fake.inputsOf('generateCandidate').filter((request) => request.generationKey.includes(':90:'))).toHaveLength(1);
    expect(fake.inputsOf('recordCoreSetState').at(-1)).toMatchObject({ characterDocId: 7, status: 'incomplete' });
    expect(fake.inputsOf('recordRunCost').map((cost) => cost.outcome)).toEqual(['incomplete']);
  });

  it('fails a master-reference run on an unreadable image and writes the reason where people look', async () => {
    const reason = 'Analysis service cannot decode the image (422)';
    const fake = recorded<MasterReferenceActivities>({
      verifyMasterIsCurrent: async () => ({ current: true }),
      markMasterIngestStarted: async () => undefined,
      registerMasterWithAnalysis: async () => ({ dinoAssetId: 'asset-1' }),
      extractMasterFeatures: async () => {
        throw toActivityFailure(new PermanentServiceError(reason, { service: 'dino', status: 422, code: 'invalid_image' }));
      },
      measureMasterQuality: async () => ({ qualityScore: 90, notes: '' }),
      recordMasterIngestReady: async () => ({ recordedOnCharacter: true }),
      recordMasterIngestFailed: async () => undefined,
    });
    const error = await environment.withWorker(fake.activities, (taskQueue) =>
      failureOf(
        environment.env.client.workflow.execute<typeof masterReferenceWorkflow>('masterReferenceWorkflow', {
          taskQueue,
          workflowId: 'master-reference:ada:3',
          args: [{ characterDocId: 7, characterId: 'ada', mediaId: 3 }],
        }),
      ),
    );

    expect(error.cause).toMatchObject({ type: 'MasterIngestFailed', message: reason });
    expect(fake.inputsOf('extractMasterFeatures')).toHaveLength(1);
    expect(fake.inputsOf('recordMasterIngestFailed')).toEqual([{ characterDocId: 7, characterId: 'ada', mediaId: 3, error: reason }]);
    expect(fake.inputsOf('recordMasterIngestReady')).toEqual([]);
  });
});
