import { CLASSICAL_ENGINE_ID, DINOV3_ENGINE_ID } from '../../../contracts';

/**
 * Starting bands, per analysis engine and view angle, on our consistencyScore scale (100 × max(0, cosine) against
 * the front master): a lower bar (the same character) and, where calibrated, an upper bar (not the master's own view
 * again). Engines without a row here never pass automatically: their images go to human review.
 */

type CoreSetThresholdRow = {
  engineId: string;
  angle: number;
  minConsistency: number;
  maxConsistency?: number | null;
  characterFloor?: number | null;
  reviewUntilCalibrated?: boolean;
  calibrationNote?: string;
};

/**
 * dinov3-vitb16, from published DINO similarities (docs/qa-gate.md): other characters of the same style reach cosine
 * 0.66, so no bar is below 67 and nothing passes someone else. Real photos of one object from other views average
 * only 0.77, and a correct side or back view can score below another character's front view: from 90° to 270° the
 * same-character and other-character ranges overlap, so those angles go to review until `npm run calibrate` has
 * measured this studio's characters (set the bands it proposes and clear "review until calibrated").
 */
const DINOV3_ROWS: CoreSetThresholdRow[] = [
  {
    engineId: DINOV3_ENGINE_ID,
    angle: 0,
    minConsistency: 78,
    maxConsistency: null,
    calibrationNote: 'published ranges: same view ≥ 0.8, other characters ≤ 0.66',
  },
  ...[45, 315].map((angle) => ({
    engineId: DINOV3_ENGINE_ID,
    angle,
    minConsistency: 70,
    maxConsistency: null,
    calibrationNote: 'published ranges: three-quarter views ≈ 0.77, other characters ≤ 0.66',
  })),
  ...[90, 135, 180, 225, 270].map((angle) => ({
    engineId: DINOV3_ENGINE_ID,
    angle,
    minConsistency: 67,
    maxConsistency: null,
    reviewUntilCalibrated: true,
    calibrationNote: 'published same-character side/back scores overlap other characters (0.49–0.66) and no upper bound is measured yet',
  })),
];

/**
 * classical-v2, measured by `CALIBRATE_CHARACTERS=8 npm run calibrate`: 16 characters from two independent drawing
 * methods (the image-model stand-in, also redrawing from what it reads off the master, and the gate corpus painter),
 * each master against the right view, a wrong view
 * (the front view again for turned angles, the back view for the front) and another character at every angle. Each
 * bar sits midway between the classes it separates, e.g. 90°: right view 79.6–93.8, other characters ≤ 60.2, front
 * view again ≥ 98.7 → 69.9..96.3; 0°: right view ≥ 99.0, back view 80.7–96.0 → ≥ 97.5, and from 71.3 (between
 * other characters ≤ 61.8 and the back view) a miss reads as the wrong view rather than another character.
 */
const CLASSICAL_BANDS: Record<number, [number, number | null]> = {
  // Calibrated midpoint 97.2; set to 96.5, still above every back view measured (≤ 96.0), because the image-model
  // stand-in's own redraw of a front view scored 96.9 end to end. The thin margin is this engine's weak point.
  0: [96.5, null],
  45: [76.5, 98],
  // Upper bars at 90° and 270° sit below their midpoints (96.3 and 95.8) but inside the measured gap: right views
  // ≤ 93.9, front views ≥ 98.2 (docs/qa-gate.md says why they were lowered and why they stay until recalibrated).
  90: [69.9, 95],
  135: [71.2, 96.6],
  180: [70.7, 97.5],
  225: [72.3, 96.9],
  270: [70.6, 94],
  315: [76.4, 98.3],
};

export const DEFAULT_CORE_SET_THRESHOLDS: CoreSetThresholdRow[] = [
  ...DINOV3_ROWS,
  ...Object.entries(CLASSICAL_BANDS).map(([angle, [minConsistency, maxConsistency]]) => ({
    engineId: CLASSICAL_ENGINE_ID,
    angle: Number(angle),
    minConsistency,
    maxConsistency,
    characterFloor: Number(angle) === 0 ? 71.3 : null,
    calibrationNote:
      Number(angle) === 0
        ? 'npm run calibrate (97.2), lowered to 96.5 for the image model redraws'
        : 'npm run calibrate, 16 characters from two drawing methods',
  })),
];

export const DEFAULT_NEIGHBOUR_THRESHOLDS: Array<{ engineId: string; minConsistency: number }> = [];

export const DEFAULT_PRODUCTION_THRESHOLDS: Array<{ engineId: string; minConsistency: number }> = [
  { engineId: DINOV3_ENGINE_ID, minConsistency: 60 },
  { engineId: CLASSICAL_ENGINE_ID, minConsistency: 72 },
];

/**
 * Above this cosine to a reference an image is treated as the reference sent back. DINOv3: near-duplicates sit at
 * 0.95–0.99 (docs/qa-gate.md). The classical descriptor is coarse, so two honest renders of one pose reach 0.99; its
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
  coreSetConcurrency: 8,
  reviewTimeoutHours: 72,
};

/** The defaults in the shape the judging rules read (qa-policy/rules.ts): what a fresh install judges by. */
export const DEFAULT_QA_SETTINGS = {
  coreSetThresholds: DEFAULT_CORE_SET_THRESHOLDS,
  neighbourThresholds: DEFAULT_NEIGHBOUR_THRESHOLDS,
  productionThresholds: DEFAULT_PRODUCTION_THRESHOLDS,
  minQualityScore: DEFAULT_QA.minQualityScore,
  echoThresholds: DEFAULT_ECHO_THRESHOLDS,
  echoCosine: DEFAULT_QA.echoCosine,
};
