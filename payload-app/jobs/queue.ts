import type { PayloadRequest } from 'payload';

/**
 * The outbox: a save that needs a workflow queues a job in the same database transaction as the save (pass the
 * save's `req`), and the job runner (every second, in the app process) starts or signals the workflow, retrying
 * until Temporal answers. A save therefore never half-succeeds and never waits on Temporal.
 */
export const TEMPORAL_STARTS_QUEUE = 'temporal-starts';

/** Retried every few seconds for a day; the reconciler picks up anything still behind after that. */
export const UNTIL_TEMPORAL_ANSWERS = { attempts: 30_000, backoff: { type: 'fixed' as const, delay: 3_000 } };

export interface MasterIngestJob {
  characterDocId: string;
  characterId: string;
  mediaId: string;
  retireAssetId?: string;
}

export interface PersonaSyncJob {
  characterDocId: string;
  characterId: string;
}

export interface PersonaRemovalJob {
  characterId: string;
  characterName: string;
}

export function queueMasterIngestJob(req: PayloadRequest, input: MasterIngestJob) {
  return req.payload.jobs.queue({ task: 'startMasterIngest', input, queue: TEMPORAL_STARTS_QUEUE, req });
}

export function queuePersonaSyncJob(req: PayloadRequest, input: PersonaSyncJob) {
  return req.payload.jobs.queue({ task: 'signalPersonaSync', input, queue: TEMPORAL_STARTS_QUEUE, req });
}

export function queuePersonaRemovalJob(req: PayloadRequest, input: PersonaRemovalJob) {
  return req.payload.jobs.queue({ task: 'startPersonaRemoval', input, queue: TEMPORAL_STARTS_QUEUE, req });
}
