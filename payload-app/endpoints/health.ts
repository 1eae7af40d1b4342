import type { Endpoint, PayloadRequest } from 'payload';
import proto from '@temporalio/proto';
import { createDinoClient } from '../../clients/dino';
import { appConfig } from '../config';
import { temporalClient } from '../temporal/client';

// @temporalio/proto is CommonJS: its namespaces come through the default export.
const { TaskQueueKind, TaskQueueType } = proto.temporal.api.enums.v1;

type CheckResult = { status: 'up' | 'down'; latencyMs: number; detail?: string };

const CHECK_TIMEOUT_MS = 4_000;
/** A worker that polled within this window counts as live (Temporal keeps poller info ~5 minutes). */
const WORKER_FRESHNESS_MS = 90_000;

async function timed(check: () => Promise<string | undefined>): Promise<CheckResult> {
  const started = Date.now();
  try {
    const detail = await Promise.race([
      check(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref()),
    ]);
    return { status: 'up', latencyMs: Date.now() - started, ...(detail ? { detail } : {}) };
  } catch (error) {
    return { status: 'down', latencyMs: Date.now() - started, detail: (error as Error).message };
  }
}

let dinoClient: ReturnType<typeof createDinoClient> | undefined;

/**
 * GET /api/health: each dependency up or down. Public on purpose (load balancers and the start script call it);
 * it never includes secrets or connection strings.
 */
export const healthEndpoint: Endpoint = {
  path: '/health',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    const config = appConfig();
    const [database, temporalCheck, worker, analysisService] = await Promise.all([
      timed(async () => {
        await req.payload.count({ collection: 'users', overrideAccess: true });
        return undefined;
      }),
      timed(async () => {
        const client = await temporalClient();
        await client.workflowService.getSystemInfo({});
        return `namespace ${config.TEMPORAL_NAMESPACE}`;
      }),
      timed(async () => {
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
      }),
      timed(async () => {
        dinoClient ??= createDinoClient({ baseUrl: config.DINO_BASE_URL, apiKey: config.DINO_API_KEY });
        const health = await dinoClient.health();
        if (!health.healthy) throw new Error('analysis service reports unhealthy');
        return health.modelName ? `model ${health.modelName}` : undefined;
      }),
    ]);
    const checks = { database, temporal: temporalCheck, worker, analysisService };
    const allUp = Object.values(checks).every((check) => check.status === 'up');
    return Response.json({ status: allUp ? 'ok' : 'degraded', checks }, { status: allUp ? 200 : 503 });
  },
};
