import { imageWorkTaskQueue, modelTaskQueueFor } from '../../contracts';

/** A worker that polled within this window counts as live (Temporal keeps poller info ~5 minutes). */
export const WORKER_FRESHNESS_MS = 90_000;

export type PolledKind = 'workflow' | 'activity';

/**
 * The queues a worker process polls (workers/process-workers.ts) and what each must be polled for: the main one for
 * workflow tasks, the image-work and model queues for activities. A queue nobody polls stalls generation: runs
 * start, but their pixel measurements or model calls wait forever.
 */
export function queuesToWatch(mainTaskQueue: string): Array<{ name: string; role: string; kind: PolledKind }> {
  return [
    { name: mainTaskQueue, role: 'workflows', kind: 'workflow' },
    { name: imageWorkTaskQueue(mainTaskQueue), role: 'image work', kind: 'activity' },
    { name: modelTaskQueueFor(mainTaskQueue), role: 'model calls', kind: 'activity' },
  ];
}

export interface PolledQueue {
  name: string;
  role: string;
  /** Seconds since the epoch of each poller's last poll. */
  lastPollSeconds: number[];
}

/** One line for the health check; throws naming every queue without a live poller. */
export function describeLivePollers(queues: PolledQueue[], now: number): string {
  const counted = queues.map((queue) => ({
    ...queue,
    live: queue.lastPollSeconds.filter((seconds) => now - seconds * 1000 < WORKER_FRESHNESS_MS).length,
  }));
  const idle = counted.filter((queue) => queue.live === 0);
  if (idle.length > 0) {
    throw new Error(`no worker is polling ${idle.map((queue) => `task queue ${queue.name} (${queue.role})`).join(', ')}`);
  }
  return counted.map((queue) => `${queue.live} worker(s) on ${queue.name}`).join(', ');
}
