import proto from '@temporalio/proto';
import { appConfig } from '../config';
import { temporalClient } from './client';
import { describeLivePollers, queuesToWatch } from './worker-pollers';

// @temporalio/proto is CommonJS: its namespaces come through the default export.
const { TaskQueueKind, TaskQueueType } = proto.temporal.api.enums.v1;

/** Resolves with a short detail when the cluster answers; rejects otherwise. */
export async function checkTemporal(): Promise<string> {
  const client = await temporalClient();
  await client.workflowService.getSystemInfo({});
  return `namespace ${appConfig().TEMPORAL_NAMESPACE}`;
}

/**
 * Resolves when each queue a worker process polls (main, image work, model) had a poller recently; rejects naming
 * every queue that had none.
 */
export async function checkWorkers(): Promise<string> {
  const config = appConfig();
  const client = await temporalClient();
  const queues = await Promise.all(
    queuesToWatch(config.TEMPORAL_TASK_QUEUE).map(async ({ name, role, kind }) => {
      const response = await client.workflowService.describeTaskQueue({
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: { name, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType: kind === 'workflow' ? TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW : TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
      });
      return { name, role, lastPollSeconds: (response.pollers ?? []).map((poller) => Number(poller.lastAccessTime?.seconds ?? 0)) };
    }),
  );
  return describeLivePollers(queues, Date.now());
}
