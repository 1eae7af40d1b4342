/**
 * `npm run bench`: where a core set's time goes (bench/README.md defines every number).
 *
 * Starts the real system (Temporal dev server, the built Payload app on a temporary SQLite file, the stand-ins) with the
 * image-model stand-in answering after a fixed latency L (BENCH_LATENCY_MS, default 1500 ms), and the worker as
 * `npm start` runs it: its own process on the compiled build (BENCH_WORKER=process, the default), or inside this
 * process (BENCH_WORKER=in-process; beside the stand-ins until 0b7cb0e gave them a process of their own, as every pass before the sixth measured). Runs one-angle core sets and full 360° sets at the default QA settings, reads every run's history
 * from Temporal, and prints per activity type the p50/p95 of schedule-to-start and start-to-close, the time beyond
 * the model per image, the orchestration overhead per image and the 360° ÷ one-angle ratio.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_SET_ANGLES, PROGRESS_QUERY, type CoreSetProgress } from '../contracts';
import { measureQuality } from '../image-analysis';
import { renderCharacter, randomLook } from '../local-services/gemini/renderer';
import { createCharacterWithMaster, waitForMasterReady } from '../test-system/characters';
import { removeRunData } from '../test-system/run-data';
import { startTestSystem } from '../test-system/system';
import { startTemporalDevServer } from '../test-system/temporal-dev-server';
import { waitFor } from '../test-system/ports';
import { bundleWorkflows } from '../workers/bundle';
import { startWorkerWithKey } from '../test-system/keyed-worker';
import { activityTable, noActivityInFlightMs, percentile, runTimings, type RunTimings } from './history-timings';

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 1500);
const repeats = Number(process.env.BENCH_REPEATS ?? 5);
const workerMode = process.env.BENCH_WORKER ?? 'process';
if (workerMode !== 'process' && workerMode !== 'in-process') throw new Error(`BENCH_WORKER is process or in-process, not ${workerMode}`);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const dir = await mkdtemp(path.join(tmpdir(), 'cal-bench-'));
const temporal = await startTemporalDevServer({ cliPath: process.env.TEMPORAL_CLI_PATH, dir });
// The worker process uses the bundle scripts/build-worker.sh built beside it, as `npm start` does.
const workflowBundlePath = workerMode === 'process' ? path.join(ROOT, 'dist/worker/workflow-bundle.js') : path.join(dir, 'bundle.js');
if (workerMode === 'in-process') await writeFile(workflowBundlePath, (await bundleWorkflows()).code);

const system = await startTestSystem({ temporalAddress: temporal.address, workflowBundlePath, tmpDir: dir, geminiLatencyMs: latencyMs });
let workerProcess: ChildProcess | undefined;
let stopInProcessWorker: (() => Promise<void>) | undefined;
let failed = true;
try {
  if (workerMode === 'process') workerProcess = await startWorkerProcess(system.workerEnv(), path.join(dir, 'worker.log'));
  else stopInProcessWorker = (await startWorkerWithKey(system, workflowBundlePath, system.payload.workerApiKey)).stop;
  const editor = await system.session('editor');
  // A look whose eight views pass the gate on the first attempt (some looks' back views read as under-exposed).
  const look = randomLook(Number(process.env.BENCH_LOOK_SEED ?? 700));
  const master = await renderCharacter(look, 0, { width: 768, height: 1024 });
  const pixelMs = await pixelMeasurementMs(master, await renderCharacter(look, 45, { width: 864, height: 1184 }));
  let seq = 0;

  /** Milliseconds each stand-in has spent handling requests so far. */
  async function standInMs(): Promise<{ model: number; analysis: number }> {
    const gemini = (await (await fetch(`${system.gemini.url}/_control/stats`)).json()) as { serverTimeMs: number };
    const dino = (await (await fetch(`${system.dino.url}/_control/stats`)).json()) as { totalServerTimeMs: number };
    if (typeof gemini.serverTimeMs !== 'number' || typeof dino.totalServerTimeMs !== 'number')
      throw new Error('a stand-in did not report its server time');
    return { model: gemini.serverTimeMs, analysis: dino.totalServerTimeMs };
  }

  interface Run extends RunTimings {
    images: number;
    modelMs: number;
    analysisMs: number;
  }

  /** One timed run, or the reasons the gate sent it to review (such a run is ended and not timed). */
  async function run(angles: number[]): Promise<Run | { flagged: string[] }> {
    const character = await createCharacterWithMaster(
      editor,
      { name: `Bench ${++seq} ${Date.now()}` },
      { bytes: master, filename: 'bench.png', mimeType: 'image/png' },
    );
    await waitForMasterReady(system.temporal, character);
    const before = await standInMs();
    const response = await editor.request('POST', `/api/characters/${character.id}/core-set`, {
      angles,
      maxAttempts: 1,
      thresholdOverride: 0,
    });
    const result = await resultUnlessReview(response.body.workflowId);
    if ('flagged' in result) return result;
    if (result.status !== 'complete') throw new Error(`bench run ended ${result.status}: ${JSON.stringify(result.angles)}`);
    const after = await standInMs();
    const timings = await runTimings(system.temporal, response.body.workflowId);
    return { ...timings, images: angles.length, modelMs: after.model - before.model, analysisMs: after.analysis - before.analysis };
  }

  /**
   * The run's result, or, once it waits for a reviewer (which would take days), the flagged angles' reasons; the run
   * is terminated then.
   */
  async function resultUnlessReview(workflowId: string): Promise<CoreSetProgress | { flagged: string[] }> {
    const handle = system.temporal.workflow.getHandle(workflowId);
    const result = handle.result() as Promise<CoreSetProgress>;
    for (;;) {
      const settled = await Promise.race([result, new Promise<undefined>((resolve) => setTimeout(resolve, 2_000))]);
      if (settled) return settled;
      const progress = await handle.query<CoreSetProgress>(PROGRESS_QUERY);
      if (progress.status === 'awaiting_review') {
        result.catch(() => undefined);
        await handle.terminate('bench: a run sent to review is not timed');
        const flagged = progress.angles.filter((angle) => angle.state === 'awaiting_review');
        return { flagged: flagged.map((angle) => `${angle.angle}°: ${angle.reason}`) };
      }
    }
  }

  // The stand-in draws each view from the master's look with a little jitter, and now and then its redraw of the
  // front view (the master's own) comes out close enough to read as an echo of the master, which the gate rightly
  // sends to review. Such a run is replaced by another (at most `repeats` in all) and counted in the output.
  /** Per replaced run, the reasons of its flagged angles. */
  const replaced: string[][] = [];
  const runs = async (angles: number[]) => {
    const done: Run[] = [];
    while (done.length < repeats) {
      const outcome = await run(angles);
      if (!('flagged' in outcome)) {
        done.push(outcome);
        continue;
      }
      replaced.push(outcome.flagged);
      if (replaced.length > repeats) throw new Error(`too many bench runs sent to review: ${replaced.flat().join('; ')}`);
    }
    return done;
  };

  // The one-angle runs draw the 45° view: the front view is the master's own, and a redraw of it came out close enough
  // to read as an echo of the master now and then, which sends the run to review and ends the bench.
  const singleAngle = Number(process.env.BENCH_ANGLE ?? 45);
  await run([singleAngle]); // warm-up: first bundle load, first Payload requests, sharp start-up; its outcome is not used
  const singles = await runs([singleAngle]);
  const fullSets = await runs([...CORE_SET_ANGLES]);

  const p50 = (values: number[]) => percentile(values, 50);
  const fmt = (value: number) => `${Math.round(value)} ms`;
  const beyondModel = singles.map((r) => r.wallMs - r.modelMs);
  const orchestration = singles.map((r) => r.wallMs - r.modelMs - insideOnCriticalPath(r, pixelMs));
  const ratio = p50(fullSets.map((r) => r.wallMs)) / p50(singles.map((r) => r.wallMs));
  const betweenSteps = singles.map(noActivityInFlightMs).filter((value): value is number => value !== undefined);

  console.log(`
stand-in latency L = ${latencyMs} ms, ${repeats} runs each (p50), machine: ${process.env.BENCH_MACHINE ?? '2 cores'}

activities of the one-angle runs (s2s = schedule-to-start, s2c = start-to-close, ms):
${activityTable(singles)}

activities of the 360° runs:
${activityTable(fullSets)}

one angle (${singleAngle}°): wall p50 ${fmt(p50(singles.map((r) => r.wallMs)))}, inside the model ${fmt(p50(singles.map((r) => r.modelMs)))}
  beyond the model (target ≤ 250 ms):      p50 ${fmt(p50(beyondModel))}, p95 ${fmt(percentile(beyondModel, 95))}
  inside the analysis service:             p50 ${fmt(p50(singles.map((r) => r.analysisMs)))}
  our pixel measurement (re-timed):        ${fmt(pixelMs)}
  orchestration per image (target ≤ 50 ms): p50 ${fmt(p50(orchestration))}, p95 ${fmt(percentile(orchestration, 95))}
    of it with no activity in flight:      ${betweenSteps.length ? `p50 ${fmt(p50(betweenSteps))} (workflow tasks and the round trips between steps)` : '— (local activities have no recorded times)'}
360° set (8 angles, default concurrency): wall p50 ${fmt(p50(fullSets.map((r) => r.wallMs)))} → ${ratio.toFixed(2)} × one angle (target ≤ 1.15)
runs sent to review and replaced: ${replaced.length ? `${replaced.length} (${replaced.flat().join('; ')})` : 'none'}
worker: ${workerMode === 'process' ? `its own process (node dist/worker/main.js), as npm start runs it; its log: ${path.join(dir, 'worker.log')} (kept with KEEP_RUN_DATA=1)` : 'in the bench process (the stand-ins have a process of their own since 0b7cb0e)'}
`);
  failed = false;
} finally {
  if (workerProcess?.pid && workerProcess.exitCode === null) process.kill(-workerProcess.pid, 'SIGKILL');
  await stopInProcessWorker?.();
  await system.stop();
  await temporal.stop();
  await removeRunData(dir, { failed });
}

