import { createCostActivities } from '../../activities/costs/activities';
import { alreadyDoneOnConflict, isDuplicateRefusal } from '../../activities/support/already-done-on-conflict';
import { createDinoClient } from '../../clients/dino';
import { createPayloadRestClient } from '../../clients/payload/client';
import { PROGRESS_QUERY, type ProductionShotProgress } from '../../contracts';
import { PermanentServiceError } from '../../clients/errors';
import { renderCharacter, randomLook } from '../../local-services/gemini/renderer';
import { createCharacterWithMaster, waitForMasterReady, type CreatedCharacter } from '../../test-system/characters';
import { clearFaults, queueFaults } from '../../test-system/gemini-control';
import { recordHistory } from '../support/histories';
import { waitFor } from '../../test-system/ports';
import type { RestSession } from '../../test-system/rest';
import { startTestSystem, type TestSystem } from '../../test-system/system';
import { fromGlobalSetup } from '../support/from-global-setup';
import type { Json } from '../../test-system/json';

/** Production shots behind the QA gate, generated from the master and the approved core set. */
describe('production shots', () => {
  let system: TestSystem;
  let editor: RestSession;
  let reviewer: RestSession;
  let character: CreatedCharacter;

  beforeAll(async () => {
    system = await startTestSystem(fromGlobalSetup());
    await system.startWorker();
    editor = await system.session('editor');
    reviewer = await system.session('reviewer');
    const master = await renderCharacter(randomLook(4242), 0, { width: 768, height: 1024 });
    character = await createCharacterWithMaster(
      editor,
      { name: 'Jax Cole', clothing: 'Leather jacket.' },
      { bytes: master, filename: 'jax.png', mimeType: 'image/png' },
    );
    await waitForMasterReady(system.temporal, character);
    const core = await editor.request('POST', `/api/characters/${character.id}/core-set`, { angles: [0, 90, 180, 270] });
    const result = await system.temporal.workflow.getHandle(core.body.workflowId).result();
    expect(result.status).toBe('complete');
  });

  afterAll(async () => {
    await system?.stop();
  });

  afterEach(async () => {
    await clearFaults(system.gemini.url);
  });

  async function requestShots(body: unknown) {
    const response = await editor.request('POST', `/api/characters/${character.id}/shots`, body);
    expect(response.status).toBe(201);
    return response.body.runs as Array<{ workflowId: string; runId: string; url: string }>;
  }

  async function imagesOf(workflowId: string) {
    const { body } = await system.admin.request(
      'GET',
      `/api/character-images?where[workflowId][equals]=${encodeURIComponent(workflowId)}&depth=0`,
    );
    return body.docs as Json[];
  }

  it('passes a good shot, judged against the best-matching approved reference', async () => {
    const [run] = await requestShots({
      prompt: 'Jax smiling, wearing a leather jacket, cinematic lighting',
      shotType: 'medium',
      tags: 'smile, jacket',
    });
    const result = await system.temporal.workflow.getHandle(run!.workflowId).result();
    expect(result.state).toBe('passed');
    const [image] = await imagesOf(run!.workflowId);
    expect(image).toMatchObject({
      kind: 'production',
      shotType: 'medium',
      tags: 'smile, jacket',
      dinoProcessingStatus: 'validation_success',
      isCoreReference: false,
    });
    // Master plus the four approved core images were the references, and one of them was the best match.
    expect(image.provenance.referenceMediaIds).toHaveLength(5);
    expect(image.provenance.referenceMediaIds[0]).toBe(character.masterMediaId);
    expect(image.provenance.referenceMediaIds.map(String)).toContain(String(image.measurements.comparedWithMediaId));
    expect(image.consistencyScore).toBeGreaterThanOrEqual(image.measurements.consistencyThreshold);
    await recordHistory(system.temporal, run!.workflowId, 'production-shot-passed');
    expect(image.provenance.costUsd).toBeGreaterThan(0);

    // The character shows what was spent (every attempt, kept or not) and the cost per accepted image.
    const { body: after } = await editor.request('GET', `/api/characters/${character.id}?depth=0`);
    const { body: runs } = await system.admin.request('GET', `/api/generation-runs?where[character][equals]=${character.id}&limit=100`);
    const spent = runs.docs.reduce((sum: number, run: Json) => sum + run.costUsd, 0);
    expect(after.costs.totalUsd).toBeCloseTo(spent, 4);
    expect(spent).toBeGreaterThan(image.provenance.costUsd);
    expect(after.costs.acceptedImages).toBeGreaterThanOrEqual(5);
    expect(after.costs.perAcceptedImageUsd).toBeCloseTo(after.costs.totalUsd / after.costs.acceptedImages, 4);
  });

  it('joins the same request instead of paying twice, and lands two different shots requested at once', async () => {
    const twice = await Promise.all([
      requestShots({ prompt: 'Jax reading a map at night', variant: 'a' }),
      requestShots({ prompt: 'Jax reading a map at night', variant: 'a' }),
    ]);
    expect(twice[0]![0]!.workflowId).toBe(twice[1]![0]!.workflowId);

    const runs = await requestShots([{ prompt: 'Jax running through rain' }, { prompt: 'Jax laughing at a cafe table' }]);
    expect(runs).toHaveLength(2);
    const results = await Promise.all(runs.map((run) => system.temporal.workflow.getHandle(run.workflowId).result()));
    expect(results.map((result) => result.state)).toEqual(['passed', 'passed']);
    for (const run of runs) expect(await imagesOf(run.workflowId)).toHaveLength(1);
  });

  it('fails a shot of another character on consistency, flags it, and a rejection deletes its analysis asset', async () => {
    await queueFaults(
      system.gemini.url,
      [1, 2, 3, 4].map(() => ({ fault: 'off_model', match: 'standing on a rooftop' })),
    );
    const [run] = await requestShots({ prompt: 'Jax standing on a rooftop at dawn' });
    const flagged = await waitFor(
      'the shot to await review',
      async () => {
        const progress = await system.temporal.workflow.getHandle(run!.workflowId).query<ProductionShotProgress>(PROGRESS_QUERY);
        return progress.state === 'awaiting_review' ? progress : undefined;
      },
      90_000,
      500,
    );
    const { body: image } = await system.admin.request('GET', `/api/character-images/${flagged.imageId}?depth=0`);
    expect(image.dinoProcessingStatus).toBe('validation_failed');
    expect(image.validationNotes).toMatch(/Consistency [\d.]+ is below the threshold/);

    const decision = await reviewer.request('POST', `/api/character-images/${image.id}/review`, { decision: 'reject', note: 'Not Jax.' });
    expect(decision.status).toBe(200);
    const result = await system.temporal.workflow.getHandle(run!.workflowId).result();
    expect(result.state).toBe('rejected');
    await expect(createDinoClient({ baseUrl: system.dino.url }).getMedia(image.dinoAssetId)).rejects.toBeInstanceOf(PermanentServiceError);
  });

  it('answers 409 saying what is missing', async () => {
    const bare = await editor.request('POST', '/api/characters', { name: 'Nobody Yet' });
    const noMaster = await editor.request('POST', `/api/characters/${bare.body.doc.id}/shots`, { prompt: 'anything at all' });
    expect(noMaster.status).toBe(409);
    expect(noMaster.body.error).toMatch(/no ingested master reference/);

    const master = await renderCharacter(randomLook(777), 0, { width: 768, height: 1024 });
    const withMaster = await createCharacterWithMaster(
      editor,
      { name: 'Only Master' },
      { bytes: master, filename: 'm.png', mimeType: 'image/png' },
    );
    await waitForMasterReady(system.temporal, withMaster);
    const noCore = await editor.request('POST', `/api/characters/${withMaster.id}/shots`, { prompt: 'anything at all' });
    expect(noCore.status).toBe(409);
    expect(noCore.body.error).toMatch(/no approved 360° core set/);
  });

  it('a write retried under its generation key finds the first one, on either database, instead of failing or duplicating', async () => {
    const payload = createPayloadRestClient({ baseUrl: system.payload.url, apiKey: system.payload.workerApiKey });
    const generationKey = `retried-write:${character.characterId}:${Date.now()}`;
    const bytes = await renderCharacter(randomLook(77), 0, { width: 192, height: 256 });
    const findOne = (collection: string, key: string) => payload.findFirst(collection, { generationKey: { equals: key } });
    expect(await findOne('media', generationKey)).toBeUndefined();

    const upload = () => payload.uploadMedia(bytes, { filename: 'retried.png', mimeType: 'image/png', extra: { generationKey } });
    const media = await upload();
    const mediaRefusal = await upload().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isDuplicateRefusal(mediaRefusal, 'generationKey')).toBe(true);
    expect((await alreadyDoneOnConflict('generationKey', upload, () => findOne('media', generationKey))).id).toBe(media.id);

    const imageKey = `${generationKey}:image`;
    const create = () =>
      payload.create('character-images', { character: character.id, kind: 'production', imageFile: media.id, generationKey: imageKey });
    const image = await create();
    expect((await alreadyDoneOnConflict('generationKey', create, () => findOne('character-images', imageKey))).id).toBe(image.id);

    const count = async (collection: string, key: string) =>
      (await system.admin.request('GET', `/api/${collection}?where[generationKey][equals]=${encodeURIComponent(key)}&limit=0&depth=0`)).body
        .totalDocs;
    expect([await count('media', generationKey), await count('character-images', imageKey)]).toEqual([1, 1]);
  });
  it("records a run's cost once however often the write is retried, and totals every run of the character", async () => {
    const payload = createPayloadRestClient({ baseUrl: system.payload.url, apiKey: system.payload.workerApiKey });
    const { recordRunCost } = createCostActivities({ payload });
    const created = await editor.request('POST', '/api/characters', { name: 'Costed Twice' });
    const characterDocId = created.body.doc.id;
    const run = (runId: string, costUsd: number) => productionShotCost(characterDocId, runId, costUsd);
    const first = `cost-a-${Date.now()}`;
    await recordRunCost(run(first, 0.039));
    // A retried write, and one that arrives with the run's final numbers: one record, the later values.
    await recordRunCost(run(first, 0.039));
    await recordRunCost(run(first, 0.078));
    const second = `cost-b-${Date.now()}`;
    const totals = await recordRunCost(run(second, 0.039));
    expect(totals.totalUsd).toBeCloseTo(0.117, 6);

    const { body: runs } = await system.admin.request('GET', `/api/generation-runs?where[character][equals]=${characterDocId}&depth=0`);
    const costOf = (runId: string) => (runs.docs as Json[]).filter((doc) => doc.runId === runId).map((doc) => doc.costUsd);
    expect([runs.totalDocs, costOf(first), costOf(second)]).toEqual([2, [0.078], [0.039]]);
    const { body: stored } = await system.admin.request('GET', `/api/characters/${characterDocId}?depth=0`);
    expect(stored.costs).toMatchObject({ totalUsd: 0.117, acceptedImages: 0, perAcceptedImageUsd: null });
  });
  it('totals every run of a character when several of its runs end at the same moment', async () => {
    const payload = createPayloadRestClient({ baseUrl: system.payload.url, apiKey: system.payload.workerApiKey });
    const { recordRunCost } = createCostActivities({ payload });
    const created = await editor.request('POST', '/api/characters', { name: 'Costed At Once' });
    const characterDocId = created.body.doc.id;
    const run = (runId: string, costUsd: number) => productionShotCost(characterDocId, runId, costUsd);
    // Costs in whole tenths of a cent, so every sum is exact after the record's rounding.
    let expected = 0;
    for (let round = 0; round < 10; round++) {
      const ending = [0.001, 0.002, 0.004].map((cost, index) => run(`cost-at-once-${Date.now()}-${round}-${index}`, cost));
      await Promise.all(ending.map((each) => recordRunCost(each)));
      expected += 0.007;
      const { body: stored } = await system.admin.request('GET', `/api/characters/${characterDocId}?depth=0`);
      expect({ round, totalUsd: stored.costs.totalUsd }).toEqual({ round, totalUsd: Math.round(expected * 10_000) / 10_000 });
    }
  });
});

/** What a production-shot run that ended complete reports to recordRunCost. */
function productionShotCost(characterDocId: string | number, runId: string, costUsd: number) {
  return {
    characterDocId,
    workflowId: `cost-test:${runId}`,
    runId,
    outcome: 'complete',
    stage: 'production-shot' as const,
    costUsd,
    attempts: 1,
    unpricedAttempts: 0,
  };
}
