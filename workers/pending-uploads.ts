import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { DinoClient } from '../clients/dino';
import type { PayloadRestClient } from '../clients/payload/client';
import { pendingUploadsIn, reconcilePendingUploads, type PendingAnalysisUploads } from '../activities/support/pending-analysis-uploads';
import type { WorkerConfig } from './config';

/** Again later for what Payload or the service could not answer at start-up, and for workers on this host that died since. */
const RECONCILE_EVERY_MS = 10 * 60_000;

interface Log {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
}

/**
 * This process's record of analysis uploads in flight, after settling what dead worker processes on this host left
 * there: before the process polls, so an asset a killed predecessor left is gone before its runs go on.
 */
export async function startPendingUploadRecord(options: {
  config: Pick<WorkerConfig, 'WORKER_STATE_DIR' | 'PAYLOAD_URL' | 'DINO_BASE_URL'>;
  payload: PayloadRestClient;
  dino: DinoClient;
  log: Log;
}): Promise<PendingAnalysisUploads> {
  const dir = options.config.WORKER_STATE_DIR ?? defaultStateDir(options.config);
  const record = pendingUploadsIn(dir);
  const reconcile = async () => {
    try {
      const outcome = await reconcilePendingUploads({ dir, ownStartId: record.startId, payload: options.payload, dino: options.dino });
      if (outcome.kept.length + outcome.deleted.length + outcome.postponed.length === 0) return;
      const log = outcome.postponed.length ? options.log.warn.bind(options.log) : options.log.info.bind(options.log);
      log('analysis uploads left by a stopped worker settled', { dir, ...outcome });
    } catch (error) {
      options.log.warn('could not settle analysis uploads left by a stopped worker', { dir, error: String(error) });
    }
  };
  await reconcile();
  setInterval(() => void reconcile(), RECONCILE_EVERY_MS).unref();
  return record;
}

/** Workers of one system on this host share the folder; those of another system (other addresses) do not. */
function defaultStateDir(config: Pick<WorkerConfig, 'PAYLOAD_URL' | 'DINO_BASE_URL'>): string {
  const system = createHash('sha256').update(`${config.PAYLOAD_URL}\n${config.DINO_BASE_URL}`).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), 'character-asset-library-worker', system);
}
