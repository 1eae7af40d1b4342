import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { DinoClient } from '../../clients/dino';
import type { PayloadDoc, PayloadRestClient } from '../../clients/payload/client';
import { PermanentServiceError } from '../../clients/errors';
import {
  analysisAssetFor,
  analysisAssetIfReachable,
  storeAndRegisterForAnalysis,
  uploadMediaForAnalysis,
} from '../../activities/support/analysis-upload';
import { pendingUploadsIn } from '../../activities/support/pending-analysis-uploads';

/** Fakes of the two clients that record what the helper asked of them. */
function fakes(options: { updateFails?: boolean; bytes?: Buffer; knownAssets?: string[]; deleteFailures?: number }) {
  let deleteFailures = options.deleteFailures ?? 0;
  const calls: string[] = [];
  const payload = {
    downloadFile: async (url: string) => {
      calls.push(`download ${url}`);
      return options.bytes!;
    },
    remove: async (collection: string, id: string | number) => {
      calls.push(`remove ${collection}/${id}`);
    },
    update: async (collection: string, id: string | number, data: Record<string, unknown>) => {
      calls.push(`update ${collection}/${id} ${JSON.stringify(data)}`);
      if (options.updateFails) throw new Error('Payload is restarting');
      return { id, ...data };
    },
  } as unknown as PayloadRestClient;
  const dino = {
    uploadMedia: async (bytes: Buffer, file: { filename: string; contentType: string }) => {
      calls.push(`upload ${file.filename} ${file.contentType}`);
      return { assetId: 'asset-1' };
    },
    deleteMedia: async (assetId: string) => {
      calls.push(`delete ${assetId}`);
      if (deleteFailures-- > 0) throw new Error('503 Service Unavailable');
    },
    getMedia: async (assetId: string) => {
      calls.push(`get ${assetId}`);
      if (!options.knownAssets?.includes(assetId))
        throw new PermanentServiceError('Asset not found', { service: 'dino', status: 404, code: 'not_found' });
      return { assetId };
    },
  } as unknown as DinoClient;
  return { payload, dino, calls };
}

const media: PayloadDoc = { id: 5, url: '/api/media/file/ada.webp', filename: 'ada.webp' };
const png = () =>
  sharp({ create: { width: 8, height: 8, channels: 4, background: '#ff000080' } })
    .png()
    .toBuffer();

describe('uploadMediaForAnalysis', () => {
  it('uploads the prepared image and writes the asset id to the media at once', async () => {
    const { payload, dino, calls } = fakes({ bytes: await png() });
    expect(await uploadMediaForAnalysis({ payload, dino }, media, 'The master reference image')).toBe('asset-1');
    expect(calls).toEqual([
      'download /api/media/file/ada.webp',
      'upload ada.png image/png',
      'update media/5 {"dinoAssetId":"asset-1","dinoProcessingStatus":"processing"}',
    ]);
  });

  it('deletes the uploaded asset again when the asset id cannot be written', async () => {
    const { payload, dino, calls } = fakes({ bytes: await png(), updateFails: true });
    await expect(uploadMediaForAnalysis({ payload, dino }, media, 'The generated image')).rejects.toThrow('Payload is restarting');
    expect(calls.at(-1)).toBe('delete asset-1');
  });

  it('tries the delete again when the service refuses it for a moment', async () => {
    const { payload, dino, calls } = fakes({ bytes: await png(), updateFails: true, deleteFailures: 2 });
    await expect(uploadMediaForAnalysis({ payload, dino }, media, 'The generated image')).rejects.toThrow('Payload is restarting');
    expect(calls.filter((call) => call === 'delete asset-1')).toHaveLength(3);
  });

  it('refuses an unreadable file before uploading anything, naming the image', async () => {
    const { payload, dino, calls } = fakes({ bytes: Buffer.from('not an image') });
    const refused = uploadMediaForAnalysis({ payload, dino }, media, 'The generated image');
    await expect(refused).rejects.toThrow(/^The generated image is not a readable image/);
    expect(calls).toEqual(['download /api/media/file/ada.webp']);
  });
});

describe('uploadMediaForAnalysis with a record of pending uploads', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pending-uploads-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const records = () => readdirSync(dir).map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Record<string, unknown>);

  it('keeps the upload recorded while its id is being written, and drops the record once it is', async () => {
    const { payload, dino } = fakes({ bytes: await png() });
    const pendingUploads = pendingUploadsIn(dir);
    let duringWrite: Array<Record<string, unknown>> = [];
    const update = payload.update;
    payload.update = async (...args: Parameters<typeof update>) => {
      duringWrite = records();
      return update(...args);
    };
    await uploadMediaForAnalysis({ payload, dino, pendingUploads }, media, 'The master reference image');
    expect(duringWrite).toEqual([expect.objectContaining({ assetId: 'asset-1', mediaId: 5 })]);
    expect(records()).toEqual([]);
  });

  it('drops the record when the write fails and the asset is deleted again', async () => {
    const { payload, dino } = fakes({ bytes: await png(), updateFails: true });
    await expect(
      uploadMediaForAnalysis({ payload, dino, pendingUploads: pendingUploadsIn(dir) }, media, 'The generated image'),
    ).rejects.toThrow();
    expect(records()).toEqual([]);
  });

  it('keeps the record when the asset could not be deleted either, for the next worker to settle', async () => {
    const { payload, dino, calls } = fakes({ bytes: await png(), updateFails: true, deleteFailures: 4 });
    await expect(
      uploadMediaForAnalysis({ payload, dino, pendingUploads: pendingUploadsIn(dir) }, media, 'The generated image'),
    ).rejects.toThrow();
    expect(calls.filter((call) => call === 'delete asset-1')).toHaveLength(4);
    expect(records()).toEqual([expect.objectContaining({ assetId: 'asset-1', mediaId: 5 })]);
  });
});

