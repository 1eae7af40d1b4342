import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createDinoClient } from '../../clients/dino';
import { createPayloadRestClient } from '../../clients/payload/client';
import { startDinoStandIn } from '../../local-services/dino/server';
import type { RunningServer } from '../../local-services/shared/http-server';
import { workflowIds } from '../../workflows/config';
import { createWorker } from '../../workers/create-worker';
import { figurePng } from '../support/images';
import { startPayloadServer, type PayloadServer } from '../support/payload-server';
import { waitFor } from '../support/ports';
import { RestSession } from '../support/rest';

/**
 * The first thing a studio does: create a character, upload its master image, and see a Temporal run register it
 * with the analysis service. Real parts throughout: Payload (next start, SQLite, migrations), the Temporal dev
 * server, a worker with the production activities, and the analysis stand-in over HTTP.
 */
describe('master reference ingest (Payload + Temporal + analysis stand-in)', () => {
  let dinoServer: RunningServer;
  let payload: PayloadServer;
  let worker: Worker;
  let workerRun: Promise<void>;
  let nativeConnection: NativeConnection;
  let temporal: Client;
  let admin: RestSession;
  let editor: RestSession;

  beforeAll(async () => {
    const tmp = await mkdtemp(path.join(process.env.TEST_TMP_DIR ?? '/tmp', 'dino-'));
    dinoServer = await startDinoStandIn({ port: 0, dataDir: tmp });
    payload = await startPayloadServer({ DINO_BASE_URL: dinoServer.url });

    nativeConnection = await NativeConnection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
    worker = await createWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue: payload.taskQueue,
      workflowBundlePath: process.env.TEST_WORKFLOW_BUNDLE_PATH,
      deps: {
        payload: createPayloadRestClient({ baseUrl: payload.url, apiKey: payload.workerApiKey }),
        dino: createDinoClient({ baseUrl: dinoServer.url }),
        temporalUiUrl: 'http://localhost:8233',
        namespace: 'default',
      },
    });
    workerRun = worker.run();
    temporal = new Client({ connection: await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! }) });

    admin = await RestSession.login(payload.url, payload.adminEmail, payload.adminPassword);
    const password = randomBytes(12).toString('hex');
    const created = await admin.request('POST', '/api/users', { email: 'editor@test.local', password, role: 'editor' });
    expect(created.status).toBe(201);
    editor = await RestSession.login(payload.url, 'editor@test.local', password);
  });

  afterAll(async () => {
    worker?.shutdown();
    await workerRun?.catch(() => undefined);
    await nativeConnection?.close();
    await temporal?.connection.close();
    await payload?.stop();
    await dinoServer?.close();
  });

  async function createCharacterWithMaster(name: string, image: { bytes: Buffer; filename: string; mimeType: string }) {
    const character = await editor.request('POST', '/api/characters', {
      name,
      biography: `${name} is a test character.`,
    });
    expect(character.status).toBe(201);
    const upload = await editor.uploadImage(image.bytes, image.filename, image.mimeType);
    expect(upload.status).toBe(201);
    const updated = await editor.request('PATCH', `/api/characters/${character.body.doc.id}`, {
      masterReferenceImage: upload.body.doc.id,
    });
    expect(updated.status).toBe(200);
    return { character: updated.body.doc, media: upload.body.doc };
  }

  it('registers a new master with the analysis service and records the measurements', async () => {
    const { character, media } = await createCharacterWithMaster('Jax Rivera', {
      bytes: await figurePng(),
      filename: 'jax-master.png',
      mimeType: 'image/png',
    });
    expect(character.characterId).toBe('jax-rivera');
    expect(character.masterIngest.status).toBe('queued');

    const workflowId = workflowIds.masterReference(character.characterId, media.id);
    const result = await temporal.workflow.getHandle(workflowId).result();
    expect(result.status).toBe('ready');

    const { body: ingested } = await editor.request('GET', `/api/characters/${character.id}?depth=0`);
    expect(ingested.masterIngest.status).toBe('ready');
    expect(ingested.masterIngest.workflowId).toBe(workflowId);
    expect(ingested.masterIngest.workflowUrl).toContain(encodeURIComponent(workflowId));
    expect(ingested.masterIngest.dinoAssetId).toMatch(/^[0-9a-f-]{36}$/);

    const { body: mediaDoc } = await admin.request('GET', `/api/media/${media.id}?depth=0`);
    expect(mediaDoc.dinoProcessingStatus).toBe('validation_success');
    expect(mediaDoc.dinoAssetId).toBe(ingested.masterIngest.dinoAssetId);
    expect(mediaDoc.analysis.embeddingLength).toBeGreaterThan(0);
    expect(mediaDoc.analysis.embedding).toHaveLength(mediaDoc.analysis.embeddingLength);
    expect(mediaDoc.analysis.engineId).toBe(ingested.masterIngest.engineId);
    // A measured score with the checks it came from, never a default.
    expect(typeof mediaDoc.qualityScore).toBe('number');
    expect(mediaDoc.qualityScore).toBeGreaterThan(0);
    expect(mediaDoc.qualityScore).toBeLessThanOrEqual(100);
    expect(Array.isArray(mediaDoc.analysis.qualityChecks)).toBe(true);
    expect(mediaDoc.analysis.qualityChecks.length).toBeGreaterThan(3);

    // The asset really exists in the analysis service, with features.
    const asset = await createDinoClient({ baseUrl: dinoServer.url }).getMedia(mediaDoc.dinoAssetId);
    expect(asset.featuresExtracted).toBe(true);

    const description = await temporal.workflow.getHandle(workflowId).describe();
    expect(description.status.name).toBe('COMPLETED');
    expect(description.typedSearchAttributes.get({ name: 'CharacterId', type: 'KEYWORD' } as never)).toBe('jax-rivera');
  });

  it('a retried save of the same master does not start a second run', async () => {
    const { character, media } = await createCharacterWithMaster('Mira Vale', {
      bytes: await figurePng({ jacket: '#1d6b8c' }),
      filename: 'mira.png',
      mimeType: 'image/png',
    });
    const workflowId = workflowIds.masterReference(character.characterId, media.id);
    await temporal.workflow.getHandle(workflowId).result();
    // Saving the same value again is not a change: no new run is started.
    const again = await editor.request('PATCH', `/api/characters/${character.id}`, { masterReferenceImage: media.id, personality: 'calm' });
    expect(again.status).toBe(200);
    const runs = [];
    for await (const run of temporal.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push(run);
    expect(runs).toHaveLength(1);
  });

  it('a master the analysis service cannot read ends with a readable error and nothing half-made', async () => {
    // Decodes far enough for Payload's upload checks, but its pixel data is cut off.
    const full = await figurePng({ width: 900, height: 1200 });
    const truncated = full.subarray(0, Math.floor(full.length * 0.6));
    const character = await editor.request('POST', '/api/characters', { name: 'Broken Master' });
    const upload = await editor.uploadImage(truncated, 'broken.png', 'image/png');
    if (upload.status !== 201) {
      // Payload itself refused the file: that refusal must be readable, and no character state changes.
      expect(upload.status).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(upload.body)).toMatch(/image|file|upload/i);
      return;
    }
    const updated = await editor.request('PATCH', `/api/characters/${character.body.doc.id}`, {
      masterReferenceImage: upload.body.doc.id,
    });
    expect(updated.status).toBe(200);
    const workflowId = workflowIds.masterReference('broken-master', upload.body.doc.id);
    await expect(temporal.workflow.getHandle(workflowId).result()).rejects.toThrow();

    const { body: after } = await editor.request('GET', `/api/characters/${character.body.doc.id}?depth=0`);
    expect(after.masterIngest.status).toBe('failed');
    expect(after.masterIngest.error).toMatch(/not a readable image/);
    expect(after.masterIngest.dinoAssetId ?? null).toBeNull();
    const { body: mediaDoc } = await admin.request('GET', `/api/media/${upload.body.doc.id}?depth=0`);
    expect(mediaDoc.dinoProcessingStatus).toBe('validation_failed');
    expect(mediaDoc.dinoAssetId ?? null).toBeNull();
    expect(mediaDoc.qualityScore ?? null).toBeNull();
  });

  it('reports each dependency on /api/health', async () => {
    const response = await fetch(`${payload.url}/api/health`);
    const body = (await response.json()) as { status: string; checks: Record<string, { status: string }> };
    expect(response.status).toBe(200);
    expect(body.checks.database!.status).toBe('up');
    expect(body.checks.temporal!.status).toBe('up');
    expect(body.checks.worker!.status).toBe('up');
    expect(body.checks.analysisService!.status).toBe('up');
    expect(JSON.stringify(body)).not.toContain(payload.workerApiKey);
  });
});
