import type { Endpoint, PayloadRequest } from 'payload';
import { createDinoClient } from '../../clients/dino';
import { appConfig } from '../config';
import { checkTemporal, checkWorkers } from '../temporal/gateway';

type CheckResult = { status: 'up' | 'down'; latencyMs: number; detail?: string };

const CHECK_TIMEOUT_MS = 4_000;

async function timed(check: () => Promise<string | undefined>): Promise<CheckResult> {
  const started = Date.now();
  try {
    const detail = await Promise.race([
      check(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref(),
      ),
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
      timed(checkTemporal),
      timed(checkWorkers),
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
