import sharp from 'sharp';
import { createGenerationActivities } from '../../activities/generation/activities';
import { createMasterReferenceActivities } from '../../activities/master-reference/activities';
import { createStoredFileCache, type StoredFileCache } from '../../activities/support/stored-file-cache';
import type { DinoClient } from '../../clients/dino';
import type { ImageModelClient } from '../../clients/gemini';
import type { PayloadDoc, PayloadRestClient } from '../../clients/payload/client';
import { randomLook, renderCharacter } from '../../local-services/gemini/renderer';

async function drawing(width: number, height: number, seed: number): Promise<Buffer> {
  // Noise, so the pixel checks have something to measure and every drawing is its own file.
  const pixels = Buffer.alloc(width * height * 3);
  let state = seed;
  for (let index = 0; index < pixels.length; index++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    pixels[index] = state >> 23;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** Payload as the activities see it, in memory: media documents and their files, every download counted. */
function fakePayload(master: Buffer) {
  const media = new Map<string, PayloadDoc>();
  const files = new Map<string, Buffer>();
  const downloads: string[] = [];
  const store = (bytes: Buffer, filename: string, extra: Record<string, unknown> = {}) => {
    const id = String(media.size + 1);
    const doc: PayloadDoc = { id, url: `/api/media/file/${filename}`, filesize: bytes.length, mimeType: 'image/png', ...extra };
    media.set(id, doc);
    files.set(String(doc.url), bytes);
    return doc;
  };
  const masterDoc = store(master, 'master.png');
  const client = {
    async findFirst(collection: string, where: Record<string, { equals: unknown }>) {
      const key = where.generationKey?.equals;
      return collection === 'media' ? [...media.values()].find((doc) => doc.generationKey === key) : undefined;
    },
    async findById(_collection: string, id: string | number) {
      return media.get(String(id))!;
    },
    async uploadMedia(bytes: Buffer, file: { filename: string; extra?: Record<string, unknown> }) {
      return store(bytes, file.filename, file.extra);
    },
    async downloadFile(url: string) {
      downloads.push(url);
      return files.get(url)!;
    },
    async update(_collection: string, id: string | number, data: Record<string, unknown>) {
      return Object.assign(media.get(String(id))!, data);
    },
  };
  return { client: client as unknown as PayloadRestClient, masterDoc, downloads };
}

/** The master-reference activities over the fake Payload, with an analysis service that answers every call. */
function ingestActivities(payload: ReturnType<typeof fakePayload>, storedFiles: StoredFileCache, dinoCalls: Record<string, unknown> = {}) {
  const dino = {
    analyzeQuality: async () => ({ qualityScore: 1 }),
    analyzeImageMetrics: async () => ({ sharpnessScore: 0.5 }),
    ...dinoCalls,
  } as unknown as DinoClient;
  return createMasterReferenceActivities({ payload: payload.client, dino, temporalUiUrl: 'http://ui', namespace: 'default', storedFiles });
}

async function oneAngle(storedFiles: StoredFileCache | undefined, seed: number) {
  const master = await drawing(320, 400, 1);
  const payload = fakePayload(master);
  const candidates = [await drawing(320, 400, seed), await drawing(320, 400, seed + 1)];
  const imageModel = {
    async generateImage() {
      return { kind: 'image', bytes: candidates.shift()!, mimeType: 'image/png', usage: null, costUsd: null, finishReason: 'STOP' };
    },
  } as unknown as ImageModelClient;
  const activities = createGenerationActivities({
    payload: payload.client,
    dino: {} as DinoClient,
    imageModel,
    modelId: 'test-model',
    ...(storedFiles ? { storedFiles } : {}),
  });
  const qualities = [];
  for (const attempt of [1, 2]) {
    const generated = await activities.generateCandidate({
      characterDocId: 1,
      characterId: 'ada',
      generationKey: `core:ada:run:0:attempt-${attempt}`,
      prompt: 'Ada, front view',
      referenceMediaIds: [payload.masterDoc.id],
      aspectRatio: '4:5',
    });
    if (generated.kind !== 'image') throw new Error(`no image: ${generated.kind}`);
    qualities.push(
      await activities.measureCandidateQuality({
        mediaId: generated.mediaId,
        referenceMediaIds: [payload.masterDoc.id],
        expectedAspectRatio: '4:5',
      }),
    );
  }
  return { downloads: payload.downloads, qualities };
}

describe('the stored-file cache', () => {
  it('keeps a file by URL and size, and only bytes of the recorded size', () => {
    const cache = createStoredFileCache(1024);
    const bytes = Buffer.alloc(100, 7);
    cache.remember({ url: '/api/media/file/a.png', filesize: 100 }, bytes);
    expect(cache.get({ url: '/api/media/file/a.png', filesize: 100 })).toBe(bytes);
    expect(cache.get({ url: '/api/media/file/a.png', filesize: 99 })).toBeUndefined();
    expect(cache.get({ url: '/api/media/file/b.png', filesize: 100 })).toBeUndefined();
    expect(cache.get({ filesize: 100 })).toBeUndefined();

    cache.remember({ url: '/api/media/file/c.png', filesize: 101 }, bytes);
    expect(cache.get({ url: '/api/media/file/c.png', filesize: 101 })).toBeUndefined();
  });

  it('forgets the least recently used files beyond its budget', () => {
    const cache = createStoredFileCache(250);
    const file = (name: string) => ({ url: `/api/media/file/${name}`, filesize: 100 });
    cache.remember(file('a'), Buffer.alloc(100));
    cache.remember(file('b'), Buffer.alloc(100));
    expect(cache.get(file('a'))).toBeDefined();
    cache.remember(file('c'), Buffer.alloc(100));
    expect(cache.get(file('b'))).toBeUndefined();
    expect(cache.get(file('a'))).toBeDefined();
    expect(cache.get(file('c'))).toBeDefined();
    cache.remember({ url: '/api/media/file/huge', filesize: 300 }, Buffer.alloc(300));
    expect(cache.get({ url: '/api/media/file/huge', filesize: 300 })).toBeUndefined();
  });

  it('spares an angle the downloads of its master and of the candidate just stored, with the same measurements', async () => {
    const without = await oneAngle(undefined, 11);
    const cached = await oneAngle(createStoredFileCache(32 * 1024 * 1024), 11);

    // Without: the master for each model call, then candidate and master for each measurement.
    expect(without.downloads).toHaveLength(6);
    // With: the master once; the candidates were stored by this process and are never downloaded.
    expect(cached.downloads).toEqual(['/api/media/file/master.png']);
    expect(cached.qualities).toEqual(without.qualities);
  }, 60_000);

  it('keeps the master the ingest measured, so the core set after it sends the model the master without a download', async () => {
    const payload = fakePayload(await drawing(320, 400, 1));
    const storedFiles = createStoredFileCache(8 * 1024 * 1024);
    const ingest = ingestActivities(payload, storedFiles);
    await ingest.measureMasterQuality({ characterDocId: 1, characterId: 'ada', mediaId: payload.masterDoc.id, dinoAssetId: 'asset-1' });
    const sentToModel: number[] = [];
    const imageModel = {
      async generateImage(input: { references: Array<{ bytes: Buffer }> }) {
        sentToModel.push(input.references[0]!.bytes.length);
        return {
          kind: 'image',
          bytes: await drawing(320, 400, 9),
          mimeType: 'image/png',
          usage: null,
          costUsd: null,
          finishReason: 'STOP',
        };
      },
    } as unknown as ImageModelClient;
    const generation = createGenerationActivities({
      payload: payload.client,
      dino: {} as DinoClient,
      imageModel,
      modelId: 'm',
      storedFiles,
    });
    await generation.generateCandidate({
      characterDocId: 1,
      characterId: 'ada',
      generationKey: 'core:ada:run:45:attempt-1',
      prompt: 'Ada, three-quarter view',
      referenceMediaIds: [payload.masterDoc.id],
      aspectRatio: '4:5',
    });
    expect(payload.downloads).toEqual(['/api/media/file/master.png']);
    expect(sentToModel).toEqual([payload.masterDoc.filesize]);
  }, 60_000);

  it('downloads a master once for the ingest: the usability check before its upload, then its measurement', async () => {
    const payload = fakePayload(await renderCharacter(randomLook(5), 0, { width: 768, height: 1024 }));
    const uploadedToAnalysis: number[] = [];
    const ingest = ingestActivities(payload, createStoredFileCache(8 * 1024 * 1024), {
      uploadMedia: async (bytes: Buffer) => {
        uploadedToAnalysis.push(bytes.length);
        return { assetId: 'asset-1' };
      },
    });
    const master = { characterDocId: 1, characterId: 'ada', mediaId: payload.masterDoc.id };
    const { dinoAssetId } = await ingest.registerMasterWithAnalysis(master);
    await ingest.measureMasterQuality({ ...master, dinoAssetId });
    expect(dinoAssetId).toBe('asset-1');
    expect(uploadedToAnalysis).toHaveLength(1);
    expect(payload.downloads).toEqual(['/api/media/file/master.png']);
  }, 60_000);
});
