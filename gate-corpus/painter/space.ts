/**
 * The turntable: characters are modelled in their own frame (x towards the character's left, z out of its chest,
 * y down the page) and turned about the vertical axis before flattening. Positive angles turn the character to its
 * left, so at 90° its nose points to the viewer's right.
 */
import type { Rgb } from './raster';
import { grow, halfPlane, intersect, type Shape } from './shapes';

export interface Turn {
  readonly deg: number;
  readonly c: number;
  readonly s: number;
}

export function turnOf(angleDeg: number): Turn {
  const deg = ((angleDeg % 360) + 360) % 360;
  const rad = (deg * Math.PI) / 180;
  // Snap the exact quarter turns so profile and back views are exactly symmetric.
  const snap = (v: number) => (Math.abs(v) < 1e-12 ? 0 : v);
  return { deg, c: snap(Math.cos(rad)), s: snap(Math.sin(rad)) };
}

/** Screen X and depth (towards the viewer) of a point at local (x, z). */
export function flatten(t: Turn, x: number, z: number): readonly [number, number] {
  return [x * t.c + z * t.s, -x * t.s + z * t.c];
}

/** Half the on-screen width of an elliptic cross-section with half-axes `halfX` (sideways) and `halfZ` (front-back). */
export function halfWidth(t: Turn, halfX: number, halfZ: number): number {
  return Math.hypot(halfX * t.c, halfZ * t.s);
}

/** World light direction (x to the viewer's right, y up, z towards the viewer), unit length. */
export interface Light {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

export function lightFrom(fromLeft: boolean, azimuthDeg: number): Light {
  const a = (azimuthDeg * Math.PI) / 180;
  const x = (fromLeft ? -1 : 1) * Math.sin(a);
  const y = 0.55;
  const z = Math.cos(a);
  const n = Math.hypot(x, y, z);
  return { x: x / n, y: y / n, z: z / n };
}

/**
 * Where the cel-shadow starts on a turned elliptic cross-section, as a fraction of its on-screen half-width, and on
 * which side it lies. A flat chest and a round arm shade differently as the figure turns; that is the point.
 */
export function shadowEdge(t: Turn, halfX: number, halfZ: number, light: Light): { fraction: number; side: 1 | -1 } | null {
  const side: 1 | -1 = light.x < 0 ? 1 : -1;
  let edge = Infinity;
  const steps = 180;
  for (let i = 0; i < steps; i++) {
    const a = (i / steps) * Math.PI * 2;
    const px = halfX * Math.cos(a);
    const pz = halfZ * Math.sin(a);
    const nx0 = Math.cos(a) / halfX;
    const nz0 = Math.sin(a) / halfZ;
    const nl = Math.hypot(nx0, nz0);
    const [nx, nz] = flatten(t, nx0 / nl, nz0 / nl);
    if (nz <= 0) continue;
    if (nx * light.x + nz * light.z > 0.05) continue;
    const [sx] = flatten(t, px, pz);
    const e = sx * side;
    if (e < edge) edge = e;
  }
  if (!Number.isFinite(edge)) return null;
  const w = halfWidth(t, halfX, halfZ);
  return { fraction: Math.max(-1, Math.min(1, edge / w)), side };
}

/**
 * The shadowed part of a limb-like shape whose axis runs from A to B: everything beyond a line parallel to the axis,
 * offset by `offset` to the shadow side.
 */
export function shadeBeyond(shape: Shape, ax: number, ay: number, bx: number, by: number, offset: number, side: 1 | -1): Shape {
  const dx = bx - ax;
  const dy = by - ay;
  const len = Math.hypot(dx, dy) || 1;
  // Screen-right normal of the axis, flipped to the shadow side.
  let nx = dy / len;
  let ny = -dx / len;
  if (nx * side < 0) {
    nx = -nx;
    ny = -ny;
  }
  return intersect(shape, halfPlane(ax + nx * offset, ay + ny * offset, nx, ny));
}

export interface Op {
  readonly shape: Shape;
  readonly colour: Rgb;
  readonly alpha?: number;
  readonly soft?: number;
}

/** A group of ops drawn together; groups are sorted back to front by key. */
export interface Item {
  readonly key: number;
  readonly ops: Op[];
}

export interface Ink {
  readonly width: number;
  readonly colour: Rgb;
}

/** The shape filled, with its outline first when the character is inked. */
export function inked(shape: Shape, colour: Rgb, ink: Ink): Op[] {
  if (ink.width <= 0) return [{ shape, colour }];
  return [
    { shape: grow(shape, ink.width), colour: ink.colour },
    { shape, colour },
  ];
}
