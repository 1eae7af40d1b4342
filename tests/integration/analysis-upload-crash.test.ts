import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { renderCharacter, randomLook } from '../../local-services/gemini/renderer';
import { createCharacterWithMaster, waitForMasterReady } from '../../test-system/characters';
import { waitFor } from '../../test-system/ports';
import { startReverseProxy } from '../../test-system/reverse-proxy';
import { startTestSystem, type TestSystem } from '../../test-system/system';
import { workerProcess, type WorkerProcess } from '../../test-system/worker-process';
import { fromGlobalSetup } from '../support/from-global-setup';

/**
 * Between Payload and the first worker: forwards every request, except that it holds, unanswered and unforwarded,
 * the first write of an analysis asset's id to a media document. That is the moment a crash leaves an asset nobody
 * can find: the analysis service has answered the upload, and Payload never learns the id.
 */
async function startIdWriteTrap(upstream: string): Promise<{ url: string; held: Promise<string>; close(): Promise<void> }> {
  let holding = false;
  let announceHeld: (body: string) => void = () => undefined;
  const held = new Promise<string>((resolve) => (announceHeld = resolve));
  const proxy = await startReverseProxy({
    upstream,
    hold: ({ method, url, body }) => {
      if (holding || method !== 'PATCH' || !/^\/api\/media\/[^/?]+/.test(url) || !body.includes('"dinoAssetId"')) return false;
      holding = true;
      announceHeld(body.toString());
      return true;
    },
  });
  return { url: proxy.url, held, close: () => proxy.close() };
}

/**
 * A worker killed -9 after the analysis service answered an upload and before the asset's id reached Payload: the
 * next worker process on the host finds the upload's record, sees that no media names the asset, and deletes it.
 */
describe('a worker killed between an analysis upload and the write of its id', () => {
  let system: TestSystem;
  let trap: Awaited<ReturnType<typeof startIdWriteTrap>> | undefined;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    system = await startTestSystem(fromGlobalSetup());
  });

  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await trap?.close();
    await system?.stop();
  });

  function startWorker(env: Record<string, string>): WorkerProcess {
    const worker = workerProcess(() => system.spawnWorkerProcess(env));
    worker.start();
    workers.push(worker);
    return worker;
  }

  const analysisAssets = async (): Promise<string[]> =>
    ((await (await fetch(`${system.dino.url}/_control/assets`)).json()) as { assetIds: string[] }).assetIds;

  it("leaves no asset behind once the next worker has started, and the master's ingest still completes", async () => {
    // Both workers record in one folder, as two worker processes on one host do (they reach Payload differently here).
    const stateDir = mkdtempSync(path.join(fromGlobalSetup().tmpDir, 'worker-state-'));
    trap = await startIdWriteTrap(system.payload.url);
    const first = startWorker({ PAYLOAD_URL: trap.url, WORKER_STATE_DIR: stateDir });

    const editor = await system.session('editor');
    const master = await renderCharacter(randomLook(910), 0, { width: 768, height: 1024 });
    const character = await createCharacterWithMaster(
      editor,
      { name: 'Ines Vale' },
      { bytes: master, filename: 'ines.png', mimeType: 'image/png' },
    );

    const heldWrite = await Promise.race([
      trap.held,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no asset id was written within 120 s:\n${first.output()}`)), 120_000).unref(),
      ),
    ]);
    const assetId = (JSON.parse(heldWrite) as { dinoAssetId: string }).dinoAssetId;
    await first.kill();

    // What the crash left: an asset the service holds and no media names.
    expect(await analysisAssets()).toContain(assetId);
    const named = async () => {
      const { body } = await system.admin.request('GET', `/api/media?where[dinoAssetId][equals]=${assetId}&limit=0`);
      return body.totalDocs as number;
    };
    expect(await named()).toBe(0);

    const second = startWorker({ WORKER_STATE_DIR: stateDir });
    await waitFor(
      'the orphaned asset deleted by the next worker',
      async () => {
        if (second.exitedUnexpectedly()) throw new Error(`the second worker exited:\n${second.output()}`);
        return !(await analysisAssets()).includes(assetId);
      },
      120_000,
      250,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- second worker ---\n${second.output()}`);
    });

    await waitForMasterReady(system.temporal, character);
    const { body: media } = await system.admin.request('GET', `/api/media/${character.media.id}?depth=0`);
    const assets = await analysisAssets();
    expect(assets).toEqual([media.dinoAssetId]);
    expect(assets).not.toContain(assetId);
    expect(second.output()).toMatch(/analysis uploads left by a stopped worker settled/);
  }, 300_000);
});
