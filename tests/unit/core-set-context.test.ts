import { createCoreSetActivities } from '../../activities/core-set/activities';
import { createProductionShotActivities } from '../../activities/production-shot/activities';
import type { PayloadDoc, PayloadRestClient } from '../../clients/payload/client';

const character: PayloadDoc = {
  id: 7,
  name: 'Ada Park',
  physicalDescription: 'Tall, short black hair.',
  clothing: 'Green coat.',
  masterReferenceImage: 'master-2',
  masterIngest: { status: 'ready', engineId: 'classical-v2' },
};

/** Core images as Payload answers the run's query (core references of the character, best consistency first). */
const updatedAt = '2026-11-28T08:00:00.000Z';
const coreImages: PayloadDoc[] = [
  // A core image of the earlier master, not yet retired when the run starts.
  { id: 'i1', angle: 90, imageFile: 'old-90', madeForMaster: 'master-1', consistencyScore: 95, updatedAt },
  { id: 'i2', angle: 45, imageFile: 'best-45', madeForMaster: { id: 'master-2' }, consistencyScore: 90, updatedAt },
  { id: 'i3', angle: 45, imageFile: 'second-45', madeForMaster: 'master-2', consistencyScore: 80, updatedAt },
  { id: 'i4', angle: 180, imageFile: { id: 'back-180' }, madeForMaster: 'master-2', consistencyScore: 70, updatedAt },
];

/** Payload whose answers wait until every read of the context has been asked, as a slow app would make them. */
function payloadAnsweringOnceAllAsked(expectedReads: number, images: PayloadDoc[] = coreImages) {
  const asked: string[] = [];
  let release: () => void = () => undefined;
  const allAsked = new Promise<void>((resolve) => (release = resolve));
  const answer = async <T>(what: string, value: T): Promise<T> => {
    asked.push(what);
    if (asked.length >= expectedReads) release();
    await allAsked;
    return value;
  };
  const client = {
    findById: (collection: string) => answer(`read ${collection}`, character),
    getGlobal: (slug: string) => answer(`read ${slug}`, { maxAttemptsPerAngle: 2, coreSetConcurrency: 8 }),
    find: (collection: string, where: Record<string, unknown>) => {
      expect(where).toMatchObject({ character: { equals: 7 }, isCoreReference: { equals: true } });
      return answer(`find ${collection}`, { docs: images, totalDocs: images.length });
    },
  };
  return { client: client as unknown as PayloadRestClient, asked };
}

describe('loadCoreSetContext', () => {
  it("asks for the character, the QA settings and the character's core images at once, and keeps the current master's best view per angle", async () => {
    const payload = payloadAnsweringOnceAllAsked(3);
    const activities = createCoreSetActivities({ payload: payload.client, temporalUiUrl: 'http://ui', namespace: 'default' });
    const context = await Promise.race([
      activities.loadCoreSetContext({ characterDocId: 7 }),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`the reads were asked one after another: ${payload.asked.join(', ')}`)), 10_000).unref(),
      ),
    ]);
    expect(payload.asked.sort()).toEqual(['find character-images', 'read characters', 'read qa-settings']);
    expect(context.masterMediaId).toBe('master-2');
    expect(context.acceptedViews).toEqual({ '45': 'best-45', '180': 'back-180' });
    expect(context.maxAttempts).toBe(2);
  }, 30_000);
});

describe('loadProductionShotContext', () => {
  it("asks for its three reads at once and takes references only from the current master's core set", async () => {
    const payload = payloadAnsweringOnceAllAsked(3);
    const activities = createProductionShotActivities({ payload: payload.client });
    const context = await Promise.race([
      activities.loadProductionShotContext({ characterDocId: 7 }),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`the reads were asked one after another: ${payload.asked.join(', ')}`)), 10_000).unref(),
      ),
    ]);
    expect(context.referenceMediaIds[0]).toBe('master-2');
    expect(context.referenceMediaIds).not.toContain('old-90');
  }, 30_000);

  it('refuses a shot when only an earlier master has a core set', async () => {
    const payload = payloadAnsweringOnceAllAsked(3, [coreImages[0]!]);
    const activities = createProductionShotActivities({ payload: payload.client });
    await expect(activities.loadProductionShotContext({ characterDocId: 7 })).rejects.toThrow('Ada Park has no approved core set yet.');
  }, 30_000);
});
