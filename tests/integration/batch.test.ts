import { PROGRESS_QUERY, workflowIds, type CoreSetBatchProgress, type CoreSetProgress } from '../../contracts';
import { randomLook, renderCharacter } from '../../local-services/gemini/renderer';
import { createCharacterWithMaster, waitForMasterReady, type CreatedCharacter } from '../../test-system/characters';
import { clearFaults, queueFaults } from '../../test-system/gemini-control';
import { waitFor } from '../../test-system/ports';
import type { RestSession } from '../../test-system/rest';
import { startTestSystem, type TestSystem } from '../../test-system/system';
import { fromGlobalSetup } from '../support/from-global-setup';
import { recordHistory } from '../support/histories';

interface StartedBatch {
  batchId: string;
  workflowId: string;
  runId: string;
  url: string;
  joinedExisting: boolean;
  skipped: Array<{ characterDocId: string | number; name: string; reason: string }>;
}

/** A batch of core sets through REST on the real system: Payload, the Temporal dev server, the worker, the stand-ins. */
describe('core-set batches', () => {
  let system: TestSystem;
  let editor: RestSession;
  let viewer: RestSession;
  let seed = 300;

  beforeAll(async () => {
    // The app estimates time left from the rate the workers keep; far above what these runs ask for.
    system = await startTestSystem({ ...fromGlobalSetup(), modelRequestsPerMinute: 600 });
    await system.startWorker();
    editor = await system.session('editor');
    viewer = await system.session('viewer');
  });

  afterAll(async () => {
    await system?.stop();
  });

  afterEach(async () => {
    await clearFaults(system.gemini.url);
  });

  async function characterWithMaster(name: string): Promise<CreatedCharacter> {
    const master = await renderCharacter(randomLook(seed++), 0, { width: 768, height: 1024 });
    const character = await createCharacterWithMaster(
      editor,
      { name, physicalDescription: 'Lean, curly red hair.', clothing: 'A green coat and brown boots.' },
      { bytes: master, filename: `${name}.png`, mimeType: 'image/png' },
    );
    await waitForMasterReady(system.temporal, character);
    return character;
  }

  async function characterWithoutMaster(name: string) {
    const created = await editor.request('POST', '/api/characters', { name });
    expect(created.status).toBe(201);
    return created.body.doc as { id: number | string; name: string; characterId: string };
  }

  async function startBatch(characterIds: Array<number | string>) {
    const response = await editor.request('POST', '/api/characters/core-set-batch', { characterIds });
    expect([200, 201]).toContain(response.status);
    return { status: response.status, batch: response.body as StartedBatch };
  }

  it('runs the selected core sets, lists the character without a master as skipped, and reports progress and cost', async () => {
    const [ana, bo] = await Promise.all([characterWithMaster('Ana Batch'), characterWithMaster('Bo Batch')]);
    const nomaster = await characterWithoutMaster('Cleo Nomaster');

    const refused = await viewer.request('POST', '/api/characters/core-set-batch', { characterIds: [ana.id] });
    expect(refused.status).toBe(403);
    const invalid = await editor.request('POST', '/api/characters/core-set-batch', { characterIds: [] });
    expect(invalid.status).toBe(400);
    const nothingToRun = await editor.request('POST', '/api/characters/core-set-batch', { characterIds: [nomaster.id] });
    expect(nothingToRun.status).toBe(409);
    expect(nothingToRun.body.error).toMatch(/Cleo Nomaster: No ingested master reference \(not_started\)/);

    const { status, batch } = await startBatch([ana.id, bo.id, nomaster.id]);
    expect(status).toBe(201);
    expect(batch.workflowId).toBe(workflowIds.coreSetBatch(batch.batchId));
    expect(batch.skipped).toEqual([
      { characterDocId: nomaster.id, name: 'Cleo Nomaster', reason: 'No ingested master reference (not_started).' },
    ]);
    // The same selection again (any order) is the same batch while it runs.
    const again = await startBatch([nomaster.id, bo.id, ana.id]);
    expect(again).toMatchObject({ status: 200, batch: { batchId: batch.batchId, runId: batch.runId, joinedExisting: true } });

    const result = await system.temporal.workflow.getHandle(batch.workflowId).result();
    const progress = result as CoreSetBatchProgress;
    await recordHistory(system.temporal, batch.workflowId, 'core-set-batch-finished');
    expect(progress.status).toBe('finished');
    expect(progress.counts).toMatchObject({ total: 3, done: 2, skipped: 1, failed: 0, inReview: 0, running: 0, queued: 0 });
    expect(progress.spentUsd).toBeGreaterThan(0);
    expect(progress.estimatedSecondsLeft).toBe(0);
    // The Web UI shows the memo without a query.
    const description = await system.temporal.workflow.getHandle(batch.workflowId).describe();
    expect(description.memo?.progress).toMatch(/^finished: 2\/3 done, 0 in review, .* 1 skipped; \$\d+\.\d\d spent$/);

    // The admin reads the same through REST; the children are the characters' own core-set runs.
    const { status: readStatus, body: read } = await viewer.request('GET', `/api/characters/core-set-batch/${batch.batchId}`);
    expect(readStatus).toBe(200);
    expect(read).toMatchObject({ batchId: batch.batchId, status: 'COMPLETED', progress: { status: 'finished', counts: { done: 2 } } });
    const { body: listed } = await viewer.request('GET', '/api/characters/core-set-batch');
    expect(listed.batches.map((entry: { batchId: string }) => entry.batchId)).toContain(batch.batchId);
    for (const character of [ana, bo]) {
      const child = await system.temporal.workflow.getHandle(workflowIds.coreSet(character.characterId)).describe();
      expect(child.parentExecution?.workflowId).toBe(batch.workflowId);
      const { body: after } = await editor.request('GET', `/api/characters/${character.id}?depth=0`);
      expect(after.coreSet.status).toBe('complete');
      expect(after.costs.totalUsd).toBeGreaterThan(0);
    }
    expect(
      await system.temporal.workflow
        .getHandle(workflowIds.coreSet(nomaster.characterId))
        .describe()
        .catch(() => null),
    ).toBeNull();
  });

  it('cancels through REST: its core sets end cancelled, each with its state and cost recorded', async () => {
    const dax = await characterWithMaster('Dax Slow');
    const nomaster = await characterWithoutMaster('Eli Nomaster');
    // Every view of Dax takes a minute at the model: the batch is still running when it is cancelled.
    await queueFaults(
      system.gemini.url,
      Array.from({ length: 8 }, () => ({ fault: 'slow', delayMs: 60_000, match: 'Dax Slow' })),
    );
    const { batch } = await startBatch([dax.id, nomaster.id]);
    const handle = system.temporal.workflow.getHandle(batch.workflowId);
    await waitFor(
      'the batch to have started Dax',
      async () => (await handle.query<CoreSetBatchProgress>(PROGRESS_QUERY)).counts.running === 1,
      60_000,
    );
    const midway = await handle.query<CoreSetBatchProgress>(PROGRESS_QUERY);
    expect(midway.remainingGenerations).toBeGreaterThan(0);
    expect(midway.estimatedSecondsLeft).toBeGreaterThan(0);

    expect((await viewer.request('POST', `/api/characters/core-set-batch/${batch.batchId}/cancel`)).status).toBe(403);
    const cancel = await editor.request('POST', `/api/characters/core-set-batch/${batch.batchId}/cancel`);
    expect(cancel.status).toBe(202);
    await expect(handle.result()).rejects.toThrow();
    await recordHistory(system.temporal, batch.workflowId, 'core-set-batch-cancelled');
    expect((await editor.request('POST', `/api/characters/core-set-batch/${batch.batchId}/cancel`)).status).toBe(409);

    const child = system.temporal.workflow.getHandle(workflowIds.coreSet(dax.characterId));
    expect((await child.describe()).status.name).toBe('CANCELLED');
    expect((await child.query<CoreSetProgress>(PROGRESS_QUERY)).status).toBe('cancelled');
    const { body: read } = await editor.request('GET', `/api/characters/core-set-batch/${batch.batchId}`);
    expect(read.status).toBe('CANCELLED');
    expect(read.progress.characters).toEqual([
      expect.objectContaining({ name: 'Dax Slow', state: 'cancelled', reason: 'Cancelled with the batch.' }),
      expect.objectContaining({ name: 'Eli Nomaster', state: 'skipped' }),
    ]);
    const { body: after } = await editor.request('GET', `/api/characters/${dax.id}?depth=0`);
    expect(after.coreSet.status).toBe('cancelled');
    const { body: costs } = await system.admin.request(
      'GET',
      `/api/generation-runs?where[workflowId][equals]=core-set:${dax.characterId}&depth=0`,
    );
    expect(costs.docs.map((run: { outcome: string }) => run.outcome)).toEqual(['cancelled']);
  });
});
