/** Where the worker polls and where Payload starts workflows, unless TEMPORAL_TASK_QUEUE says otherwise. */
export const DEFAULT_TASK_QUEUE = 'character-assets';

/**
 * Heavy image work (decoding and measuring pixels: `measureCandidateQuality`, `measureMasterQuality`) runs on a queue
 * of its own beside the main one, with a small concurrency per worker, so a worker's memory follows how many images
 * it decodes at once rather than how many runs are in flight. Derived from the main queue, so every deployment (and
 * every test's queue) has its own.
 */
export function imageWorkTaskQueue(taskQueue: string): string {
  return `${taskQueue}-image-work`;
}

/**
 * The image model's own queue beside a main one: only model calls run there, so Temporal can hold their combined
 * rate to the model's quota across every worker (`maxTaskQueueActivitiesPerSecond`, docs/architecture.md).
 * Derived from the main queue, so a workflow finds it from its own `workflowInfo().taskQueue`.
 */
export function modelTaskQueueFor(mainTaskQueue: string): string {
  return `${mainTaskQueue}-model`;
}

/**
 * A queue rate is enforced per partition (the server splits it evenly, 4 partitions by default), and tasks land in
 * partitions at random: with several partitions a busy one waits while an idle one's share goes unused, and 16 model
 * calls at 1/s took 21.6 s instead of 15. The model queue needs a single partition; the dev server gets it with these
 * flags (for all queues), a cluster with dynamic config for `<queue>-model` (docs/architecture.md).
 */
export const SINGLE_PARTITION_DEV_SERVER_FLAGS = [
  '--dynamic-config-value',
  'matching.numTaskqueueReadPartitions=1',
  '--dynamic-config-value',
  'matching.numTaskqueueWritePartitions=1',
] as const;
