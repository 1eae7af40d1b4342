import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { withRateLimitCooldown } from '../clients/gemini';
import { modelTaskQueueFor } from '../contracts';
import { bundleWorkflows } from './bundle';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** Path to a prebuilt bundle; bundled now when absent. */
  workflowBundlePath?: string;
  maxConcurrentActivityTaskExecutions?: number;
}

export async function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  const workflowBundle = options.workflowBundlePath ? { codePath: options.workflowBundlePath } : await bundleWorkflows();
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle,
    activities: createActivities(options.deps),
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 16,
  });
}

export interface CreateModelWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  /** The main queue; the model queue beside it is derived (contracts/task-queues.ts). */
  taskQueue: string;
  deps: ActivityDeps;
  /** The model's quota for all workers together; unset: no limit. Every worker must give the same value. */
  modelRequestsPerMinute?: number;
  /** Model calls this process runs at once. */
  maxConcurrentModelCalls?: number;
}

/**
 * An activity-only worker for the image model's queue: it runs `generateCandidate` and nothing else. Temporal's
 * matching service hands out the queue's tasks at `modelRequestsPerMinute` in total, however many workers poll it.
 */
export function createModelWorker(options: CreateModelWorkerOptions): Promise<Worker> {
  const { generateCandidate } = createActivities({ ...options.deps, imageModel: withRateLimitCooldown(options.deps.imageModel) });
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: modelTaskQueueFor(options.taskQueue),
    activities: { generateCandidate },
    maxConcurrentActivityTaskExecutions: options.maxConcurrentModelCalls ?? 16,
    ...(options.modelRequestsPerMinute ? { maxTaskQueueActivitiesPerSecond: options.modelRequestsPerMinute / 60 } : {}),
  });
}