describe('analysisAssetFor', () => {
  it('reuses the asset the media names while the service knows it', async () => {
    const { payload, dino, calls } = fakes({ bytes: await png(), knownAssets: ['asset-0'] });
    expect(await analysisAssetFor({ payload, dino }, { ...media, dinoAssetId: 'asset-0' }, 'The generated image')).toBe('asset-0');
    expect(calls).toEqual(['get asset-0']);
  });

  it('uploads again when the named asset is gone (a committed write whose answer was lost, then rolled back)', async () => {
    const { payload, dino, calls } = fakes({ bytes: await png() });
    expect(await analysisAssetFor({ payload, dino }, { ...media, dinoAssetId: 'asset-0' }, 'The generated image')).toBe('asset-1');
    expect(calls.slice(0, 2)).toEqual(['get asset-0', 'download /api/media/file/ada.webp']);
  });
});

describe('storeAndRegisterForAnalysis', () => {
  const stored = (doc: PayloadDoc, calls: string[]) => async () => {
    calls.push('store');
    return doc;
  };

  it('stores the bytes, then registers the same bytes without downloading them again', async () => {
    const { payload, dino, calls } = fakes({});
    const result = await storeAndRegisterForAnalysis({ payload, dino }, await png(), 'The generated image', stored(media, calls));
    expect(result).toEqual({ media, dinoAssetId: 'asset-1' });
    expect(calls).toEqual([
      'store',
      'upload ada.png image/png',
      'update media/5 {"dinoAssetId":"asset-1","dinoProcessingStatus":"processing"}',
    ]);
  });

  it('makes no asset when the bytes could not be stored', async () => {
    const { payload, dino, calls } = fakes({});
    const failing = async () => {
      throw new Error('Payload is restarting');
    };
    await expect(storeAndRegisterForAnalysis({ payload, dino }, await png(), 'The generated image', failing)).rejects.toThrow(
      'Payload is restarting',
    );
    expect(calls).toEqual([]);
  });

  it('deletes the new asset when its id cannot be written, and returns the stored media unregistered for a later try', async () => {
    const { payload, dino, calls } = fakes({ updateFails: true });
    const result = await storeAndRegisterForAnalysis({ payload, dino }, await png(), 'The generated image', stored(media, calls));
    expect(result).toEqual({ media });
    expect(calls.at(-1)).toBe('delete asset-1');
    expect(calls).not.toContain('remove media/5');
  });

  it('returns the stored media unregistered while the analysis service is down, rather than failing with it stored', async () => {
    const { payload, dino, calls } = fakes({});
    dino.uploadMedia = async () => {
      throw new Error('503 Service Unavailable');
    };
    const result = await storeAndRegisterForAnalysis({ payload, dino }, await png(), 'The generated image', stored(media, calls));
    expect(result).toEqual({ media });
    expect(calls).toEqual(['store']);
  });

  it('uses the asset of an earlier try of the same key instead of making another', async () => {
    const { payload, dino, calls } = fakes({ knownAssets: ['asset-0'] });
    const earlier = { ...media, dinoAssetId: 'asset-0' };
    const result = await storeAndRegisterForAnalysis({ payload, dino }, await png(), 'The generated image', stored(earlier, calls));
    expect(result.dinoAssetId).toBe('asset-0');
    expect(calls).toEqual(['store', 'get asset-0']);
  });

  it('removes the stored media when the image is refused for good (nothing would clean it up)', async () => {
    const { payload, dino, calls } = fakes({});
    await expect(
      storeAndRegisterForAnalysis({ payload, dino }, Buffer.from('not an image'), 'The generated image', stored(media, calls)),
    ).rejects.toThrow(/^The generated image is not a readable image/);
    expect(calls).toEqual(['store', 'remove media/5']);
  });
});

describe('analysisAssetIfReachable', () => {
  it('gives no asset while the service cannot be reached, and throws a refusal for good', async () => {
    const { payload, dino } = fakes({ bytes: await png() });
    dino.uploadMedia = async () => {
      throw new Error('503 Service Unavailable');
    };
    await expect(analysisAssetIfReachable({ payload, dino }, media, 'The generated image')).resolves.toBeUndefined();
    const unreadable = fakes({ bytes: Buffer.from('not an image') });
    await expect(analysisAssetIfReachable(unreadable, media, 'The generated image')).rejects.toThrow(/not a readable image/);
  });
});
