import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGenerationActivities } from '../../activities/generation/activities';
import { createDinoClient } from '../../clients/dino';
import type { ImageModelClient } from '../../clients/gemini';
import type { PayloadDoc, PayloadRestClient } from '../../clients/payload/client';
import { PAINTER, STAND_IN } from '../../gate-corpus/drawing-methods';
import { startDinoStandIn } from '../../local-services/dino/server';
import type { RunningServer } from '../../local-services/http/http-server';

/** Payload as registerCandidate sees it: media documents in memory, every update kept. */
function fakePayload() {
  const media = new Map<string, PayloadDoc>();
  const updates: Array<{ id: string; data: Record<string, unknown> }> = [];
  const client = {
    async findById(_collection: string, id: string | number) {
      return media.get(String(id))!;
    },
    async update(_collection: string, id: string | number, data: Record<string, unknown>) {
      updates.push({ id: String(id), data });
      const doc = { ...media.get(String(id))!, ...data };
      media.set(String(id), doc);
      return doc;
    },
  };
  return { client: client as unknown as PayloadRestClient, media, updates };
}

describe('registerCandidate against the analysis stand-in', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startDinoStandIn({ port: 0, dataDir: await mkdtemp(path.join(tmpdir(), 'dino-register-')) });
  });
  afterAll(() => server.close());

  // The service analyses only an asset whose features it has extracted (anything else is a 400), so asking for its
  // quality score alongside the features left the score empty on every generated image.
  it.each([STAND_IN, PAINTER])("records the service's quality score with the features ($id drawing)", async (method) => {
    const dino = createDinoClient({ baseUrl: server.url });
    const payload = fakePayload();
    const frame = { width: 512, height: 640 };
    const master = await method.draw(910, 0, frame, 1, '#efede8');
    const candidate = await method.draw(910, 45, frame, 2, '#efede8');
    for (const [id, bytes] of [
      ['1', master],
      ['2', candidate],
    ] as const) {
      const { assetId } = await dino.uploadMedia(bytes, { filename: `${id}.png`, contentType: 'image/png' });
      payload.media.set(id, { id, url: `/api/media/file/${id}.png`, filesize: bytes.length, dinoAssetId: assetId });
    }
    const activities = createGenerationActivities({
      payload: payload.client,
      dino,
      imageModel: {} as ImageModelClient,
      modelId: 'test-model',
    });
    const masterFeatures = await dino.extractFeatures(String(payload.media.get('1')!.dinoAssetId));
    payload.media.set('1', {
      ...payload.media.get('1')!,
      analysis: { engineId: masterFeatures.engineId, embedding: masterFeatures.features },
    });

    const registered = await activities.registerCandidate({
      mediaId: '2',
      dinoAssetId: String(payload.media.get('2')!.dinoAssetId),
      consistencyWith: { referenceMediaIds: ['1'] },
    });

    expect(registered.serviceQualityScore).toEqual(expect.any(Number));
    expect(registered.serviceQualityScore).toBeGreaterThan(0);
    expect(registered.serviceQualityScore).toBeLessThanOrEqual(1);
    const written = payload.updates.find((update) => update.id === '2')!.data.analysis as Record<string, unknown>;
    expect(written.serviceQualityScore).toBe(registered.serviceQualityScore);
    expect(written.embedding).toHaveLength(masterFeatures.features.length);
    expect(registered.consistency?.comparedWithMediaId).toBe('1');
  });
});
