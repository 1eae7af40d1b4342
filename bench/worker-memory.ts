/**
 * `npm run bench:worker-memory -- [--worker compiled|tsx] [--latency-ms 1500] [--node-options "..."]`
 *
 * The worker's memory with three core sets in flight, against the real system (Temporal dev server, the built app
 * on a temporary SQLite file, both stand-ins). The worker is a real process started as production starts it
 * (`compiled`: node on the build of scripts/build-worker.sh, the default) or as `npm run worker` does (`tsx`). Its
 * RSS (/proc/<pid>/status VmRSS) is sampled every 200 ms: idle after start, then while three characters' core sets
 * (all eight angles each, QA defaults for concurrency) run. Prints idle and peak. Target: peak ≤ 400 MB.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CORE_SET_ANGLES } from '../contracts';
import { randomLook, renderCharacter } from '../local-services/gemini/renderer';
import { createCharacterWithMaster, waitForMasterReady } from '../test-system/characters';
import { removeRunData } from '../test-system/run-data';
import { startTestSystem } from '../test-system/system';
import { startTemporalDevServer } from '../test-system/temporal-dev-server';
import { waitFor } from '../test-system/ports';
import { bundleWorkflows } from '../workers/bundle';
import { sampleRss, type RssSample } from './worker-memory/rss';
import { waitUntilSettled } from './worker-memory/settled-run';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    worker: { type: 'string', default: 'compiled' },
    'latency-ms': { type: 'string', default: '1500' },
    'node-options': { type: 'string', default: '' },
    // As `npm start` did before the worker was compiled: no prebuilt bundle, so webpack runs inside the worker.
    'bundle-at-start': { type: 'boolean', default: false },
    env: { type: 'string', multiple: true, default: [] },
  },
});
const mode = values.worker === 'tsx' ? 'tsx' : 'compiled';
const latencyMs = Number(values['latency-ms']);

const dir = await mkdtemp(path.join(tmpdir(), 'worker-memory-'));
const temporal = await startTemporalDevServer({ cliPath: process.env.TEMPORAL_CLI_PATH, dir });
const workflowBundlePath = path.join(dir, 'bundle.js');
await writeFile(workflowBundlePath, (await bundleWorkflows()).code);
const system = await startTestSystem({ temporalAddress: temporal.address, workflowBundlePath, tmpDir: dir, geminiLatencyMs: latencyMs });

const command =
  mode === 'compiled'
    ? [process.execPath, path.join(ROOT, 'dist/worker/main.js')]
    : [process.execPath, path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'workers/main.ts')];
function workerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: values['node-options'], ...system.workerEnv() };
  if (values['bundle-at-start']) delete env.WORKFLOW_BUNDLE_PATH;
  // `--env NAME=value` (repeatable): e.g. MALLOC_ARENA_MAX=2 or IMAGE_WORK_CONCURRENCY=1.
  for (const pair of values.env) env[pair.slice(0, pair.indexOf('='))] = pair.slice(pair.indexOf('=') + 1);
  return env;
}
let output = '';
const worker = spawn(command[0]!, command.slice(1), {
  cwd: ROOT,
  env: workerEnv(),
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
worker.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
worker.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
const sampler = sampleRss(worker.pid!);
const peakOf = (samples: RssSample[]) => samples.reduce((peak, s) => (s.workerMb > peak.workerMb ? s : peak), samples[0]!);

let failed = true;
try {
  await waitFor(
    'the worker to poll',
    async () => {
      if (worker.exitCode !== null) throw new Error(`the worker exited (${worker.exitCode}):\n${output}`);
      return output.includes('worker polling');
    },
    120_000,
    200,
  );
  const startedAt = performance.now();
  // Idle: the last sample after ten quiet seconds, when start-up garbage has been collected.
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const idle = sampler.samples.at(-1)!;

  const editor = await system.session('editor');
  const characters = [];
  for (let i = 0; i < 3; i++) {
    const master = await renderCharacter(randomLook(400 + i), 0, { width: 768, height: 1024 });
    characters.push(
      await createCharacterWithMaster(
        editor,
        { name: `Memory ${i} ${Date.now()}` },
        { bytes: master, filename: `m${i}.png`, mimeType: 'image/png' },
      ),
    );
  }
  for (const character of characters) await waitForMasterReady(system.temporal, character);
  const runsFrom = sampler.samples.length;
  const runStarted = performance.now();
  const runs = await Promise.all(
    characters.map(async (character) => {
      const response = await editor.request('POST', `/api/characters/${character.id}/core-set`, {
        angles: [...CORE_SET_ANGLES],
        maxAttempts: 1,
        thresholdOverride: 0,
      });
      if (response.status !== 201 && response.status !== 200)
        throw new Error(`core set: ${response.status} ${JSON.stringify(response.body)}`);
      return waitUntilSettled(system.temporal, response.body.workflowId, 900_000);
    }),
  );
  const runSeconds = (performance.now() - runStarted) / 1000;
  const during = sampler.samples.slice(runsFrom);
  const peak = peakOf(during);
  const mean = during.reduce((sum, s) => sum + s.workerMb, 0) / during.length;
  const launched = command.slice(1).map((p) => path.relative(ROOT, p));
  const bundling = values['bundle-at-start'] ? ', bundling workflows at start' : '';
  console.log(`\nworker: ${mode}${bundling} (${launched.join(' ')}), NODE_OPTIONS="${values['node-options']}" ${values.env.join(' ')}`);
  console.log(`three core sets (8 angles each): ${runs.join(', ')} in ${runSeconds.toFixed(1)} s, stand-in latency ${latencyMs} ms`);
  console.log(`idle (10 s after start): worker ${idle.workerMb.toFixed(0)} MB, process tree ${idle.treeMb.toFixed(0)} MB`);
  console.log(
    `in flight: peak worker ${peak.workerMb.toFixed(0)} MB (tree ${peak.treeMb.toFixed(0)} MB), mean ${mean.toFixed(0)} MB, ${during.length} samples`,
  );
  console.log(
    `start to idle sample: ${((idle.atMs - 0) / 1000).toFixed(1)} s; total ${((performance.now() - startedAt) / 1000).toFixed(0)} s\n`,
  );
  failed = false;
} finally {
  sampler.stop();
  if (worker.exitCode === null && worker.pid) process.kill(-worker.pid, 'SIGKILL');
  await system.stop();
  await temporal.stop();
  await removeRunData(dir, { failed });
}
