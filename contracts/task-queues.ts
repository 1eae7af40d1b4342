/** Where the worker polls and where Payload starts workflows, unless TEMPORAL_TASK_QUEUE says otherwise. */
export const DEFAULT_TASK_QUEUE = 'character-assets';

/**
 * The image model's own queue beside a main one: only model calls run there, so Temporal can hold their combined
 * rate to the model's quota across every worker (`maxTaskQueueActivitiesPerSecond`, docs/architecture.md).
 * Derived from the main queue, so a workflow finds it from its own `workflowInfo().taskQueue`.
 */
export function modelTaskQueueFor(mainTaskQueue: string): string {
  return `${mainTaskQueue}-model`;
}
