import { MockActivityEnvironment } from '@temporalio/testing';
import { createGenerationActivities, type GenerateCandidateInput } from '../../activities/generation/activities';
import { PermanentServiceError } from '../../clients/errors';
import type { DinoClient } from '../../clients/dino';
import type { ImageModelClient } from '../../clients/gemini';
import type { PayloadDoc, PayloadRestClient } from '../../clients/payload/client';

const KEY = 'core:ada:run-1:0:attempt-1';
const request: GenerateCandidateInput = {
  characterDocId: 1,
  characterId: 'ada',
  generationKey: KEY,
  prompt: 'Ada, front view',
  referenceMediaIds: ['master'],
  aspectRatio: '4:5',
};

/** Payload in memory, media only, counting lookups by key; the key is unique, as the real collection's is. */
function fakePayload(earlier?: PayloadDoc) {
  const media = new Map<string, PayloadDoc>([['master', { id: 'master', url: '/api/media/file/master.png', filesize: 3 }]]);
  if (earlier) media.set(String(earlier.id), earlier);
  const lookups: string[] = [];
  const client = {
    async findFirst(_collection: string, where: { generationKey: { equals: string } }) {
      lookups.push(where.generationKey.equals);
      return [...media.values()].find((doc) => doc.generationKey === where.generationKey.equals);
    },
    async findById(_collection: string, id: string) {
      return media.get(id)!;
    },
    async downloadFile() {
      return Buffer.from('png');
    },
    async uploadMedia(_bytes: Buffer, file: { extra: { generationKey: string } }) {
      if ([...media.values()].some((doc) => doc.generationKey === file.extra.generationKey)) {
        throw new PermanentServiceError('Payload refused: The following field is invalid: generationKey', {
          service: 'payload',
          status: 400,
          code: 'invalid',
        });
      }
      const doc = { id: `made-${media.size}`, generationKey: file.extra.generationKey, url: '/api/media/file/made.png', filesize: 3 };
      media.set(doc.id, doc);
      return doc;
    },
  };
  return { client: client as unknown as PayloadRestClient, lookups };
}

function countingModel() {
  const calls: string[] = [];
  const model = {
    async generateImage(input: { prompt: string }) {
      calls.push(input.prompt);
      return { kind: 'image', bytes: Buffer.from('png'), mimeType: 'image/png', usage: null, costUsd: 0.04, finishReason: 'STOP' };
    },
  } as unknown as ImageModelClient;
  return { model, calls };
}

async function generateOnAttempt(attempt: number, payload: PayloadRestClient, imageModel: ImageModelClient) {
  const activities = createGenerationActivities({ payload, dino: {} as DinoClient, imageModel, modelId: 'test-model' });
  return new MockActivityEnvironment({ attempt }).run(activities.generateCandidate, request);
}

describe('a generation tried again under its key', () => {
  it('does not look for an earlier image on its first try, which cannot have made one', async () => {
    const payload = fakePayload();
    const { model, calls } = countingModel();
    const result = await generateOnAttempt(1, payload.client, model);
    expect(result).toMatchObject({ kind: 'image', mediaId: 'made-1' });
    expect(payload.lookups).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('on a retry, finds the image an earlier try stored and does not ask the model again', async () => {
    const earlier = { id: 'earlier', generationKey: KEY, url: '/api/media/file/earlier.png', filesize: 3, generation: { costUsd: 0.04 } };
    const payload = fakePayload(earlier);
    const { model, calls } = countingModel();
    const result = await generateOnAttempt(2, payload.client, model);
    expect(result).toMatchObject({ kind: 'image', mediaId: 'earlier', costUsd: 0.04 });
    expect(payload.lookups).toEqual([KEY]);
    expect(calls).toHaveLength(0);
  });

  it('a first try that meets an image already stored under its key (a re-run after a reset) answers with that image', async () => {
    const earlier = { id: 'earlier', generationKey: KEY, url: '/api/media/file/earlier.png', filesize: 3 };
    const payload = fakePayload(earlier);
    const { model } = countingModel();
    const result = await generateOnAttempt(1, payload.client, model);
    expect(result).toMatchObject({ kind: 'image', mediaId: 'earlier' });
    expect(payload.lookups).toEqual([KEY]);
  });
});
