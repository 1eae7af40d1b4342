/**
 * Starting thresholds, per analysis engine and view angle, on our consistencyScore scale (100 × max(0, cosine)).
 *
 * dinov3-vitb16: same-object photos from different angles average cosine ≈ 0.77 with DINO (DreamBooth), and
 * similarity falls as the view turns away from the front master, so the bar falls with the angle. These are
 * starting points to calibrate on a studio's own approved images (see README "Calibrating thresholds").
 * Engines without a row here never pass automatically: their images go to human review.
 */
export const DINOV3_ENGINE_ID = 'dinov3-vitb16-pretrain-lvd1689m';

export const DEFAULT_CORE_SET_THRESHOLDS: Array<{ engineId: string; angle: number; minConsistency: number }> = [
  { engineId: DINOV3_ENGINE_ID, angle: 0, minConsistency: 70 },
  { engineId: DINOV3_ENGINE_ID, angle: 45, minConsistency: 60 },
  { engineId: DINOV3_ENGINE_ID, angle: 315, minConsistency: 60 },
  { engineId: DINOV3_ENGINE_ID, angle: 90, minConsistency: 50 },
  { engineId: DINOV3_ENGINE_ID, angle: 270, minConsistency: 50 },
  { engineId: DINOV3_ENGINE_ID, angle: 135, minConsistency: 42 },
  { engineId: DINOV3_ENGINE_ID, angle: 225, minConsistency: 42 },
  { engineId: DINOV3_ENGINE_ID, angle: 180, minConsistency: 38 },
];

export const DEFAULT_PRODUCTION_THRESHOLDS: Array<{ engineId: string; minConsistency: number }> = [
  { engineId: DINOV3_ENGINE_ID, minConsistency: 60 },
];

export const DEFAULT_QA = {
  minQualityScore: 60,
  /** Above this cosine a generated image is suspected to be the reference echoed back. */
  echoCosine: 0.97,
  maxAttemptsPerAngle: 3,
  coreSetConcurrency: 4,
  reviewTimeoutHours: 72,
};
