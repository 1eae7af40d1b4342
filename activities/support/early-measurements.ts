import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { MeasureQuality, QualityOptions, QualityReport } from '../../image-analysis';

/**
 * The pixel measurement of a candidate, started by the activity that first holds its bytes. generateCandidate has
 * the candidate and its references in hand the moment the model answers, and storing the image in Payload and with
 * the analysis service takes about as long as measuring it; measureCandidateQuality, scheduled after that, asks for
 * the same measurement and finds it under way or done instead of starting it then. The measurement is a pure function
 * of the pictures and the options, so it is remembered by their content: another process, or pictures that differ by
 * a byte, simply measure afresh, and a failed measurement is forgotten so a retry measures again.
 */
export interface EarlyMeasurements {
  /** Starts measuring in the background; its outcome is kept for `measure`. */
  start(bytes: Buffer, options: QualityOptions): void;
  /** The measurement: the one started early when there is one, else a new one. */
  measure: MeasureQuality;
}

/** Enough for the candidates of a few core sets in flight; reports are small, pictures are not kept. */
const REMEMBERED_MEASUREMENTS = 64;

export function earlyMeasurements(measure: MeasureQuality): EarlyMeasurements {
  const remembered = new LRUCache<string, Promise<QualityReport>>({ max: REMEMBERED_MEASUREMENTS });
  const begin = (key: string, bytes: Buffer, options: QualityOptions) => {
    const measuring = measure(bytes, options);
    remembered.set(key, measuring);
    measuring.catch(() => {
      if (remembered.peek(key) === measuring) remembered.delete(key);
    });
    return measuring;
  };
  return {
    start(bytes, options) {
      const key = keyOf(bytes, options);
      if (!remembered.has(key)) begin(key, bytes, options);
    },
    measure(bytes, options = {}) {
      const key = keyOf(bytes, options);
      return remembered.get(key) ?? begin(key, bytes, options);
    },
  };
}

function keyOf(bytes: Buffer, options: QualityOptions): string {
  const hash = createHash('sha256').update(bytes);
  for (const reference of options.referenceImages ?? []) hash.update(createHash('sha256').update(reference).digest());
  hash.update(`aspect:${options.expectedAspectRatio ?? 'any'}`);
  return hash.digest('hex');
}
