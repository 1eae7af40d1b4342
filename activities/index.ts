import type { DinoClient } from '../clients/dino';
import type { ImageModelClient } from '../clients/gemini';
import type { PathragClient } from '../clients/pathrag';
import type { MeasureQuality } from '../image-analysis';
import type { PayloadRestClient } from '../clients/payload/client';
import { createCostActivities } from './costs/activities';
import { createCoreSetActivities } from './core-set/activities';
import { createCoreSetBatchActivities } from './core-set-batch/activities';
import { withFailureClassification } from './errors';
import { whileHeartbeating } from './support/heartbeat';
import { createGenerationActivities } from './generation/activities';
import { createMasterReferenceActivities } from './master-reference/activities';
import { createPersonaSyncActivities } from './persona-sync/activities';
import { createProductionShotActivities } from './production-shot/activities';
import type { PendingAnalysisUploads } from './support/pending-analysis-uploads';
import type { StoredFileCache } from './support/stored-file-cache';

export interface ActivityDeps {
  payload: PayloadRestClient;
  dino: DinoClient;
  imageModel: ImageModelClient;
  pathrag: PathragClient;
  /** The configured image model id, recorded in provenance. */
  imageModelId: string;
  temporalUiUrl: string;
  namespace: string;
  /** See GenerationDeps: the worker passes its API key, which the app also holds. */
  reviewAttestationKey?: string;
  /** One per worker process, shared by its queues' workers (activities/support/stored-file-cache.ts). */
  storedFiles?: StoredFileCache;
  /** One per worker process (activities/support/pending-analysis-uploads.ts). */
  pendingUploads?: PendingAnalysisUploads;
  /** One per worker process: the pixel measurement's threads (image-analysis/measurement-threads.ts). */
  measurePixels?: MeasureQuality;
}

/** Activities that wait on slow services; they heartbeat so a dead worker's work is retried within seconds. */
const SLOW_ACTIVITIES = new Set([
  'registerMasterWithAnalysis',
  'extractMasterFeatures',
  'measureMasterQuality',
  'generateCandidate',
  'registerCandidate',
  'measureCandidateQuality',
  'syncPersona',
]);

function heartbeatSlowOnes<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = SLOW_ACTIVITIES.has(name) ? (...args: never[]) => whileHeartbeating(() => fn(...args)) : fn;
  }
  return wrapped as T;
}

/** All activities, built from injected clients so tests can point them at stand-ins or fakes. */
export function createActivities(deps: ActivityDeps) {
  return heartbeatSlowOnes(
    withFailureClassification({
      ...createMasterReferenceActivities(deps),
      ...createCoreSetActivities(deps),
      ...createCoreSetBatchActivities(),
      ...createGenerationActivities({ ...deps, modelId: deps.imageModelId }),
      ...createProductionShotActivities(deps),
      ...createPersonaSyncActivities(deps),
      ...createCostActivities(deps),
    }),
  );
}
