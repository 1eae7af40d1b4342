/**
 * `npm run bench`: how well the core set parallelises, and what orchestration costs per image.
 *
 * Starts the real system (Temporal dev server, Payload on a temporary SQLite file, an in-process worker, both
 * stand-ins), with the image-model stand-in answering after a fixed latency L (BENCH_LATENCY_MS, default 1500 ms,
 * a realistic order for image generation). Prints:
 * - single: wall time of a one-angle core set;
 * - ratio at concurrency 1 and 8: 8-angle wall time ÷ single (ideal: 8 and 1);
 * - overhead per image: (wall time − time spent inside the stand-ins) ÷ images, at concurrency 1 where nothing
 *   overlaps (Temporal, Payload REST, uploads, hashing, decoding: everything that is ours).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CORE_SET_ANGLES } from '../contracts';
import { renderCharacter, randomLook } from '../local-services/gemini/renderer';
import { createCharacterWithMaster, waitForMasterReady } from '../test-system/characters';
import { startTestSystem } from '../test-system/system';
import { startTemporalDevServer } from '../test-system/temporal-dev-server';
import { bundleWorkflows } from '../workers/bundle';

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 1500);
const repeats = Number(process.env.BENCH_REPEATS ?? 1);

const dir = await mkdtemp(path.join(tmpdir(), 'cal-bench-'));
const temporal = await startTemporalDevServer({ cliPath: process.env.TEMPORAL_CLI_PATH, dir });
const workflowBundlePath = path.join(dir, 'bundle.js');
await writeFile(workflowBundlePath, (await bundleWorkflows()).code);

const system = await startTestSystem({ temporalAddress: temporal.address, workflowBundlePath, tmpDir: dir, geminiLatencyMs: latencyMs });
try {
  await system.startWorker();
  const editor = await system.session('editor');
  const master = await renderCharacter(randomLook(31), 0, { width: 768, height: 1024 });
  let seq = 0;

  async function standInSeconds(): Promise<number> {
    const gemini = (await (await fetch(`${system.gemini.url}/_control/stats`)).json()) as { serverTimeMs: number };
    const dino = (await (await fetch(`${system.dino.url}/_control/stats`)).json()) as { totalServerTimeMs: number };
    if (typeof gemini.serverTimeMs !== 'number' || typeof dino.totalServerTimeMs !== 'number')
      throw new Error('a stand-in did not report its server time');
    return (gemini.serverTimeMs + dino.totalServerTimeMs) / 1000;
  }

  async function run(angles: number[], concurrency: number): Promise<{ wall: number; standIn: number }> {
    await system.admin.request('POST', '/api/globals/qa-settings', { coreSetConcurrency: concurrency });
    const character = await createCharacterWithMaster(
      editor,
      { name: `Bench ${++seq} ${Date.now()}` },
      { bytes: master, filename: 'bench.png', mimeType: 'image/png' },
    );
    await waitForMasterReady(system.temporal, character);
    const standInBefore = await standInSeconds();
    const started = performance.now();
    const response = await editor.request('POST', `/api/characters/${character.id}/core-set`, {
      angles,
      maxAttempts: 1,
      thresholdOverride: 0,
    });
    const result = await system.temporal.workflow.getHandle(response.body.workflowId).result();
    const wall = (performance.now() - started) / 1000;
    if (result.status !== 'complete') throw new Error(`bench run ended ${result.status}: ${JSON.stringify(result.angles)}`);
    return { wall, standIn: (await standInSeconds()) - standInBefore };
  }

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const collect = async (angles: number[], concurrency: number) => {
    const runs = [];
    for (let i = 0; i < repeats; i++) runs.push(await run(angles, concurrency));
    return { wall: median(runs.map((r) => r.wall)), standIn: median(runs.map((r) => r.standIn)) };
  };

  await run([0], 1); // warm-up: first bundle load, first Payload requests, sharp start-up
  const single = await collect([0], 1);
  const eightSerial = await collect([...CORE_SET_ANGLES], 1);
  const eightParallel = await collect([...CORE_SET_ANGLES], 8);

  const lines = [
    `stand-in latency L = ${latencyMs} ms, repeats = ${repeats} (median), machine: 2 cores`,
    `single angle:                 ${single.wall.toFixed(2)} s`,
    `8 angles, concurrency 1:      ${eightSerial.wall.toFixed(2)} s  → ratio ${(eightSerial.wall / single.wall).toFixed(2)} (ideal 8)`,
    `8 angles, concurrency 8:      ${eightParallel.wall.toFixed(2)} s  → ratio ${(eightParallel.wall / single.wall).toFixed(2)} (ideal 1)`,
    `orchestration overhead/image: ${((eightSerial.wall - eightSerial.standIn) / 8).toFixed(2)} s (concurrency 1: wall ${eightSerial.wall.toFixed(2)} s − stand-ins ${eightSerial.standIn.toFixed(2)} s, ÷ 8)`,
  ];
  console.log(`\n${lines.join('\n')}\n`);
} finally {
  await system.stop();
  await temporal.stop();
}
