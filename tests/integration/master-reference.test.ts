import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createDinoClient } from '../../clients/dino';
import { searchAttributes, workflowIds } from '../../contracts';
import { createCharacterWithMaster, workflowResult } from '../../test-system/characters';
import { renderCharacter, randomLook } from '../../local-services/gemini/renderer';
import { figurePng } from '../support/images';
import { recordHistory } from '../support/histories';
import { waitFor } from '../../test-system/ports';
import type { RestSession } from '../../test-system/rest';
import { RestSession as Rest } from '../../test-system/rest';
import { startTestSystem, type TestSystem } from '../../test-system/system';
import { fromGlobalSetup } from '../support/from-global-setup';

/**
 * The first thing a studio does: create a character, upload its master image, and see a Temporal run register it
 * with the analysis service. Real parts throughout: Payload (next start, SQLite, migrations), the Temporal dev
 * server, a worker with the production activities, and the analysis stand-in over HTTP.
 */
describe('master reference ingest', () => {
  let system: TestSystem;
  let editor: RestSession;

  beforeAll(async () => {
    system = await startTestSystem(fromGlobalSetup());
    await system.startWorker();
    editor = await system.session('editor');
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('registers a new master with the analysis service and records the measurements', async () => {
    const { doc: character, media } = await createCharacterWithMaster(
      editor,
      { name: 'Jax Rivera', biography: 'A courier.' },
      { bytes: await figurePng(), filename: 'jax-master.png', mimeType: 'image/png' },
    );
    expect(character.characterId).toBe('jax-rivera');
    expect(character.masterIngest.status).toBe('queued');

    const workflowId = workflowIds.masterReference(character.characterId, media.id);
    const result = await workflowResult(system.temporal, workflowId);
    expect(result.status).toBe('ready');
    await recordHistory(system.temporal, workflowId, 'master-reference-ready');

    const { body: ingested } = await editor.request('GET', `/api/characters/${character.id}?depth=0`);
    expect(ingested.masterIngest.status).toBe('ready');
    expect(ingested.masterIngest.workflowId).toBe(workflowId);
    expect(ingested.masterIngest.workflowUrl).toContain(encodeURIComponent(workflowId));
    expect(ingested.masterIngest.dinoAssetId).toMatch(/^[0-9a-f-]{36}$/);

    const { body: mediaDoc } = await system.admin.request('GET', `/api/media/${media.id}?depth=0`);
    expect(mediaDoc.dinoProcessingStatus).toBe('validation_success');
    expect(mediaDoc.dinoAssetId).toBe(ingested.masterIngest.dinoAssetId);
    expect(mediaDoc.analysis.embeddingLength).toBeGreaterThan(0);
    // The vector is the worker's to read (one document at a time), not people's.
    expect(mediaDoc.analysis).not.toHaveProperty('embedding');
    const { body: asWorker } = await Rest.withApiKey(system.payload.url, system.payload.workerApiKey).request(
      'GET',
      `/api/media/${media.id}?depth=0`,
    );
    expect(asWorker.analysis.embedding).toHaveLength(mediaDoc.analysis.embeddingLength);
    expect(mediaDoc.analysis.engineId).toBe(ingested.masterIngest.engineId);
    // A measured score with the checks it came from, never a default.
    expect(typeof mediaDoc.qualityScore).toBe('number');
    expect(mediaDoc.qualityScore).toBeGreaterThan(0);
    expect(mediaDoc.qualityScore).toBeLessThanOrEqual(100);
    expect(mediaDoc.analysis.qualityChecks.length).toBeGreaterThan(3);

    // The asset really exists in the analysis service, with features.
    const asset = await createDinoClient({ baseUrl: system.dino.url }).getMedia(mediaDoc.dinoAssetId);
    expect(asset.featuresExtracted).toBe(true);

    const description = await system.temporal.workflow.getHandle(workflowId).describe();
    expect(description.status.name).toBe('COMPLETED');
    expect(description.typedSearchAttributes.get(searchAttributes.characterId)).toBe('jax-rivera');
    expect(description.typedSearchAttributes.get(searchAttributes.status)).toBe('ready');

    // The admin's pipeline panel lists the run (next to the persona sync's) with its stage and status.
    const { body: pipeline } = await editor.request('GET', `/api/characters/${character.id}/pipeline`);
    expect(pipeline.runs.find((run: { workflowId: string }) => run.workflowId === workflowId)).toMatchObject({
      type: 'masterReferenceWorkflow',
      status: 'COMPLETED',
      stage: 'master-reference',
      pipelineStatus: 'ready',
      progress: null,
    });
  });

  it('measures a master again when its file is replaced, and drops the old analysis asset', async () => {
    const { doc: character, media } = await createCharacterWithMaster(
      editor,
      { name: 'Rue Calder' },
      { bytes: await renderCharacter(randomLook(41), 0, { width: 768, height: 1024 }), filename: 'rue.png', mimeType: 'image/png' },
    );
    await workflowResult(system.temporal, workflowIds.masterReference(character.characterId, media.id));
    const worker = Rest.withApiKey(system.payload.url, system.payload.workerApiKey);
    const { body: before } = await worker.request('GET', `/api/media/${media.id}?depth=0`);
    expect(before.dinoProcessingStatus).toBe('validation_success');

    const form = new FormData();
    const replacement = await renderCharacter(randomLook(42), 0, { width: 768, height: 1024 });
    form.append('file', new Blob([new Uint8Array(replacement)], { type: 'image/png' }), 'rue-v2.png');
    form.append('_payload', JSON.stringify({ alt: 'Rue, second take' }));
    const replaced = await editor.request('PATCH', `/api/media/${media.id}`, form);
    expect(replaced.status).toBe(200);
    // Nothing measured on the old file survives the save.
    expect(replaced.body.doc).toMatchObject({ dinoAssetId: null, dinoProcessingStatus: 'pending', qualityScore: null });

    const after = await waitFor(
      'the replaced master to be measured again',
      async () => {
        const { body } = await worker.request('GET', `/api/media/${media.id}?depth=0`);
        return body.dinoProcessingStatus === 'validation_success' && body.dinoAssetId && body.dinoAssetId !== before.dinoAssetId
          ? body
          : undefined;
      },
      90_000,
    );
    expect(after.analysis.embedding).not.toEqual(before.analysis.embedding);
    // The run marks the media measured, then records "ready" on the character.
    await waitFor(
      'the character to record the new measurement as ready',
      async () => {
        const { body } = await editor.request('GET', `/api/characters/${character.id}?depth=0`);
        return body.masterIngest.status === 'ready' && body.masterIngest.dinoAssetId === after.dinoAssetId;
      },
      30_000,
    );
    const dino = createDinoClient({ baseUrl: system.dino.url });
    await waitFor(
      'the old analysis asset to be deleted',
      async () =>
        dino.getMedia(before.dinoAssetId).then(
          () => false,
          () => true,
        ),
      30_000,
    );
  });

  it('does not start a second run when the same master is saved again', async () => {
    const { doc: character, media } = await createCharacterWithMaster(
      editor,
      { name: 'Mira Vale' },
      { bytes: await figurePng({ jacket: '#1d6b8c' }), filename: 'mira.png', mimeType: 'image/png' },
    );
    const workflowId = workflowIds.masterReference(character.characterId, media.id);
    await workflowResult(system.temporal, workflowId);
    const again = await editor.request('PATCH', `/api/characters/${character.id}`, { masterReferenceImage: media.id, personality: 'calm' });
    expect(again.status).toBe(200);
    const runs = [];
    for await (const run of system.temporal.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push(run);
    expect(runs).toHaveLength(1);
    const { body: after } = await editor.request('GET', `/api/characters/${character.id}?depth=0`);
    expect(after.masterIngest.status).toBe('ready');
  });

  it('refuses to store a truncated upload, with a readable reason', async () => {
    const full = await figurePng({ width: 900, height: 1200 });
    const upload = await editor.uploadImage(full.subarray(0, Math.floor(full.length * 0.6)), 'broken.png', 'image/png');
    expect(upload.status).toBe(400);
    expect(JSON.stringify(upload.body)).toMatch(/image|file/i);
  });

  it('ends a master whose stored file went bad with a readable error and nothing half-made', async () => {
    // Storage can hand back a damaged file (disk fault, interrupted copy): the workflow must fail cleanly then.
    const character = await editor.request('POST', '/api/characters', { name: 'Broken Master' });
    expect(character.status).toBe(201);
    const upload = await editor.uploadImage(await figurePng({ width: 900, height: 1200 }), 'broken.png', 'image/png');
    expect(upload.status).toBe(201);
    const stored = path.join(system.payload.dataDir, 'media', upload.body.doc.filename);
    const bytes = await readFile(stored);
    await writeFile(stored, bytes.subarray(0, Math.floor(bytes.length * 0.6)));

    const updated = await editor.request('PATCH', `/api/characters/${character.body.doc.id}`, { masterReferenceImage: upload.body.doc.id });
    expect(updated.status).toBe(200);
    const workflowId = workflowIds.masterReference('broken-master', upload.body.doc.id);
    await expect(workflowResult(system.temporal, workflowId)).rejects.toThrow();
    await recordHistory(system.temporal, workflowId, 'master-reference-failed');
    const description = await system.temporal.workflow.getHandle(workflowId).describe();
    expect(description.status.name).toBe('FAILED');

    const { body: after } = await editor.request('GET', `/api/characters/${character.body.doc.id}?depth=0`);
    expect(after.masterIngest.status).toBe('failed');
    expect(after.masterIngest.error).toMatch(/The master reference image is not a readable image/);
    expect(after.masterIngest.dinoAssetId ?? null).toBeNull();
    const { body: mediaDoc } = await system.admin.request('GET', `/api/media/${upload.body.doc.id}?depth=0`);
    expect(mediaDoc.dinoProcessingStatus).toBe('validation_failed');
    expect(mediaDoc.dinoAssetId ?? null).toBeNull();
    expect(mediaDoc.qualityScore ?? null).toBeNull();
    expect(mediaDoc.validationNotes).toMatch(/not a readable image/);
  });

  it('refuses anonymous reads and writes of characters', async () => {
    const anonymous = Rest.anonymous(system.payload.url);
    const { body: list } = await editor.request('GET', '/api/characters?limit=1');
    const someId = list.docs[0].id;
    expect((await anonymous.request('GET', '/api/characters')).status).toBe(403);
    expect((await anonymous.request('POST', '/api/characters', { name: 'Intruder' })).status).toBe(403);
    expect((await anonymous.request('PATCH', `/api/characters/${someId}`, { name: 'Renamed' })).status).toBe(403);
    expect((await anonymous.request('GET', '/api/media')).status).toBe(403);
    const viewer = await system.session('viewer');
    expect((await viewer.request('POST', '/api/characters', { name: 'Viewer made' })).status).toBe(403);
  });

  it('reports each dependency on /api/health without secrets', async () => {
    const response = await fetch(`${system.payload.url}/api/health`);
    const body = (await response.json()) as { status: string; checks: Record<string, { status: string }> };
    expect(body.checks).toMatchObject({
      database: { status: 'up' },
      temporal: { status: 'up' },
      worker: { status: 'up' },
      analysisService: { status: 'up' },
    });
    expect(response.status).toBe(200);
    expect(JSON.stringify(body)).not.toContain(system.payload.workerApiKey);
  });
});
