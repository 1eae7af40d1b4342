/** Body landmarks of a painted character in figure units (y down the page, 0 = top of the head, 1 = soles). */
import type { PaintedCharacter } from './character';

export interface Skeleton {
  /** Head radius (vertical) and half-width. */
  readonly headR: number;
  readonly headRx: number;
  readonly headY: number;
  readonly shoulderY: number;
  readonly waistY: number;
  readonly hipY: number;
  readonly ankleY: number;
  readonly footH: number;
  readonly legLength: number;
  /** Half-widths and chest half-depth. */
  readonly shoulder: number;
  readonly waist: number;
  readonly hip: number;
  readonly depth: number;
  readonly armR: number;
  readonly legR: number;
  /** Sideways position of the shoulder and hip joints. */
  readonly shoulderX: number;
  readonly hipX: number;
  readonly armLength: number;
}

export function skeletonOf(c: PaintedCharacter): Skeleton {
  const b = c.body;
  const headR = b.headRatio / 2;
  const shoulderY = b.headRatio + b.neck;
  const legLength = (1 - shoulderY) * b.legShare;
  const hipY = 1 - legLength;
  // Thick arms on narrow shoulders would cover the whole chest from the front.
  const armR = Math.min(b.limb, b.shoulder * 0.3);
  const legR = armR * b.legs;
  const footH = 0.028 + legR * 0.3;
  const hip = b.shoulder * b.hip;
  return {
    headR,
    headRx: headR * b.headWidth,
    headY: headR,
    shoulderY,
    waistY: shoulderY + (hipY - shoulderY) * 0.6,
    hipY,
    ankleY: 1 - footH * 0.8,
    footH,
    legLength,
    shoulder: b.shoulder,
    waist: b.shoulder * b.waist,
    hip,
    depth: b.shoulder * b.depth,
    armR,
    legR,
    shoulderX: b.shoulder - armR * 0.15,
    hipX: Math.max(hip - legR * 0.9, legR * 0.95),
    armLength: (hipY - shoulderY) * 0.98 + 0.012,
  };
}
