import type { CharacterLook } from './look';
import type { Random } from './random';

/**
 * Sizes and heights of the figure's parts in canvas pixels, before posing. Widths are the part's extent across the
 * body (x) and depths front to back (z), so the pose can project them for any view angle.
 */
export interface BodyPlan {
  cx: number;
  top: number;
  height: number;
  stroke: number;
  head: { width: number; depth: number; height: number };
  neckWidth: number;
  torso: { width: number; depth: number };
  armWidth: number;
  leg: { width: number; offset: number };
  shoe: { width: number; length: number };
  /** Outward swing of each arm in degrees (index 0: the character's left): a model never repeats a pose exactly. */
  armSwing: [number, number];
  y: { chin: number; shoulder: number; sleeveEnd: number; hand: number; hip: number; ankle: number; sole: number };
}

/** Arm width relative to the torso: the front-view width is torso + two arms. */
const ARM_RATIO = 0.19;

export function planBody(look: CharacterLook, canvas: { width: number; height: number }, random: Random): BodyPlan {
  const { heightToWidth, headFraction } = look.proportions;
  let height = canvas.height * 0.84 * random.range(0.94, 1.02);
  // Wide canvases: keep the figure's width inside the frame.
  height = Math.min(height, canvas.width * 0.8 * heightToWidth);
  const stroke = Math.max(1.5, height * 0.004);
  // Outlines add a stroke's width to the measured box; the proportions are of the outlined figure.
  const frontWidth = (height + stroke) / heightToWidth - stroke;
  const torsoWidth = frontWidth / (1 + 2 * ARM_RATIO);
  const top = (canvas.height - height) / 2 + canvas.height * 0.01 + random.range(-0.006, 0.006) * canvas.height;
  const cx = canvas.width / 2 + random.range(-0.03, 0.03) * canvas.width;
  const headHeight = headFraction * height;
  const headWidth = Math.min(headHeight * 0.8, torsoWidth * 0.8);
  const chin = top + headHeight;
  const shoulder = chin + 0.03 * height;
  const hip = top + 0.52 * height;
  const legWidth = 0.36 * torsoWidth;
  const stance = random.range(1, 1.6);
  return {
    cx,
    top,
    height,
    stroke,
    head: { width: headWidth, depth: headWidth * 0.95, height: headHeight },
    neckWidth: headWidth * 0.42,
    torso: { width: torsoWidth, depth: torsoWidth * 0.55 },
    armWidth: torsoWidth * ARM_RATIO,
    leg: { width: legWidth, offset: (legWidth / 2 + torsoWidth * 0.03) * stance },
    shoe: { width: legWidth * 1.08, length: torsoWidth * 0.62 },
    armSwing: [random.range(2, 16), random.range(2, 16)],
    y: {
      chin,
      shoulder,
      sleeveEnd: top + 0.465 * height,
      hand: top + 0.525 * height,
      hip,
      ankle: top + 0.945 * height,
      sole: top + height,
    },
  };
}
