import type { CoreSetBatchProgress } from '../../../contracts';

/** GET /api/characters/core-set-batch, as JSON (dates are strings). */
export interface BatchListing {
  batchId: string;
  url: string;
  status: string;
  startTime: string;
  progress: CoreSetBatchProgress | null;
}
