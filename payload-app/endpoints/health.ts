import type { Endpoint, Payload, PayloadRequest } from 'payload';
import { createDinoClient } from '../../clients/dino';
import { appConfig } from '../config';
import { checkTemporal, checkWorkers } from '../temporal/gateway';
import { CachedCheck } from './cached-check';

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

const DEPENDENCIES = ['database', 'temporal', 'worker', 'analysisService'] as const;
type Dependency = (typeof DEPENDENCIES)[number];

export interface HealthReport {
  status: 'ok' | 'degraded';
  /** The dependencies that are down, by name; empty when all are up. */
  down: Dependency[];
  checks: Record<Dependency, CheckResult>;
  /** When the checks began: answers within HEALTH_CACHE_SECONDS of their end are this same report. */
  checkedAt: string;
}

async function checkDependencies(payload: Payload): Promise<HealthReport> {
  const config = appConfig();
  const checkedAt = new Date().toISOString();
  const [database, temporal, worker, analysisService] = await Promise.all([
    timed(async () => {
      await payload.count({ collection: 'users', overrideAccess: true });
      return undefined;
    }),
    timed(checkTemporal),
    timed(checkWorkers),
    timed(async () => {
      // This endpoint caches the whole report; the client's own 30 s health cache would hide an outage past it.
      dinoClient ??= createDinoClient({ baseUrl: config.DINO_BASE_URL, apiKey: config.DINO_API_KEY, healthCacheMs: 0 });
      const health = await dinoClient.health();
      if (!health.healthy) throw new Error('analysis service reports unhealthy');
      return health.modelName ? `model ${health.modelName}` : undefined;
    }),
  ]);
  const checks = { database, temporal, worker, analysisService };
  const down = DEPENDENCIES.filter((name) => checks[name].status === 'down');
  return { status: down.length === 0 ? 'ok' : 'degraded', down, checks, checkedAt };
}

let cached: CachedCheck<HealthReport> | undefined;

/**
 * GET /api/health: each dependency up or down, and which are down. Public on purpose (load balancers and the start
 * script call it); it never includes secrets or connection strings. All four dependencies are required: any one
 * down answers 503. The checks run at most once per HEALTH_CACHE_SECONDS, however many callers poll.
 */
export const healthEndpoint: Endpoint = {
  path: '/health',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    const payload = req.payload;
    cached ??= new CachedCheck(() => checkDependencies(payload), appConfig().HEALTH_CACHE_SECONDS * 1000);
    const report = await cached.get();
    return Response.json(report, { status: report.down.length === 0 ? 200 : 503, headers: { 'cache-control': 'no-store' } });
  },
};
