import { CLASSICAL_ENGINE_ID, DINOV3_ENGINE_ID } from '../../../contracts';

/**
 * classical-v1, measured by `npm run calibrate` (bench/calibrate-thresholds.ts) on the image-model stand-in: six
 * characters × eight angles, compared with their front master, against other characters and off-model variants at
 * the same angle. Each bar sits midway between the lowest same-character score and the highest other-character
 * score at that angle (e.g. 0°: same ≥ 95, other ≤ 79 → 86; 90°: same ≥ 81, other ≤ 70 → 75).
 */
const CLASSICAL_BY_ANGLE: Record<number, number> = { 0: 86, 45: 82, 90: 75, 135: 80, 180: 83, 225: 80, 270: 76, 315: 82 };

/**
 * Starting thresholds, per analysis engine and view angle, on our consistencyScore scale (100 × max(0, cosine)).
 *
 * dinov3-vitb16: same-object photos from different angles average cosine ≈ 0.77 with DINO (DreamBooth), and
 * similarity falls as the view turns away from the front master, so the bar falls with the angle. These are
 * starting points to calibrate on a studio's own approved images (see README "Calibrating thresholds").
 * Engines without a row here never pass automatically: their images go to human review.
 */
export const DEFAULT_CORE_SET_THRESHOLDS: Array<{ engineId: string; angle: number; minConsistency: number }> = [
  { engineId: DINOV3_ENGINE_ID, angle: 0, minConsistency: 70 },
  { engineId: DINOV3_ENGINE_ID, angle: 45, minConsistency: 60 },
  { engineId: DINOV3_ENGINE_ID, angle: 315, minConsistency: 60 },
  { engineId: DINOV3_ENGINE_ID, angle: 90, minConsistency: 50 },
  { engineId: DINOV3_ENGINE_ID, angle: 270, minConsistency: 50 },
  { engineId: DINOV3_ENGINE_ID, angle: 135, minConsistency: 42 },
  { engineId: DINOV3_ENGINE_ID, angle: 225, minConsistency: 42 },
  { engineId: DINOV3_ENGINE_ID, angle: 180, minConsistency: 38 },
  ...Object.entries(CLASSICAL_BY_ANGLE).map(([angle, minConsistency]) => ({ engineId: CLASSICAL_ENGINE_ID, angle: Number(angle), minConsistency })),
];

export const DEFAULT_PRODUCTION_THRESHOLDS: Array<{ engineId: string; minConsistency: number }> = [
  { engineId: DINOV3_ENGINE_ID, minConsistency: 60 },
  { engineId: CLASSICAL_ENGINE_ID, minConsistency: 80 },
];

/**
 * Above this cosine to a reference an image is treated as the reference sent back. DINOv3: near-duplicates sit at
 * 0.95–0.99 (scoring.md). The classical descriptor is coarse, so two honest renders of one pose reach 0.99; its
 * echo guard is the perceptual hash in the quality checks, and its cosine bar is only a last resort.
 */
export const DEFAULT_ECHO_THRESHOLDS: Array<{ engineId: string; cosine: number }> = [
  { engineId: DINOV3_ENGINE_ID, cosine: 0.97 },
  { engineId: CLASSICAL_ENGINE_ID, cosine: 0.999 },
];

export const DEFAULT_QA = {
  minQualityScore: 60,
  /** Echo bar for engines without a row in DEFAULT_ECHO_THRESHOLDS. */
  echoCosine: 0.97,
  maxAttemptsPerAngle: 3,
  coreSetConcurrency: 4,
  reviewTimeoutHours: 72,
};
