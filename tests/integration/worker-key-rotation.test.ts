import { randomBytes } from 'node:crypto';
import { createDinoClient } from '../../clients/dino';
import { createImageModelClient } from '../../clients/gemini';
import { WORKER_PREVIOUS_KEY_SYSTEM_ACCOUNT, WORKER_SYSTEM_ACCOUNT, workflowIds } from '../../contracts';
import { createCharacterWithMaster, workflowResult } from '../../test-system/characters';
import { startWorkerWithKey, type KeyedWorker } from '../../test-system/keyed-worker';
import { RestSession } from '../../test-system/rest';
import { GEMINI_KEY, IMAGE_MODEL, startTestSystem, type TestSystem } from '../../test-system/system';
import { checkDependencies } from '../../workers/startup-checks';
import { fromGlobalSetup } from '../support/from-global-setup';
import { figurePng } from '../support/images';

/**
 * Rotating WORKER_API_KEY without a moment in which a running worker holds no valid key: the app is redeployed with
 * the new key and the previous one, workers move to the new key one by one, and the app's next start without the
 * previous key retires it.
 */
describe("rotating the worker's API key", () => {
  let system: TestSystem;
  const workers: KeyedWorker[] = [];
  let oldKey: string;
  const newKey = randomBytes(24).toString('hex');

  beforeAll(async () => {
    system = await startTestSystem(fromGlobalSetup());
    oldKey = system.payload.workerApiKey;
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await system?.stop();
  });

  const accountOf = async (apiKey: string) =>
    ((await RestSession.withApiKey(system.payload.url, apiKey).request('GET', '/api/users/me')).body.user ?? null) as {
      role: string;
      systemAccount: string;
    } | null;

  /** What a worker (re)starting with this key checks first: that the key is one of the system's worker accounts. */
  const workerStartsWith = (apiKey: string) =>
    checkDependencies({
      payloadUrl: system.payload.url,
      apiKey,
      dino: createDinoClient({ baseUrl: system.dino.url }),
      imageModel: createImageModelClient({ apiKey: GEMINI_KEY, model: IMAGE_MODEL, baseUrl: system.gemini.url }),
      waitMs: 5_000,
    });

  /** The app stopped and started again with changed settings, on the same address, database and files. */
  async function redeploy(envChanges: Record<string, string | undefined>) {
    await system.payload.stop();
    await system.payload.restart(envChanges);
  }

  /** A master-reference ingest, start to end: the worker reads and writes Payload with its key at every step. */
  async function ingestMaster(label: string): Promise<string> {
    const editor = await system.session('editor');
    const { doc, media } = await createCharacterWithMaster(
      editor,
      { name: `Rotation ${label} ${randomBytes(3).toString('hex')}` },
      { bytes: await figurePng({ jacket: '#1d6b8c' }), filename: `${label}.png`, mimeType: 'image/png' },
    );
    const result = await workflowResult(system.temporal, workflowIds.masterReference(doc.characterId, media.id), 120_000);
    return result.status as string;
  }

  it('keeps a worker on the old key working during the roll, takes the new key, then refuses the old one', async () => {
    const onOldKey = await startWorkerWithKey(system, fromGlobalSetup().workflowBundlePath, oldKey);
    workers.push(onOldKey);
    expect(await ingestMaster('before')).toBe('ready');

    // 1. The app is redeployed with the new key and the previous one: both are valid, each on a system account.
    await redeploy({ WORKER_API_KEY: newKey, WORKER_API_KEY_PREVIOUS: oldKey });
    expect(await accountOf(newKey)).toMatchObject({ role: 'service', systemAccount: WORKER_SYSTEM_ACCOUNT });
    expect(await accountOf(oldKey)).toMatchObject({ role: 'service', systemAccount: WORKER_PREVIOUS_KEY_SYSTEM_ACCOUNT });
    await expect(workerStartsWith(oldKey)).resolves.toBeUndefined();
    await expect(workerStartsWith(newKey)).resolves.toBeUndefined();
    // The worker still on the old key does a whole ingest.
    expect(await ingestMaster('during')).toBe('ready');

    // 2. Workers move to the new key one by one: the new one starts, then the old one stops.
    const onNewKey = await startWorkerWithKey(system, fromGlobalSetup().workflowBundlePath, newKey);
    workers.push(onNewKey);
    await onOldKey.stop();
    workers.splice(workers.indexOf(onOldKey), 1);
    expect(await ingestMaster('rolled')).toBe('ready');

    // 3. The next start without the previous key retires it.
    await redeploy({ WORKER_API_KEY_PREVIOUS: undefined });
    expect(await accountOf(oldKey)).toBeNull();
    expect((await RestSession.withApiKey(system.payload.url, oldKey).request('GET', '/api/characters?limit=1')).status).toBe(403);
    await expect(workerStartsWith(oldKey)).rejects.toThrow(/not the key of a Payload service user/);
    const { body: retired } = await system.admin.request(
      'GET',
      `/api/users?where[systemAccount][equals]=${WORKER_PREVIOUS_KEY_SYSTEM_ACCOUNT}&depth=0`,
    );
    expect(retired.docs).toEqual([expect.objectContaining({ enableAPIKey: false })]);
    expect(await accountOf(newKey)).toMatchObject({ systemAccount: WORKER_SYSTEM_ACCOUNT });
    expect(await ingestMaster('after')).toBe('ready');
  });
});
