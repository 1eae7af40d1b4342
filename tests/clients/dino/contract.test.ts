import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDinoClient } from '../../../clients/dino';
import { PermanentServiceError, TransientServiceError } from '../../../clients/errors';
import { CLASSICAL_ENGINE_ID, DINOV3_ENGINE_ID } from '../../../contracts';
import { startDinoStandIn } from '../../../local-services/dino/server';
import { json, serveFetchHandler, type RunningServer } from '../../../local-services/http/http-server';
import { randomLook, renderCharacter } from '../../../local-services/gemini/renderer';
import type { Json } from '../../../test-system/json';

describe('DINOv3 client against the stand-in', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startDinoStandIn({ port: 0, dataDir: await mkdtemp(path.join(tmpdir(), 'dino-')) });
  });
  afterAll(() => server.close());

  it('health → upload → extract → metrics → quality → validate → delete', async () => {
    const client = createDinoClient({ baseUrl: server.url });
    expect(await client.health()).toMatchObject({ healthy: true, modelName: CLASSICAL_ENGINE_ID });
    const a = await client.uploadMedia(await renderCharacter(randomLook(1), 0, {}), { filename: 'a.png', contentType: 'image/png' });
    const b = await client.uploadMedia(await renderCharacter(randomLook(1), 45, { seed: 3 }), {
      filename: 'b.png',
      contentType: 'image/png',
    });
    expect(a.assetId).toMatch(/^[0-9a-f-]{36}$/);
    const first = await client.extractFeatures(a.assetId);
    expect(first.cached).toBe(false);
    expect((await client.extractFeatures(a.assetId)).cached).toBe(true);
    await client.extractFeatures(b.assetId);
    const metrics = await client.analyzeImageMetrics(a.assetId);
    expect(metrics.sharpness).toBeGreaterThan(0);
    expect((await client.analyzeQuality(a.assetId)).qualityScore).toBeGreaterThan(0);
    const consistency = await client.validateConsistency(a.assetId, b.assetId);
    expect(consistency.similarityScore).toBeCloseTo((consistency.cosineSimilarity + 1) * 50, 5);
    const matches = await client.characterMatching(a.assetId, [b.assetId, '00000000-0000-4000-8000-000000000000']);
    expect(matches[0]).toMatchObject({ ok: true });
    expect(matches[1]).toMatchObject({ ok: false });
    await client.deleteMedia(a.assetId);
    await expect(client.getMedia(a.assetId)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a non-image with a readable 400', async () => {
    const client = createDinoClient({ baseUrl: server.url });
    const error = await client.uploadMedia(Buffer.from('not an image'), { filename: 'x.png', contentType: 'image/png' }).catch((e) => e);
    expect(error).toBeInstanceOf(PermanentServiceError);
    expect(error.message).toMatch(/400: Invalid image file/);
  });

  it('answers 422 for a JSON body on extract-features, as the real service does', async () => {
    const response = await fetch(`${server.url}/api/v1/extract-features`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ asset_id: 'x' }),
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as Json).detail[0].loc).toEqual(['query', 'asset_id']);
  });
});

/** A scripted fake that answers like the public code does, quirks included (specs/dinov3-service.md). */
describe('DINOv3 client against the real service quirks', () => {
  let server: RunningServer;
  let next: () => Response;
  beforeAll(async () => {
    server = await serveFetchHandler(() => next(), { port: 0 });
  });
  afterAll(() => server.close());
  const client = () => createDinoClient({ baseUrl: server.url, healthCacheMs: 0, apiKey: 'secret-key' });

  it('reads character-matching items carrying `error` as errors, never as a 0 score', async () => {
    next = () => json({ results: [{ test_asset_id: 'b', error: "name 'db' is not defined", same_character: false, confidence_score: 0 }] });
    expect(await client().characterMatching('a', ['b'])).toEqual([{ assetId: 'b', ok: false, error: "name 'db' is not defined" }]);
  });

  it("counts the DELETE that deletes and then answers 500 name 'db' is not defined as deleted", async () => {
    next = () => json({ detail: "name 'db' is not defined" }, 500);
    await expect(client().deleteMedia('a')).resolves.toBeUndefined();
    next = () => json({ detail: 'database is locked' }, 500);
    await expect(client().deleteMedia('a')).rejects.toBeInstanceOf(TransientServiceError);
  });

  it('reads health 200 with status unhealthy as not healthy', async () => {
    next = () => json({ status: 'unhealthy', error: 'boom' });
    expect(await client().health()).toEqual({ healthy: false, modelName: undefined, device: undefined });
    next = () => json({ status: 'healthy', model: { loaded: true, model_name: `facebook/${DINOV3_ENGINE_ID}`, device: 'cuda' } });
    expect(await client().health()).toMatchObject({ healthy: true, modelName: DINOV3_ENGINE_ID });
  });

  it('summarises a 422 validation error readably and does not retry it', async () => {
    next = () => json({ detail: [{ type: 'missing', loc: ['body', 'asset_id_1'], msg: 'Field required', input: {} }] }, 422);
    const error = await client()
      .validateConsistency('a', 'b')
      .catch((e) => e);
    expect(error).toBeInstanceOf(PermanentServiceError);
    expect(error.message).toContain('body.asset_id_1: Field required');
  });

  it('classifies 503, 413 and an unexpected shape', async () => {
    next = () => json({ detail: 'Model not loaded' }, 503);
    await expect(client().extractFeatures('a')).rejects.toBeInstanceOf(TransientServiceError);
    next = () => json({ detail: 'File too large' }, 413);
    await expect(client().uploadMedia(Buffer.from('x'), { filename: 'x.png', contentType: 'image/png' })).rejects.toMatchObject({
      code: 'too_large',
    });
    next = () => json({ asset_id: 'a', features: 'not a vector' });
    await expect(client().extractFeatures('a')).rejects.toMatchObject({ code: 'bad_response' });
  });
});
