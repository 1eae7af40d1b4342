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
