import type { NativeConnection, Worker } from '@temporalio/worker';
import type { ActivityDeps } from '../activities';
import { createModelWorker, createWorker } from './create-worker';
import { createImageWorkWorker } from './image-work-worker';

export interface ProcessWorkersOptions {
  connection: NativeConnection;
  namespace: string;
  /** The main queue; the image-work and model queues beside it are derived from it (contracts/task-queues.ts). */
  taskQueue: string;
  deps: ActivityDeps;
  workflowBundlePath?: string;
  maxConcurrentActivities?: number;
  imageWorkConcurrency?: number;
  modelRequestsPerMinute?: number;
  maxConcurrentModelCalls?: number;
}

/**
 * Every queue one worker process polls: the main one (workflows and most activities), the image-work one (pixel
 * decoding, small concurrency) and the model's (rate-limited across all workers). One list, so the process, the test
 * system and any test that runs a worker in-process poll the same queues.
 */
export async function createProcessWorkers(options: ProcessWorkersOptions): Promise<Worker[]> {
  const queue = { connection: options.connection, namespace: options.namespace, taskQueue: options.taskQueue, deps: options.deps };
  return [
    await createWorker({
      ...queue,
      workflowBundlePath: options.workflowBundlePath,
      maxConcurrentActivityTaskExecutions: options.maxConcurrentActivities,
    }),
    await createImageWorkWorker({ ...queue, concurrency: options.imageWorkConcurrency }),
    await createModelWorker({
      ...queue,
      modelRequestsPerMinute: options.modelRequestsPerMinute,
      maxConcurrentModelCalls: options.maxConcurrentModelCalls,
    }),
  ];
}

/**
 * Runs them together until SIGINT/SIGTERM (the SDK's handlers shut each down once its in-flight tasks finish). One
 * failing must not leave the process half alive, polling some queues only: the others are shut down too.
 */
export async function runProcessWorkers(workers: Worker[]): Promise<void> {
  const runs = workers.map((each) => each.run());
  try {
    await Promise.all(runs);
  } catch (error) {
    for (const each of workers) if (each.getState() === 'RUNNING') each.shutdown();
    await Promise.allSettled(runs);
    throw error;
  }
}
