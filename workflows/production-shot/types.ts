import type { ImageProgress } from '../generation/produce-image';

export interface ProductionShotInput {
  characterDocId: string | number;
  characterId: string;
  prompt: string;
  shotType?: string;
  tags?: string;
  aspectRatio?: string;
  requestedBy?: string;
}

export interface ProductionShotContext {
  characterName: string;
  lookDescription: string;
  /** Master first, then approved core-set images (see activities/production-shot/choose-references.ts). */
  referenceMediaIds: Array<string | number>;
  engineId: string;
  minConsistency: number | null;
  minQuality: number;
  echoCosine: number;
  maxAttempts: number;
  reviewTimeoutMs: number;
}

export interface ProductionShotProgress extends ImageProgress {
  characterId: string;
  prompt: string;
  referenceCount?: number;
}
