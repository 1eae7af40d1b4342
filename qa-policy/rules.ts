import type { JudgingRules } from './judge';

/** The QA settings as the rules need them (the Payload global `qa-settings`, or its defaults). */
export interface QaRuleSettings {
  coreSetThresholds?: Array<{
    engineId: string;
    angle: number;
    minConsistency: number;
    maxConsistency?: number | null;
    characterFloor?: number | null;
    reviewUntilCalibrated?: boolean | null;
    calibrationNote?: string | null;
  }> | null;
  neighbourThresholds?: Array<{ engineId: string; minConsistency: number }> | null;
  productionThresholds?: Array<{ engineId: string; minConsistency: number }> | null;
  minQualityScore?: number | null;
  echoThresholds?: Array<{ engineId: string; cosine: number }> | null;
  echoCosine?: number | null;
}

export const FALLBACK_MIN_QUALITY = 60;
export const FALLBACK_ECHO_COSINE = 0.97;

function echoCosineFor(settings: QaRuleSettings, engineId: string): number {
  return settings.echoThresholds?.find((row) => row.engineId === engineId)?.cosine ?? settings.echoCosine ?? FALLBACK_ECHO_COSINE;
}

/**
 * The band a core image at `angle` is judged by. A run's override can only raise the lower bar: lowering it would
 * let a run pass what the studio's settings reject, so that stays an admin's change to the settings.
 */
export function coreSetRules(settings: QaRuleSettings, engineId: string, angle: number, minOverride?: number): JudgingRules {
  const row = settings.coreSetThresholds?.find((entry) => entry.engineId === engineId && entry.angle === angle);
  const neighbour = settings.neighbourThresholds?.find((entry) => entry.engineId === engineId);
  const min = row ? Math.max(row.minConsistency, minOverride ?? -Infinity) : null;
  return {
    minConsistency: min,
    maxConsistency: row?.maxConsistency ?? null,
    characterFloor: row?.characterFloor ?? null,
    reviewReason: row?.reviewUntilCalibrated
      ? `The ${angle}° view is not calibrated for engine "${engineId}": ${row.calibrationNote || 'its same-character and other-character scores overlap'}, so a reviewer decides.`
      : null,
    minNeighbourConsistency: neighbour?.minConsistency ?? null,
    minQuality: settings.minQualityScore ?? FALLBACK_MIN_QUALITY,
    echoCosine: echoCosineFor(settings, engineId),
    engineId,
  };
}

export function productionRules(settings: QaRuleSettings, engineId: string): JudgingRules {
  const row = settings.productionThresholds?.find((entry) => entry.engineId === engineId);
  return {
    minConsistency: row ? row.minConsistency : null,
    minQuality: settings.minQualityScore ?? FALLBACK_MIN_QUALITY,
    echoCosine: echoCosineFor(settings, engineId),
    engineId,
  };
}
