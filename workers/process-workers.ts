import type { NativeConnection, Worker } from '@temporalio/worker';
import type { ActivityDeps } from '../activities';
import { createStoredFileCache } from '../activities/support/stored-file-cache';
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
  /** Bytes of recently stored or read files the process keeps (0: none); see activities/support/stored-file-cache.ts. */
  storedFileCacheBytes?: number;
}

/** Enough for a core set's master and its eight candidates at the model's usual sizes, with room for a second set. */
export const DEFAULT_STORED_FILE_CACHE_MB = 32;

/**
 * Every queue one worker process polls: the main one (workflows and most activities), the image-work one (pixel
 * decoding, small concurrency) and the model's (rate-limited across all workers). One list, so the process, the test
 * system and any test that runs a worker in-process poll the same queues.
 */
export async function createProcessWorkers(options: ProcessWorkersOptions): Promise<Worker[]> {
  const cacheBytes = options.storedFileCacheBytes ?? DEFAULT_STORED_FILE_CACHE_MB * 1024 * 1024;
  // One cache for the three workers: the model queue stores a candidate, the image-work queue measures it.
  const deps = {
    ...options.deps,
    storedFiles: options.deps.storedFiles ?? (cacheBytes > 0 ? createStoredFileCache(cacheBytes) : undefined),
  };
  const queue = { connection: options.connection, namespace: options.namespace, taskQueue: options.taskQueue, deps };
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
