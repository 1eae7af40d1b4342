/** Where the worker polls and where Payload starts workflows, unless TEMPORAL_TASK_QUEUE says otherwise. */
export const DEFAULT_TASK_QUEUE = 'character-assets';
