import {
  CORE_SET_ANGLES,
  madeForEarlierMasterReason,
  PROGRESS_QUERY,
  REVIEW_SIGNALS,
  workflowIds,
  type AngleProgress,
  type CoreSetProgress,
  type ReviewSignalPayload,
} from '../../contracts';
import { createPayloadRestClient } from '../../clients/payload/client';
import { renderCharacter, randomLook } from '../../local-services/gemini/renderer';
import { createCharacterWithMaster, waitForMasterReady, workflowResult, type CreatedCharacter } from '../../test-system/characters';
import { clearFaults, queueFaults, standInStats } from '../../test-system/gemini-control';
import { waitFor } from '../../test-system/ports';
import { RestSession } from '../../test-system/rest';
import { recordHistory } from '../support/histories';
import { runResult, workerTail } from '../support/run-result';
import { startTestSystem, type TestSystem } from '../../test-system/system';
import { fromGlobalSetup } from '../support/from-global-setup';
import type { Json } from '../../test-system/json';
import jestConfig from '../../jest.config.js';

/**
 * The 360° core set end to end: Payload REST → Temporal → worker → image-model and analysis stand-ins → Payload.
 * Faults are scripted on the image-model stand-in per request (matched by the angle named in the prompt).
 */
describe('360° core set', () => {
  let system: TestSystem;
  let editor: RestSession;
  let reviewer: RestSession;
  let seed = 100;

  beforeAll(async () => {
    system = await startTestSystem(fromGlobalSetup());
    await system.startWorker();
    editor = await system.session('editor');
    reviewer = await system.session('reviewer');
  });

  afterAll(async () => {
    await system?.stop();
  });

  afterEach(async () => {
    await clearFaults(system.gemini.url);
  });

  // Waits end a little before Jest's own timeout (jest.config.js), so a stuck test fails with what it waited for.
  let testStarted = Date.now();
  beforeEach(() => {
    testStarted = Date.now();
  });
  const timeLeftMs = (atMostMs: number) =>
    Math.max(1_000, Math.min(atMostMs, jestConfig.testTimeout - 15_000 - (Date.now() - testStarted)));

  async function characterReadyForCoreSet(name: string): Promise<CreatedCharacter> {
    const master = await renderCharacter(randomLook(seed++), 0, { width: 768, height: 1024 });
    const character = await createCharacterWithMaster(
      editor,
      { name, physicalDescription: 'Tall, short dark hair.', clothing: 'A red jacket and dark trousers.' },
      { bytes: master, filename: `${name}.png`, mimeType: 'image/png' },
    );
    await waitForMasterReady(system.temporal, character);
    return character;
  }

  async function startCoreSet(character: CreatedCharacter, body: Record<string, unknown> = {}) {
    const response = await editor.request('POST', `/api/characters/${character.id}/core-set`, body);
    expect([200, 201]).toContain(response.status);
    return response.body as { workflowId: string; runId: string; url: string; joinedExisting: boolean };
  }

  async function galleryOf(character: CreatedCharacter) {
    const { body } = await system.admin.request(
      'GET',
      `/api/character-images?where[character][equals]=${character.id}&limit=100&depth=0&sort=angle`,
    );
    return body.docs as Json[];
  }

  async function progressOf(workflowId: string): Promise<CoreSetProgress> {
    return system.temporal.workflow.getHandle(workflowId).query<CoreSetProgress>(PROGRESS_QUERY);
  }

  /**
   * Off-model faults that flag the given angles, `attempts` times each, with spares: the stand-in spends a fault per
   * request, and a generation activity retried after the model had answered (a Payload write refused under load) asks
   * the model again, which without a spare would draw a clean image and pass the angle a test needs flagged.
   */
  async function queueOffModel(angles: number[], attempts = 1) {
    const spares = 2;
    await queueFaults(
      system.gemini.url,
      angles.flatMap((angle) => Array.from({ length: attempts + spares }, () => ({ fault: 'off_model' as const, match: `(${angle}°)` }))),
    );
  }

  /** The run's result; past the deadline, a failure naming each angle's state, the run's pending steps and the worker's last lines. */
  async function resultOf(workflowId: string) {
    return runResult(system, workflowId, { deadlineMs: timeLeftMs(300_000), progress: async () => (await progressOf(workflowId)).angles });
  }

  async function waitForAngleState(workflowId: string, angle: number, state: string) {
    let lastSeen: unknown;
    try {
      return await waitFor(
        `angle ${angle} to be ${state}`,
        async () => {
          const progress = await progressOf(workflowId);
          lastSeen = progress.angles.find((entry) => entry.angle === angle);
          return progress.angles.find((entry) => entry.angle === angle && entry.state === state);
        },
        timeLeftMs(240_000),
        500,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; last seen: ${JSON.stringify(lastSeen)}\n${workerTail(system)}`);
    }
  }

  it('generates all eight angles in parallel, each passing its own threshold, and joins a second request', async () => {
    const character = await characterReadyForCoreSet('Ada Quill');
    const run = await startCoreSet(character);
    expect(run.workflowId).toBe(workflowIds.coreSet(character.characterId));
    expect(run.url).toContain(encodeURIComponent(run.workflowId));
    const second = await startCoreSet(character);
    expect(second.runId).toBe(run.runId);
    expect(second.joinedExisting).toBe(true);

    const result = await resultOf(run.workflowId);
    expect(
      result.angles
        .filter((angle: AngleProgress) => angle.state !== 'passed')
        .map((angle: AngleProgress) => `${angle.angle}°: ${angle.reason}`),
    ).toEqual([]);
    expect(result.status).toBe('complete');

    const gallery = await galleryOf(character);
    expect(gallery.map((image) => image.angle)).toEqual([...CORE_SET_ANGLES]);
    for (const image of gallery) {
      expect(image).toMatchObject({ kind: 'core', isCoreReference: true, dinoProcessingStatus: 'validation_success' });
      expect(image.consistencyScore).toBeGreaterThanOrEqual(image.measurements.consistencyThreshold);
      expect(image.consistencyScore).toBeCloseTo(100 * Math.max(0, image.measurements.cosine), 0);
      expect(image.measurements.engineId).toBeTruthy();
      expect(image.qualityScore).toBeGreaterThanOrEqual(image.measurements.qualityThreshold);
      expect(image.provenance.prompt).toContain(`(${image.angle}°)`);
      expect(image.provenance.model).toBe('gemini-3.1-flash-image');
      expect(image.provenance.usage.totalTokens).toBeGreaterThan(0);
      expect(image.workflowId).toBe(run.workflowId);
    }
    expect(new Set(gallery.map((image) => image.generationKey)).size).toBe(8);

    const { body: after } = await editor.request('GET', `/api/characters/${character.id}?depth=0`);
    expect(after.coreSet.status).toBe('complete');
    expect(after.coreSet.workflowUrl).toContain(encodeURIComponent(run.workflowId));
  });

  it('retries 429 and 500 from the model, and an off-model angle passes on a later attempt', async () => {
    const character = await characterReadyForCoreSet('Bo Tanaka');
    await queueFaults(system.gemini.url, [
      { fault: '429', match: '(45°)', retryDelaySeconds: 1 },
      { fault: '500', match: '(135°)' },
      { fault: 'off_model', match: '(90°)' },
    ]);
    const run = await startCoreSet(character, { maxAttempts: 3 });
    const result = await resultOf(run.workflowId);
    expect(result.status).toBe('complete');
    const gallery = await galleryOf(character);
    const byAngle = new Map(gallery.map((image) => [image.angle, image]));
    expect(byAngle.get(90).provenance.attempt).toBe(2);
    // Transport faults are retried by Temporal inside one attempt; they do not cost an attempt.
    expect(byAngle.get(45).provenance.attempt).toBe(1);
    expect(byAngle.get(135).provenance.attempt).toBe(1);
    const stats = await standInStats(system.gemini.url);
    expect(JSON.stringify(stats)).toMatch(/429/);
    // The off-model attempt was discarded: only the eight kept images remain as generated media.
    const { body: media } = await system.admin.request(
      'GET',
      `/api/media?where[generationKey][like]=core:${character.characterId}:&limit=100&depth=0`,
    );
    expect(media.totalDocs).toBe(8);
  });

  it('a model that ignores the asked view: no side or back angle passes, each is flagged as the wrong view', async () => {
    const character = await characterReadyForCoreSet('Fen Okafor');
    await fetch(`${system.gemini.url}/_control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rates: { front_view: 1 } }),
    });
    const turned = [90, 135, 180, 225, 270];
    const run = await startCoreSet(character, { maxAttempts: 1, angles: turned });
    for (const angle of turned) {
      const flagged = await waitForAngleState(run.workflowId, angle, 'awaiting_review');
      const { body: image } = await system.admin.request('GET', `/api/character-images/${flagged.imageId}?depth=0`);
      expect(image.isCoreReference).toBe(false);
      expect(image.measurements.reasons).toContain('view');
      expect(image.validationNotes).toMatch(/not the view asked for/);
    }
    expect((await progressOf(run.workflowId)).angles.filter((angle) => angle.state === 'passed')).toEqual([]);
    await system.temporal.workflow.getHandle(run.workflowId).terminate('test finished');
  }, 600_000);

  it('a new master retires the core set made for the old one: references and the sheet use only the new set', async () => {
    const character = await characterReadyForCoreSet('Ivo Brandt');
    const first = await startCoreSet(character, { angles: [0, 90] });
    expect((await resultOf(first.workflowId)).status).toBe('complete');
    const oldImages = (await galleryOf(character)).filter((image) => image.kind === 'core');
    expect(oldImages.map((image) => [image.angle, image.isCoreReference, image.madeForMaster])).toEqual([
      [0, true, character.masterMediaId],
      [90, true, character.masterMediaId],
    ]);

    const newMaster = await editor.uploadImage(
      await renderCharacter(randomLook(seed++), 0, { width: 768, height: 1024 }),
      'ivo-v2.png',
      'image/png',
    );
    expect((await editor.request('PATCH', `/api/characters/${character.id}`, { masterReferenceImage: newMaster.body.doc.id })).status).toBe(
      200,
    );
    await workflowResult(system.temporal, workflowIds.masterReference(character.characterId, newMaster.body.doc.id));

    const retired = (await galleryOf(character)).filter((image) => image.kind === 'core');
    for (const image of retired) {
      expect(image.isCoreReference).toBe(false);
      expect(image.retired.reason).toBe(madeForEarlierMasterReason(character.masterMediaId, newMaster.body.doc.id));
    }
    expect((await editor.request('GET', `/api/characters/${character.id}/turnaround`)).status).toBe(409);
    expect((await editor.request('POST', `/api/characters/${character.id}/shots`, { prompt: 'Ivo waving' })).status).toBe(409);

    // An angle of a run for the old master saved after the switch, then approved: the save itself keeps it out.
    const worker = RestSession.withApiKey(system.payload.url, system.payload.workerApiKey);
    const late = await worker.request('POST', '/api/character-images?depth=0', {
      generationKey: `core:${character.characterId}:late-save:45:attempt-1`,
      character: character.id,
      kind: 'core',
      angle: 45,
      imageFile: oldImages[0]!.imageFile,
      madeForMaster: character.masterMediaId,
      isCoreReference: true,
    });
    expect(late.status).toBe(201);
    expect(late.body.doc).toMatchObject({
      isCoreReference: false,
      retired: { reason: madeForEarlierMasterReason(character.masterMediaId, newMaster.body.doc.id) },
    });
    const approval = await worker.request('PATCH', `/api/character-images/${late.body.doc.id}?depth=0`, { isCoreReference: true });
    expect(approval.status).toBe(200);
    expect(approval.body.doc.isCoreReference).toBe(false);

    const second = await startCoreSet(character, { angles: [0] });
    expect((await resultOf(second.workflowId)).status).toBe('complete');
    const current = (await galleryOf(character)).filter((image) => image.isCoreReference);
    expect(current.map((image) => [image.angle, image.madeForMaster])).toEqual([[0, newMaster.body.doc.id]]);
    expect((await editor.request('GET', `/api/characters/${character.id}/turnaround`)).status).toBe(200);
  });

  it('an angle the model refuses ends alone with its reason; the other seven pass and the run ends incomplete', async () => {
    const character = await characterReadyForCoreSet('Pia Lundqvist');
    await queueFaults(system.gemini.url, [{ fault: '400', match: '(180°)' }]);
    const run = await startCoreSet(character, { maxAttempts: 1 });
    const result = await resultOf(run.workflowId);
    expect(result.status).toBe('incomplete');
    const refused = result.angles.find((angle: AngleProgress) => angle.angle === 180);
    expect(refused.state).toBe('failed');
    expect(refused.reason).toMatch(/invalid argument/i);
    await recordHistory(system.temporal, run.workflowId, 'core-set-lane-fails-alone');
    expect(result.angles.filter((angle: AngleProgress) => angle.angle !== 180).map((angle: AngleProgress) => angle.state)).toEqual(
      new Array(7).fill('passed'),
    );
    const { body } = await editor.request('GET', `/api/characters/${character.id}?depth=0`);
    expect(body.coreSet.status).toBe('incomplete');
    expect(body.coreSet.error).toMatch(/180°: failed/);
    const { body: costs } = await system.admin.request('GET', `/api/generation-runs?where[runId][equals]=${run.runId}&depth=0`);
    expect(costs.docs).toHaveLength(1);
    expect(costs.docs[0]).toMatchObject({ outcome: 'incomplete', attempts: 7 });
  });

  it('cancelling a run discards its candidates, withdraws flagged images from review and leaves a final state', async () => {
    const character = await characterReadyForCoreSet('Rafe Okonkwo');
    // One angle is flagged and waits for review, the others are still being drawn when the run is cancelled.
    await queueOffModel([0]);
    await queueFaults(
      system.gemini.url,
      [45, 90, 135].map((angle) => ({ fault: 'slow', delayMs: 60_000, match: `(${angle}°)` })),
    );
    const run = await startCoreSet(character, { maxAttempts: 1, angles: [0, 45, 90, 135] });
    const flagged = await waitForAngleState(run.workflowId, 0, 'awaiting_review');
    await system.temporal.workflow.getHandle(run.workflowId).cancel();
    await expect(system.temporal.workflow.getHandle(run.workflowId).result()).rejects.toThrow();
    await recordHistory(system.temporal, run.workflowId, 'core-set-cancelled');

    const { body: image } = await system.admin.request('GET', `/api/character-images/${flagged.imageId}?depth=0`);
    expect(image.review.status).toBe('withdrawn');
    expect(image.review.note).toMatch(/cancelled/);
    const { body: queue } = await system.admin.request(
      'GET',
      `/api/character-images?where[review.status][equals]=awaiting_review&where[character][equals]=${character.id}&depth=0`,
    );
    expect(queue.docs).toEqual([]);
    const { body: candidates } = await system.admin.request(
      'GET',
      `/api/media?where[generationKey][like]=${encodeURIComponent(run.runId)}&depth=0&limit=50`,
    );
    const kept = new Set([String(image.imageFile)]);
    expect(candidates.docs.map((media: Json) => String(media.id)).filter((id: string) => !kept.has(id))).toEqual([]);
    const { body: after } = await editor.request('GET', `/api/characters/${character.id}?depth=0`);
    expect(after.coreSet.status).toBe('cancelled');
    const { body: costs } = await system.admin.request('GET', `/api/generation-runs?where[runId][equals]=${run.runId}&depth=0`);
    expect(costs.docs[0]).toMatchObject({ outcome: 'cancelled' });
  });

  it('flags an angle that keeps failing and takes a reviewer decision: approve', async () => {
    const character = await characterReadyForCoreSet('Cy Moreau');
    await queueOffModel([180], 2);
    const run = await startCoreSet(character, { maxAttempts: 2, angles: [0, 180] });
    const flagged = await waitForAngleState(run.workflowId, 180, 'awaiting_review');
    const { body: image } = await system.admin.request('GET', `/api/character-images/${flagged.imageId}?depth=0`);
    expect(image.dinoProcessingStatus).toBe('validation_failed');
    expect(image.review.status).toBe('awaiting_review');
    expect(image.validationNotes).toMatch(/below the threshold/);
    expect(image.isCoreReference).toBe(false);

    // Roles: nobody but reviewers and admins decide; only an image awaiting review can be decided on.
    expect(
      (await RestSession.anonymous(system.payload.url).request('POST', `/api/character-images/${image.id}/review`, { decision: 'approve' }))
        .status,
    ).toBe(401);
    expect((await editor.request('POST', `/api/character-images/${image.id}/review`, { decision: 'approve' })).status).toBe(403);
    expect((await reviewer.request('POST', `/api/character-images/999999/review`, { decision: 'approve' })).status).toBe(404);
    expect((await reviewer.request('POST', `/api/character-images/${image.id}/review`, { decision: 'maybe' })).status).toBe(400);

    const decision = await reviewer.request('POST', `/api/character-images/${image.id}/review`, {
      decision: 'approve',
      note: 'Back view is right.',
    });
    expect(decision.status).toBe(200);
    const result = await resultOf(run.workflowId);
    expect(result.status).toBe('complete');
    expect(result.angles.find((angle: AngleProgress) => angle.angle === 180).state).toBe('approved');
    await recordHistory(system.temporal, run.workflowId, 'core-set-review-approve');
    // Bookkeeping is scheduled, not local: a local activity would hold the workflow task open while Payload writes
    // (docs/architecture.md). Its steps appear as scheduled activities, and no local-activity marker is recorded.
    const events = (await system.temporal.workflow.getHandle(run.workflowId).fetchHistory()).events ?? [];
    const scheduled = new Set(events.map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name).filter(Boolean));
    expect([...scheduled]).toEqual(
      expect.arrayContaining(['loadCoreSetContext', 'saveGalleryImage', 'recordReviewDecision', 'recordRunCost']),
    );
    expect(events.filter((event) => event.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toEqual([]);
    const { body: decided } = await system.admin.request('GET', `/api/character-images/${image.id}?depth=0`);
    expect(decided.review).toMatchObject({ status: 'approved', note: 'Back view is right.' });
    expect(decided.review.decidedByLabel).toMatch(/^reviewer-/);
    // The app attested the decision, so it names the reviewer's Payload account.
    expect(decided.review.decidedBy).toBeTruthy();
    expect(decided.review.decidedAt).toBeTruthy();
    expect(decided.isCoreReference).toBe(true);
    expect((await reviewer.request('POST', `/api/character-images/${image.id}/review`, { decision: 'reject' })).status).toBe(409);
  });

  it('retry with a prompt adjustment runs new attempts; reject by CLI-style signal ends the angle', async () => {
    const character = await characterReadyForCoreSet('Dee Okafor');
    await queueOffModel([90, 270]);
    const run = await startCoreSet(character, { maxAttempts: 1, angles: [90, 270] });
    const first = await waitForAngleState(run.workflowId, 90, 'awaiting_review');
    const second = await waitForAngleState(run.workflowId, 270, 'awaiting_review');
    // The retried attempt must draw a clean image: no spare fault may be left for it.
    await clearFaults(system.gemini.url);

    const retried = await reviewer.request('POST', `/api/character-images/${first.imageId}/review`, {
      decision: 'retry',
      promptAdjustment: 'Keep the red jacket.',
    });
    expect(retried.status).toBe(200);
    // An operator without the admin: the same decision as a plain signal, as `temporal workflow signal` sends it. It
    // claims a Payload user it cannot prove: the record keeps the operator's words and names no account.
    const rejection: ReviewSignalPayload = {
      imageId: second.imageId!,
      reviewer: 'ops@studio.example',
      reviewerUserId: 1,
      note: 'Wrong character.',
    };
    await system.temporal.workflow.getHandle(run.workflowId).signal<[ReviewSignalPayload]>(REVIEW_SIGNALS.reject, rejection);

    const result = await resultOf(run.workflowId);
    const states = Object.fromEntries(result.angles.map((angle: AngleProgress) => [angle.angle, angle.state]));
    expect(states).toEqual({ 90: 'passed', 270: 'rejected' });
    await recordHistory(system.temporal, run.workflowId, 'core-set-retry-then-reject');
    expect(result.status).toBe('incomplete');
    const gallery = await galleryOf(character);
    const retriedImage = gallery.find((image) => image.id === first.imageId);
    expect(retriedImage.review.status).toBe('retry_requested');
    const passed = gallery.find((image) => image.angle === 90 && image.id !== first.imageId);
    expect(passed.provenance.prompt).toContain('Keep the red jacket.');
    expect(passed.isCoreReference).toBe(true);
    const rejected = gallery.find((image) => image.id === second.imageId);
    expect(rejected.review).toMatchObject({
      status: 'rejected',
      decidedByLabel: 'via Temporal, by ops@studio.example',
      decidedBy: null,
      note: 'Wrong character.',
    });
    const { body: after } = await editor.request('GET', `/api/characters/${character.id}?depth=0`);
    expect(after.coreSet.status).toBe('incomplete');
    expect(after.coreSet.error).toMatch(/270°: rejected/);
  });

  it('a review that times out leaves the image out of the core set', async () => {
    const original = (await system.admin.request('GET', '/api/globals/qa-settings')).body;
    await system.admin.request('POST', '/api/globals/qa-settings', { reviewTimeoutHours: 0.0005 });
    try {
      const character = await characterReadyForCoreSet('Eli Ross');
      await queueOffModel([45]);
      const run = await startCoreSet(character, { maxAttempts: 1, angles: [45] });
      const result = await resultOf(run.workflowId);
      expect(result.angles[0].state).toBe('timed_out');
      const [image] = await galleryOf(character);
      expect(image.review.status).toBe('timed_out');
      expect(image.isCoreReference).toBe(false);
    } finally {
      await system.admin.request('POST', '/api/globals/qa-settings', { reviewTimeoutHours: original.reviewTimeoutHours });
    }
  });

  it('a blocked prompt ends that angle with a readable reason', async () => {
    const character = await characterReadyForCoreSet('Fay Lin');
    await queueFaults(system.gemini.url, [{ fault: 'blocked_prompt', match: '(270°)' }]);
    const run = await startCoreSet(character, { angles: [0, 270] });
    const result = await resultOf(run.workflowId);
    const blocked = result.angles.find((angle: AngleProgress) => angle.angle === 270);
    expect(blocked.state).toBe('blocked');
    expect(blocked.reason).toMatch(/blocked the prompt \(SAFETY\)/);
    const { body: after } = await editor.request('GET', `/api/characters/${character.id}?depth=0`);
    expect(after.coreSet.error).toMatch(/270°: blocked/);
  });

  it('refuses a core set for a character without an ingested master, and for the wrong role', async () => {
    const bare = await editor.request('POST', '/api/characters', { name: 'No Master' });
    const response = await editor.request('POST', `/api/characters/${bare.body.doc.id}/core-set`, {});
    expect(response.status).toBe(409);
    expect(response.body.error).toMatch(/no ingested master reference/);
    expect((await reviewer.request('POST', `/api/characters/${bare.body.doc.id}/core-set`, {})).status).toBe(403);
    expect(
      (await RestSession.anonymous(system.payload.url).request('POST', `/api/characters/${bare.body.doc.id}/core-set`, {})).status,
    ).toBe(401);
  });

  it('eight parallel gallery saves to one character lose nothing', async () => {
    const character = await characterReadyForCoreSet('Gus Park');
    const worker = new RestSessionForService(system.payload.url, system.payload.workerApiKey);
    const saves = await Promise.all(
      CORE_SET_ANGLES.map((angle) =>
        worker.post('/api/character-images', {
          character: character.id,
          kind: 'core',
          angle,
          imageFile: character.masterMediaId,
          generationKey: `parallel:${character.characterId}:${angle}`,
        }),
      ),
    );
    expect(saves.map((save) => save.status)).toEqual(Array(8).fill(201));
    const { body } = await editor.request('GET', `/api/characters/${character.id}?depth=1&joins[imageGallery][limit]=20`);
    expect(body.imageGallery.docs).toHaveLength(8);
    // The same key again is refused by the unique index rather than duplicated.
    const duplicate = await worker.post('/api/character-images', {
      character: character.id,
      kind: 'core',
      angle: 0,
      imageFile: character.masterMediaId,
      generationKey: `parallel:${character.characterId}:0`,
    });
    expect(duplicate.status).toBe(400);
  });

  it("records runs' states on one character at the same moment without undoing each other, and never a run's older state over its newer one", async () => {
    const worker = createPayloadRestClient({ baseUrl: system.payload.url, apiKey: system.payload.workerApiKey });
    const created = await editor.request('POST', '/api/characters', { name: 'Rena States' });
    expect(created.status).toBe(201);
    const id = created.body.doc.id;
    const read = async () => (await editor.request('GET', `/api/characters/${id}?depth=0`)).body;
    const before = await read();

    // Three runs record at once, ten times over (the character's own persona sync may record beside them): each group
    // must hold its own run's last value.
    for (let round = 0; round < 10; round++) {
      await Promise.all([
        worker.recordPipelineState(id, { masterIngest: { status: 'processing', mediaId: `m${round}`, runId: `ingest-${round}` } }),
        worker.recordPipelineState(id, { coreSet: { status: 'running', runId: `core-${round}`, workflowId: 'core-set:rena' } }),
        worker.recordPipelineState(id, { costs: { totalUsd: round, acceptedImages: round } }),
      ]);
      const after = await read();
      expect([after.masterIngest.mediaId, after.coreSet.runId, after.costs.totalUsd]).toEqual([`m${round}`, `core-${round}`, round]);
    }

    // A group's values that were not sent stay as stored.
    await worker.recordPipelineState(id, { masterIngest: { status: 'ready', runId: 'ingest-9', engineId: 'engine-a' }, lastError: null });
    expect((await read()).masterIngest).toMatchObject({ status: 'ready', mediaId: 'm9', engineId: 'engine-a' });

    // A run's "running" that arrives after its "complete" (a retried write whose first attempt Payload finished late)
    // is left out; a new run's "running" is written.
    await worker.recordPipelineState(id, { coreSet: { status: 'complete', runId: 'core-9', error: null } });
    expect(await worker.recordPipelineState(id, { coreSet: { status: 'running', runId: 'core-9' } })).toMatchObject({
      recorded: [],
      stale: ['coreSet'],
    });
    expect(await worker.recordPipelineState(id, { masterIngest: { status: 'processing', runId: 'ingest-9' } })).toMatchObject({
      stale: ['masterIngest'],
    });
    const settled = await read();
    expect([settled.coreSet.status, settled.masterIngest.status]).toEqual(['complete', 'ready']);
    expect(Date.parse(settled.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
    expect((await worker.recordPipelineState(id, { coreSet: { status: 'running', runId: 'core-10' } })).recorded).toEqual(['coreSet']);
    expect((await read()).coreSet).toMatchObject({ status: 'running', runId: 'core-10', workflowId: 'core-set:rena' });
    await worker.recordPipelineState(id, { coreSet: { status: 'cancelled', runId: 'core-10' } });

    await expect(worker.recordPipelineState(987654, { coreSet: { status: 'running', runId: 'x' } })).rejects.toThrow(/404/);
  });

  it("keeps every run state recorded while a person saves the character, and the person's save", async () => {
    const worker = createPayloadRestClient({ baseUrl: system.payload.url, apiKey: system.payload.workerApiKey });
    const created = await editor.request('POST', '/api/characters', { name: 'Rena Saves' });
    const id = created.body.doc.id;
    const read = async () => (await editor.request('GET', `/api/characters/${id}?depth=0`)).body;

    // Three runs record state after state, each reading its own back, for as long as a person's save is in flight, so
    // some of them land between the save's read of the character and its write. Each must read back as recorded: a
    // save that wrote the character as it read it would put an earlier one back.
    const runs = {
      masterIngest: (round: number, step: number) => ({ status: 'processing', runId: `ingest-${round}-${step}` }),
      coreSet: (round: number, step: number) => ({ status: 'running', runId: `core-${round}-${step}` }),
      costs: (round: number, step: number) => ({ totalUsd: round * 1000 + step, acceptedImages: step }),
    };
    const recordWhile = async (group: keyof typeof runs, round: number, saving: () => boolean) => {
      const undone: string[] = [];
      let last: Record<string, unknown> = {};
      for (let step = 0; saving() || step === 0; step++) {
        last = runs[group](round, step);
        await worker.recordPipelineState(id, { [group]: last });
        const seen = (await read())[group];
        if (Object.entries(last).some(([key, value]) => seen?.[key] !== value))
          undone.push(`${group} ${JSON.stringify(last)} read back as ${JSON.stringify(seen)}`);
      }
      return { undone, last };
    };
    for (let round = 0; round < 8; round++) {
      let saving = true;
      const save = editor.request('PATCH', `/api/characters/${id}`, { personality: `Round ${round}` }).finally(() => {
        saving = false;
      });
      const recorded = await Promise.all(
        (Object.keys(runs) as (keyof typeof runs)[]).map((group) => recordWhile(group, round, () => saving)),
      );
      // The run state the save itself changes (a persona edit marks the sync pending) is written with it.
      const saved = await save;
      expect([saved.status, saved.body.doc.personaSync.status]).toEqual([200, 'pending']);
      expect(recorded.flatMap(({ undone }) => undone)).toEqual([]);
      const settled = await read();
      expect(settled.personality).toBe(`Round ${round}`);
      expect([settled.masterIngest, settled.coreSet, settled.costs]).toMatchObject(recorded.map(({ last }) => last));
    }
  });

  it('closes a core set whose run is gone as incomplete, once its state has stood a minute, keeping the rest of the character', async () => {
    const worker = createPayloadRestClient({ baseUrl: system.payload.url, apiKey: system.payload.workerApiKey });
    const created = await editor.request('POST', '/api/characters', { name: 'Orphaned Run' });
    const id = created.body.doc.id;
    // A run that recorded "running" and vanished (its history deleted, or its end never written): no core-set
    // workflow of this character exists in Temporal.
    await worker.recordPipelineState(id, {
      coreSet: { status: 'running', runId: 'vanished-run', workflowId: 'core-set:orphaned' },
      costs: { totalUsd: 0.5, acceptedImages: 3 },
    });
    const read = async () => (await editor.request('GET', `/api/characters/${id}?depth=0`)).body;
    // The reconciler runs at every full minute and repairs states unchanged for a minute: at most two minutes.
    const repaired = await waitFor(
      'the reconciler to close the vanished run',
      async () => {
        const character = await read();
        return character.coreSet?.status === 'incomplete' && character;
      },
      200_000,
      2_000,
    );
    expect(repaired.coreSet).toMatchObject({
      runId: 'vanished-run',
      workflowId: 'core-set:orphaned',
      error: expect.stringMatching(/no longer running/),
    });
    expect(repaired.costs).toMatchObject({ totalUsd: 0.5, acceptedImages: 3 });
  }, 240_000);
});

class RestSessionForService {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}
  async post(path: string, body: unknown) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `users API-Key ${this.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }
}
