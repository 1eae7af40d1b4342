import type { ChildProcess } from 'node:child_process';
import { renderCharacter, randomLook } from '../../local-services/gemini/renderer';
import { createCharacterWithMaster } from '../../test-system/characters';
import { queueFaults } from '../../test-system/gemini-control';
import { waitFor } from '../../test-system/ports';
import { startTestSystem, type TestSystem } from '../../test-system/system';
import { fromGlobalSetup } from '../support/from-global-setup';
import type { Json } from '../../test-system/json';

/** Longer than the gap between seeing the first angles saved and the kill can be, even on a loaded machine. */
const SLOW_HALF_MS = 60_000;

/**
 * Durability as an operator sees it: the worker process is killed (SIGKILL, no clean shutdown) in the middle of
 * a core set, a new one starts, and the run completes with every angle saved exactly once.
 */
describe('worker killed mid-run', () => {
  let system: TestSystem;
  const processes: ChildProcess[] = [];

  beforeAll(async () => {
    // Slow answers from the image model keep the run in flight long enough to kill the worker during it.
    system = await startTestSystem({ ...fromGlobalSetup(), geminiLatencyMs: 700 });
  });

  afterAll(async () => {
    for (const child of processes) {
      if (child.exitCode !== null || !child.pid) continue;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await system?.stop();
  });

  function startWorkerProcess(): ChildProcess {
    const child = system.spawnWorkerProcess();
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    (child as ChildProcess & { output: () => string }).output = () => output;
    processes.push(child);
    return child;
  }

  it('resumes on a new worker with no lost and no duplicate gallery images', async () => {
    const first = startWorkerProcess();
    const editor = await system.session('editor');
    const master = await renderCharacter(randomLook(900), 0, { width: 768, height: 1024 });
    const character = await createCharacterWithMaster(
      editor,
      { name: 'Hal Brook' },
      { bytes: master, filename: 'hal.png', mimeType: 'image/png' },
    );
    await waitFor(
      'master ready',
      async () => {
        const { body } = await editor.request('GET', `/api/characters/${character.id}?depth=0`);
        return body.masterIngest.status === 'ready';
      },
      60_000,
      500,
    );

    // All eight angles run at once: with the same latency for each they land together, and a slow machine could see
    // them all saved before the kill. Half of them wait much longer at the model, so the kill is always mid-run.
    await queueFaults(
      system.gemini.url,
      Array.from({ length: 4 }, () => ({ fault: 'slow', delayMs: SLOW_HALF_MS, match: 'Hal Brook' })),
    );
    const started = await editor.request('POST', `/api/characters/${character.id}/core-set`, {});
    expect(started.status).toBe(201);
    const countImages = async () => {
      const { body } = await system.admin.request('GET', `/api/character-images?where[character][equals]=${character.id}&limit=0`);
      return body.totalDocs as number;
    };
    await waitFor(
      'some angles saved',
      async () => {
        if (first.exitCode !== null)
          throw new Error(`the worker exited early:\n${(first as ChildProcess & { output: () => string }).output()}`);
        return (await countImages()) >= 2;
      },
      90_000,
      200,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- worker output ---\n${(first as ChildProcess & { output: () => string }).output()}`);
    });
    const savedBeforeKill = await countImages();
    process.kill(-first.pid!, 'SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    expect(savedBeforeKill).toBeLessThan(8);

    startWorkerProcess();
    const result = await system.temporal.workflow.getHandle(started.body.workflowId).result();
    expect(result.status).toBe('complete');

    const { body } = await system.admin.request('GET', `/api/character-images?where[character][equals]=${character.id}&limit=100&depth=0`);
    expect(body.totalDocs).toBe(8);
    expect(new Set(body.docs.map((image: Json) => image.angle)).size).toBe(8);
    expect(new Set(body.docs.map((image: Json) => image.generationKey)).size).toBe(8);
    const { body: media } = await system.admin.request(
      'GET',
      `/api/media?where[generationKey][like]=core:${character.characterId}:&limit=0`,
    );
    expect(media.totalDocs).toBe(8);
  }, 240_000);
});
