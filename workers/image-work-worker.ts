import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { imageWorkTaskQueue } from '../contracts';

/** The activities the workflows schedule on the image-work queue; nothing else is served there. */
const IMAGE_WORK_ACTIVITIES = ['measureCandidateQuality', 'measureMasterQuality'] as const;

/**
 * Two at once, so one activity can read its files while another's picture is on the measurement thread; more would
 * only hold more pictures' bytes in memory while they queue for a thread.
 */
export const DEFAULT_IMAGE_WORK_CONCURRENCY = 2;

export interface CreateImageWorkWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  /** The main task queue; the image-work queue is derived from it (contracts/task-queues.ts). */
  taskQueue: string;
  deps: ActivityDeps;
  concurrency?: number;
}

/**
 * A second worker in the same process that polls only the image-work queue, with its own small concurrency: however
 * many runs are in flight, at most `concurrency` pictures are read and queued for the measurement threads at a time.
 */
export async function createImageWorkWorker(options: CreateImageWorkWorkerOptions): Promise<Worker> {
  const all = createActivities(options.deps);
  const activities = Object.fromEntries(IMAGE_WORK_ACTIVITIES.map((name) => [name, all[name]]));
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: imageWorkTaskQueue(options.taskQueue),
    activities,
    maxConcurrentActivityTaskExecutions: options.concurrency ?? DEFAULT_IMAGE_WORK_CONCURRENCY,
  });
}
