import proto from '@temporalio/proto';
import { appConfig } from '../config';
import { temporalClient } from './client';

// @temporalio/proto is CommonJS: its namespaces come through the default export.
const { TaskQueueKind, TaskQueueType } = proto.temporal.api.enums.v1;

/** A worker that polled within this window counts as live (Temporal keeps poller info ~5 minutes). */
const WORKER_FRESHNESS_MS = 90_000;

/** Resolves with a short detail when the cluster answers; rejects otherwise. */
export async function checkTemporal(): Promise<string> {
  const client = await temporalClient();
  await client.workflowService.getSystemInfo({});
  return `namespace ${appConfig().TEMPORAL_NAMESPACE}`;
}

/** Resolves when at least one worker polled the task queue recently; rejects saying none did. */
export async function checkWorkers(): Promise<string> {
  const config = appConfig();
  const client = await temporalClient();
  const response = await client.workflowService.describeTaskQueue({
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: { name: config.TEMPORAL_TASK_QUEUE, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  const now = Date.now();
  const live = (response.pollers ?? []).filter((poller) => {
    const seconds = Number(poller.lastAccessTime?.seconds ?? 0);
    return now - seconds * 1000 < WORKER_FRESHNESS_MS;
  });
  if (live.length === 0) throw new Error(`no worker is polling task queue ${config.TEMPORAL_TASK_QUEUE}`);
  return `${live.length} worker(s) on ${config.TEMPORAL_TASK_QUEUE}`;
}