/**
 * After the model, an angle runs two branches at once: the analysis service (registerCandidate, then
 * measureConsistency in histories from before it measured consistency itself) and our pixel checks
 * (measureCandidateQuality). Only the branch that ends last is on the wall clock, so only its inside time is taken
 * off; the other branch's time is hidden and counts for nothing.
 */
function insideOnCriticalPath(run: { activities: RunTimings['activities']; analysisMs: number }, pixelMs: number): number {
  const closed = (type: string) => Math.max(...run.activities.filter((a) => a.type === type).map((a) => a.closedAt));
  const analysisEnded = Math.max(closed('registerCandidate'), closed('measureConsistency'));
  return closed('measureCandidateQuality') >= analysisEnded ? pixelMs : run.analysisMs;
}

/** Our pixel checks on an accepted-size image against the master, timed in-process (median of 5, after a warm-up). */
async function pixelMeasurementMs(masterBytes: Buffer, candidate: Buffer): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const started = performance.now();
    await measureQuality(candidate, { expectedAspectRatio: 3 / 4, referenceImages: [masterBytes] });
    if (i > 0) times.push(performance.now() - started);
  }
  return percentile(times, 50);
}

/**
 * The worker as `npm start` starts it (scripts/processes.sh start_compiled_worker): plain node on the compiled build,
 * the prebuilt workflow bundle, glibc's arenas capped. The stand-ins have a process of their own (test-system/stand-ins-process.ts), as
 * they are processes of their own beside the worker under `npm start`.
 */
async function startWorkerProcess(env: Record<string, string>, logFile: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/worker/main.js')], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', MALLOC_ARENA_MAX: '2', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const log = createWriteStream(logFile);
  let output = '';
  // In memory only the first 20,000 characters (the start-up, which is what an early exit is explained by); the whole
  // log goes to the file.
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    if (output.length < 20_000) output += chunk.toString();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  await waitFor(
    'the worker process to poll',
    async () => {
      if (child.exitCode !== null) throw new Error(`the worker exited (${child.exitCode}):\n${output}`);
      return output.includes('worker polling');
    },
    120_000,
    200,
  );
  return child;
}
