import { readFile } from 'node:fs/promises';
import { temporal } from '@temporalio/proto';
import type { WorkflowHandle } from '@temporalio/client';
import { PROGRESS_QUERY } from '../../contracts';
import type { AngleProgress, CoreSetProgress } from '../../contracts/workflow-types';
import { renderCharacter, randomLook } from '../../local-services/gemini/renderer';
import { createCharacterWithMaster } from '../../test-system/characters';
import { queueFaults } from '../../test-system/gemini-control';
import type { Json } from '../../test-system/json';
import { waitFor } from '../../test-system/ports';
import { startTestSystem, type TestSystem } from '../../test-system/system';
import { startPollingWorkers, type WorkerProcess } from '../../test-system/worker-process';
import { fromGlobalSetup } from '../support/from-global-setup';

const { EventType, PendingActivityState } = temporal.api.enums.v1;
/** How long each angle's first model call takes. */
const FIRST_CALLS_MS = 20_000;

/**
 * The production topology in small: two worker processes on one task queue of one Temporal server (the shape of
 * `npm run start:production` and `docker compose up --scale worker=2`). One of them is killed -9 while an image
 * generation is running on it; the other takes that activity over (after its heartbeat timeout) and finishes the
 * core set. Every angle ends accepted or waiting for review, and nothing is lost or saved twice. On the database the
 * suite runs on: SQLite under `npm test`, FerretDB under `npm run test:mongodb`.
 */
describe('two workers, one killed mid-run', () => {
  let system: TestSystem;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    // A slow model keeps generations in flight long enough to catch one running.
    system = await startTestSystem({ ...fromGlobalSetup(), geminiLatencyMs: 1500 });
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await system?.stop();
  });

  /** The process group (the `tsx` launcher and its node child) a Temporal worker identity (`pid@host`) belongs to. */
  async function processGroupOf(identity: string): Promise<number | undefined> {
    const pid = Number(identity.split('@')[0]);
    if (!Number.isInteger(pid)) return undefined;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
    // Fields after the parenthesised command name: state, ppid, pgrp, …
    return stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) : undefined;
  }

  async function generationRunningOnAWorker(handle: WorkflowHandle) {
    const { raw } = await handle.describe();
    for (const activity of raw.pendingActivities ?? []) {
      if (activity.activityType?.name !== 'generateCandidate') continue;
      if (activity.state !== PendingActivityState.PENDING_ACTIVITY_STATE_STARTED || !activity.lastWorkerIdentity) continue;
      const group = await processGroupOf(activity.lastWorkerIdentity);
      const victim = workers.find((worker) => worker.pid() === group);
      if (victim) return { activityId: activity.activityId!, identity: activity.lastWorkerIdentity, victim };
    }
    return undefined;
  }

  it('the surviving worker finishes the core set: every angle accepted or in review, none lost or duplicated', async () => {
    workers.push(...(await startPollingWorkers(2, () => system.spawnWorkerProcess())));

    const editor = await system.session('editor');
    const master = await renderCharacter(randomLook(1313), 0, { width: 768, height: 1024 });
    const character = await createCharacterWithMaster(
      editor,
      { name: 'Ida Marsh' },
      { bytes: master, filename: 'ida.png', mimeType: 'image/png' },
    );
    await waitFor(
      'master ready',
      async () => (await editor.request('GET', `/api/characters/${character.id}?depth=0`)).body.masterIngest.status === 'ready',
      90_000,
      500,
    );

    // Every angle's first call waits long at the model: the generation found running on a worker is still running when
    // that worker is killed, however slow the machine is between finding it and the kill.
    await queueFaults(
      system.gemini.url,
      Array.from({ length: 8 }, () => ({ fault: 'slow', delayMs: FIRST_CALLS_MS, match: 'Ida Marsh' })),
    );
    const started = await editor.request('POST', `/api/characters/${character.id}/core-set`, {});
    expect(started.status).toBe(201);
    const handle = system.temporal.workflow.getHandle(started.body.workflowId);

    const running = await waitFor(
      'an image generation running on one of the workers',
      () => generationRunningOnAWorker(handle),
      120_000,
      100,
    );
    await running.victim.kill();
    const survivor = workers.find((worker) => worker !== running.victim)!;
    const countImages = async () =>
      (await system.admin.request('GET', `/api/character-images?where[character][equals]=${character.id}&limit=0`)).body
        .totalDocs as number;
    expect(await countImages()).toBeLessThan(8);

    // Only the survivor can answer the query now: its answer is the run's state as the surviving worker sees it.
    const settled = new Set<AngleProgress['state']>(['passed', 'approved', 'awaiting_review']);
    const progress = await waitFor(
      'every angle accepted or waiting for review',
      async () => {
        if (survivor.exitedUnexpectedly()) throw new Error(`the surviving worker exited:\n${survivor.output()}`);
        const current = await handle.query<CoreSetProgress>(PROGRESS_QUERY);
        return current.angles.length === 8 && current.angles.every((angle) => settled.has(angle.state)) ? current : undefined;
      },
      300_000,
      1_000,
    );
    expect(progress.angles.map((angle) => angle.angle).sort((a, b) => a - b)).toEqual([0, 45, 90, 135, 180, 225, 270, 315]);

    // The generation that was running on the killed worker was finished by the other one, on a later attempt.
    const { events } = await handle.fetchHistory();
    const scheduled = events!.find(
      (event) =>
        event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED &&
        event.activityTaskScheduledEventAttributes?.activityId === running.activityId,
    )!;
    const takenOver = events!.find(
      (event) =>
        event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED &&
        String(event.activityTaskStartedEventAttributes?.scheduledEventId) === String(scheduled.eventId),
    );
    expect(takenOver?.activityTaskStartedEventAttributes?.identity).not.toBe(running.identity);
    expect(takenOver?.activityTaskStartedEventAttributes?.attempt).toBeGreaterThan(1);

    const { body } = await system.admin.request('GET', `/api/character-images?where[character][equals]=${character.id}&limit=100&depth=0`);
    const images = body.docs as Json[];
    expect(images).toHaveLength(8);
    expect(new Set(images.map((image) => image.angle)).size).toBe(8);
    expect(new Set(images.map((image) => image.generationKey)).size).toBe(8);
    // Each kept image says what the run says about its angle: accepted as it passed, or waiting for a reviewer.
    const reviewStatusOf = { passed: 'not_required', approved: 'approved', awaiting_review: 'awaiting_review' } as Record<string, string>;
    const expected = Object.fromEntries(progress.angles.map((angle) => [angle.angle, reviewStatusOf[angle.state]]));
    expect(Object.fromEntries(images.map((image) => [image.angle, image.review?.status]))).toEqual(expected);
    const { body: media } = await system.admin.request(
      'GET',
      `/api/media?where[generationKey][like]=core:${character.characterId}:&limit=0`,
    );
    expect(media.totalDocs).toBe(8);
    expect(survivor.exitedUnexpectedly()).toBe(false);
  }, 480_000);
});
