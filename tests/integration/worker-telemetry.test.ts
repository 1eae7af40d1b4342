import { randomLook, renderCharacter } from '../../local-services/gemini/renderer';
import { createCharacterWithMaster, waitForMasterReady } from '../../test-system/characters';
import { freePort, waitFor } from '../../test-system/ports';
import { startTestSystem, type TestSystem } from '../../test-system/system';
import { workerProcess, type WorkerProcess } from '../../test-system/worker-process';
import { fromGlobalSetup } from '../support/from-global-setup';

/**
 * A real worker process (`tsx workers/main.ts`) as operators run it: with WORKER_METRICS_ADDRESS it serves the
 * Temporal SDK's metrics in Prometheus format, and its log lines are JSON carrying the ids of the run they concern.
 */
describe('worker telemetry', () => {
  let system: TestSystem;
  let worker: WorkerProcess;
  let metricsUrl: string;

  beforeAll(async () => {
    system = await startTestSystem(fromGlobalSetup());
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    worker = workerProcess(() => system.spawnWorkerProcess({ WORKER_METRICS_ADDRESS: `127.0.0.1:${metricsPort}`, LOG_LEVEL: 'DEBUG' }));
    worker.start();
  });

  afterAll(async () => {
    await worker?.stop();
    await system?.stop();
  });

  const jsonLines = () =>
    worker
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('serves Prometheus metrics from the SDK', async () => {
    await waitFor('the worker to poll', async () => jsonLines().some((line) => line.msg === 'worker polling'), 120_000, 500);
    let metrics = '';
    await waitFor(
      'worker metrics',
      async () => {
        const response = await fetch(metricsUrl).catch(() => undefined);
        metrics = response?.ok ? await response.text() : '';
        return /^temporal_worker_task_slots_available\{/m.test(metrics);
      },
      60_000,
      500,
    );
    expect(metrics).toMatch(/^# TYPE temporal_worker_task_slots_available gauge$/m);
    expect(metrics).toMatch(/^temporal_request\{.*\} \d+$/m);
    expect(metrics).toContain(`task_queue="${system.payload.taskQueue}"`);
  }, 240_000);

  it('logs JSON lines carrying the workflow id, run id and activity type of the work they describe', async () => {
    const editor = await system.session('editor');
    const master = await renderCharacter(randomLook(4242), 0, { width: 768, height: 1024 });
    const character = await createCharacterWithMaster(
      editor,
      { name: 'Tove Lind' },
      { bytes: master, filename: 'tove.png', mimeType: 'image/png' },
    );
    await waitForMasterReady(system.temporal, character);
    const runLines = () => jsonLines().filter((line) => String(line.workflowId ?? '').startsWith('master-reference:'));
    // Workflow lines leave the sandbox after the task that made them completes: the result can be seen first.
    await waitFor('the run’s completion line', async () => runLines().some((line) => line.msg === 'Workflow completed'), 30_000, 200);
    const run = runLines();
    const activities = run.filter((line) => line.msg === 'Activity completed');
    expect(activities.length).toBeGreaterThan(0);
    for (const line of activities) {
      expect(line).toMatchObject({ service: 'worker', level: 'debug', workflowType: 'masterReferenceWorkflow' });
      expect(line.runId).toEqual(expect.any(String));
      expect(line.activityType).toEqual(expect.any(String));
      expect(line).not.toHaveProperty('taskToken');
    }
    const completed = run.filter((line) => line.msg === 'Workflow completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]!.runId).toBe(activities[0]!.runId);
  }, 240_000);
});
