import { MockActivityEnvironment } from '@temporalio/testing';
import { createGenerationActivities, type SaveGalleryImageInput } from '../../activities/generation/activities';
import { PermanentServiceError, TransientServiceError } from '../../clients/errors';
import type { DinoClient } from '../../clients/dino';
import type { ImageModelClient } from '../../clients/gemini';
import type { PayloadDoc, PayloadRestClient } from '../../clients/payload/client';

const save: SaveGalleryImageInput = {
  generationKey: 'core:ada:run-1:45:attempt-1',
  madeForMasterMediaId: 'master',
  characterDocId: 'ada',
  kind: 'core',
  angle: 45,
  shotType: 'turnaround_45',
  mediaId: 'candidate',
  passed: true,
  awaitingReview: false,
  qualityScore: 91,
  consistencyScore: 88,
  validationNotes: 'Passed all automated checks.',
  provenance: {},
  measurements: {},
  dinoAssetId: 'asset-1',
  workflowId: 'core-set-ada',
  workflowRunId: 'run-1',
};

/**
 * Payload in memory: the candidate's media and gallery documents under a unique key. The media's
 * status write waits for `mediaWrite` to be settled by the test, so what runs while it is in flight can be seen.
 */
function fakePayload() {
  const events: string[] = [];
  const images = new Map<string, PayloadDoc>();
  const media: PayloadDoc = { id: 'candidate' };
  let settleMediaWrite: (outcome: 'ok' | 'fail') => void = () => undefined;
  const client = {
    async findById(collection: string, id: string) {
      events.push(`read ${collection}/${id}`);
      return { id };
    },
    async findFirst(_collection: string, where: { generationKey: { equals: string } }) {
      return [...images.values()].find((doc) => doc.generationKey === where.generationKey.equals);
    },
    async create(collection: string, data: PayloadDoc) {
      if ([...images.values()].some((doc) => doc.generationKey === data.generationKey)) {
        throw new PermanentServiceError('The following field is invalid: generationKey', {
          service: 'payload',
          status: 400,
          code: 'invalid',
        });
      }
      events.push(`create ${collection}`);
      const doc = { ...data, id: `image-${images.size + 1}` };
      images.set(doc.id, doc);
      return doc;
    },
    async update(collection: string, id: string, data: PayloadDoc) {
      if (collection === 'character-images') {
        events.push(`update ${collection}/${id}`);
        images.set(id, { ...images.get(id)!, ...data });
        return images.get(id)!;
      }
      events.push(`media write begins`);
      const outcome = await new Promise<'ok' | 'fail'>((resolve) => (settleMediaWrite = resolve));
      events.push(`media write ${outcome}`);
      if (outcome === 'fail') throw new TransientServiceError('Payload is restarting', { service: 'payload', code: 'unavailable' });
      Object.assign(media, data);
      return media;
    },
  };
  return {
    client: client as unknown as PayloadRestClient,
    events,
    images,
    media,
    settleMediaWrite: (outcome: 'ok' | 'fail') => settleMediaWrite(outcome),
  };
}

function saveOnAttempt(attempt: number, payload: PayloadRestClient) {
  const activities = createGenerationActivities({ payload, dino: {} as DinoClient, imageModel: {} as ImageModelClient, modelId: 'm' });
  return new MockActivityEnvironment({ attempt }).run(activities.saveGalleryImage, save);
}

/** Waits (without a fixed sleep) until the fake has seen `event`; the deadline only turns a hang into a failure. */
async function seen(events: string[], event: string, deadlineMs = 10_000): Promise<void> {
  const giveUpAt = Date.now() + deadlineMs;
  while (!events.includes(event)) {
    if (Date.now() > giveUpAt) throw new Error(`never saw "${event}"; saw: ${events.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('saveGalleryImage', () => {
  it("writes the gallery document while the media's status write is still under way, and answers after both", async () => {
    const payload = fakePayload();
    let answered = false;
    const saving = saveOnAttempt(1, payload.client).then((result) => {
      answered = true;
      return result;
    });
    await seen(payload.events, 'create character-images');
    // A first try reads nothing first: the master is checked by the save itself (Payload's core-set-follows-master).
    expect(payload.events).toEqual(['media write begins', 'create character-images']);
    expect(answered).toBe(false);
    payload.settleMediaWrite('ok');
    expect(await saving).toEqual({ imageId: 'image-1' });
    expect(payload.media.dinoProcessingStatus).toBe('validation_success');
    expect(payload.images.get('image-1')).toMatchObject({ isCoreReference: true, imageFile: 'candidate' });
  }, 30_000);

  it('fails when the media cannot be marked, and its retry updates the document the first try wrote instead of making another', async () => {
    const payload = fakePayload();
    const first = saveOnAttempt(1, payload.client);
    await seen(payload.events, 'create character-images');
    payload.settleMediaWrite('fail');
    await expect(first).rejects.toThrow('Payload is restarting');

    const retry = saveOnAttempt(2, payload.client);
    await seen(payload.events, 'update character-images/image-1');
    payload.settleMediaWrite('ok');
    expect(await retry).toEqual({ imageId: 'image-1' });
    expect(payload.images.size).toBe(1);
    expect(payload.media.dinoProcessingStatus).toBe('validation_success');
  }, 30_000);
});
