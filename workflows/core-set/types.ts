export const CORE_SET_ANGLES = [0, 45, 90, 135, 180, 225, 270, 315] as const;

export interface CoreSetInput {
  characterDocId: string | number;
  characterId: string;
  /** Subset of CORE_SET_ANGLES; all eight when absent. */
  angles?: number[];
  /** Replaces the per-angle thresholds for this run (consistencyScore scale). */
  thresholdOverride?: number;
  maxAttempts?: number;
  requestedBy?: string;
}

import type { ImageProgress } from '../generation/produce-image';

export interface AngleProgress extends ImageProgress {
  angle: number;
}

export interface CoreSetProgress {
  characterId: string;
  status: 'starting' | 'running' | 'awaiting_review' | 'complete' | 'incomplete' | 'failed';
  engineId?: string;
  angles: AngleProgress[];
}

/** Settings and references resolved once at the start of a run (from the character and the QA settings). */
export interface CoreSetContext {
  characterName: string;
  lookDescription: string;
  masterMediaId: string | number;
  engineId: string;
  thresholds: Record<string, number | null>;
  minQuality: number;
  echoCosine: number;
  maxAttempts: number;
  concurrency: number;
  reviewTimeoutMs: number;
  aspectRatio: string;
}
