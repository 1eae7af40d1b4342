import { rgbToLab } from './color';
import type { RgbImage } from './decode';

/**
 * A smooth backdrop model: each CIELAB channel is a low-order polynomial surface over the frame, so a plain colour,
 * a gradient in any direction and a centred vignette are all "background", light or dark. It is fitted first on the
 * frame's border, then again on every pixel the first fit called background (the interior matters for vignettes),
 * each time ignoring outliers, which is how the subject is kept from pulling the surface towards itself.
 */
export interface BackgroundModel {
  /** False when the border does not follow a smooth surface (a busy scene): nothing can be said about framing. */
  smooth: boolean;
  /** ΔE76 from the fitted backdrop, per pixel. */
  distance: Float32Array;
  /** Robust spread of the backdrop's own pixels around the surface (noise, dither, JPEG). */
  spread: number;
  /** The backdrop's colour at the frame's centre. */
  centre: { l: number; a: number; b: number };
}

/** Border pixels closer than this to the fitted surface count as backdrop when judging smoothness. */
const SMOOTH_TOLERANCE = 9;
const SMOOTH_SHARE = 0.6;
/** Pixels further than this (or than 3.5 spreads) from the backdrop are subject. */
export const SUBJECT_DISTANCE = 14;

export function fitBackground(image: RgbImage): BackgroundModel {
  const { width, height, data } = image;
  const n = width * height;
  const lab = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const c = rgbToLab(data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!);
    lab[i * 3] = c.l;
    lab[i * 3 + 1] = c.a;
    lab[i * 3 + 2] = c.b;
  }
  const basis = basisFunctions(width, height);
  const ring = Math.max(2, Math.round(Math.min(width, height) * 0.02));
  const border: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (x < ring || y < ring || x >= width - ring || y >= height - ring) border.push(y * width + x);
  }

  let coefficients = robustFit(lab, basis, border, 4);
  let distance = distances(lab, basis, coefficients, n);
  const smooth = isSmooth(distance, width, height, ring);
  if (smooth) {
    for (let pass = 0; pass < 2; pass++) {
      const threshold = subjectThreshold(distance, border);
      const background: number[] = [];
      for (let i = 0; i < n; i += 2) if (distance[i]! < threshold * 0.6) background.push(i);
      if (background.length < border.length / 2) break;
      coefficients = robustFit(lab, basis, background, 2);
      distance = distances(lab, basis, coefficients, n);
    }
  }
  const centreIndex = Math.floor(height / 2) * width + Math.floor(width / 2);
  const centre = evaluate(basis, coefficients, centreIndex);
  return { smooth, distance, spread: spreadOf(distance, border), centre: { l: centre[0]!, a: centre[1]!, b: centre[2]! } };
}

/**
 * The backdrop is smooth when most of the border follows the surface, or when three of the four sides do: a figure
 * cut off by one side covers much of that side, and that is exactly the picture whose framing must be judged.
 */
function isSmooth(distance: Float32Array, width: number, height: number, ring: number): boolean {
  const sides = { top: [0, 0], bottom: [0, 0], left: [0, 0], right: [0, 0] };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const near = distance[y * width + x]! < SMOOTH_TOLERANCE ? 1 : 0;
      const hits = [y < ring && sides.top, y >= height - ring && sides.bottom, x < ring && sides.left, x >= width - ring && sides.right];
      for (const side of hits) {
        if (!side) continue;
        side[0]! += near;
        side[1]!++;
      }
    }
  }
  const shares = Object.values(sides).map(([near, total]) => (total ? near! / total! : 0));
  const overall =
    Object.values(sides).reduce((sum, [near]) => sum + near!, 0) / Object.values(sides).reduce((sum, [, total]) => sum + total!, 0);
  const cleanSides = shares.filter((share) => share >= 0.85).length;
  return overall >= SMOOTH_SHARE || cleanSides >= 3;
}

export function subjectThreshold(distance: Float32Array, border: number[]): number {
  return Math.max(SUBJECT_DISTANCE, 3.5 * spreadOf(distance, border));
}

/** Median distance of the border pixels that lie near the surface: the backdrop's own roughness. */
function spreadOf(distance: Float32Array, border: number[]): number {
  const near = border
    .map((i) => distance[i]!)
    .filter((d) => d < SMOOTH_TOLERANCE * 2)
    .sort((a, b) => a - b);
  return near.length ? near[Math.floor(near.length / 2)]! : SMOOTH_TOLERANCE;
}

const TERMS = 7;

/** 1, u, v, u², uv, v², (u² + v²)²: planes, tilts, saddles and a radial fall-off, with u, v in [−1, 1]. */
function basisFunctions(width: number, height: number): (i: number, out: Float64Array) => void {
  return (i, out) => {
    const x = i % width;
    const y = (i - x) / width;
    const u = (2 * x) / Math.max(1, width - 1) - 1;
    const v = (2 * y) / Math.max(1, height - 1) - 1;
    out[0] = 1;
    out[1] = u;
    out[2] = v;
    out[3] = u * u;
    out[4] = u * v;
    out[5] = v * v;
    out[6] = (u * u + v * v) ** 2;
  };
}

type Basis = ReturnType<typeof basisFunctions>;

function robustFit(lab: Float32Array, basis: Basis, samples: number[], iterations: number): Float64Array[] {
  // Start from the samples' median colour: a least-squares start would already lean towards a figure on the border.
  const medianOf = (channel: number) => {
    const values = samples.map((i) => lab[i * 3 + channel]!).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)] ?? 0;
  };
  let coefficients: Float64Array[] = [0, 1, 2].map((channel) => {
    const constant = new Float64Array(TERMS);
    constant[0] = medianOf(channel);
    return constant;
  });
  let limitFloor = 12;
  for (let k = 0; k <= iterations; k++) {
    const residuals = samples.map((i) => residual(lab, basis, coefficients, i));
    const sorted = [...residuals].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const limit = Math.max(limitFloor, 3 * median);
    const kept = samples.filter((_, j) => residuals[j]! <= limit);
    if (kept.length < TERMS * 4) break;
    coefficients = leastSquares(lab, basis, kept);
    limitFloor = 5;
  }
  return coefficients;
}

function leastSquares(lab: Float32Array, basis: Basis, samples: number[]): Float64Array[] {
  const ata = new Float64Array(TERMS * TERMS);
  const atb = [new Float64Array(TERMS), new Float64Array(TERMS), new Float64Array(TERMS)];
  const row = new Float64Array(TERMS);
  for (const i of samples) {
    basis(i, row);
    for (let r = 0; r < TERMS; r++) {
      for (let c = 0; c < TERMS; c++) ata[r * TERMS + c]! += row[r]! * row[c]!;
      for (let ch = 0; ch < 3; ch++) atb[ch]![r]! += row[r]! * lab[i * 3 + ch]!;
    }
  }
  // A little ridge keeps the solve stable when the samples cannot tell two terms apart (a thin border ring).
  for (let r = 0; r < TERMS; r++) ata[r * TERMS + r]! += 1e-3 * samples.length;
  return atb.map((rhs) => solve(ata, rhs));
}

function solve(matrix: Float64Array, rhs: Float64Array): Float64Array {
  const a = Float64Array.from(matrix);
  const b = Float64Array.from(rhs);
  for (let col = 0; col < TERMS; col++) {
    let pivot = col;
    for (let r = col + 1; r < TERMS; r++) if (Math.abs(a[r * TERMS + col]!) > Math.abs(a[pivot * TERMS + col]!)) pivot = r;
    if (pivot !== col) {
      for (let c = 0; c < TERMS; c++) [a[col * TERMS + c], a[pivot * TERMS + c]] = [a[pivot * TERMS + c]!, a[col * TERMS + c]!];
      [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    }
    const diagonal = a[col * TERMS + col]! || 1e-12;
    for (let r = col + 1; r < TERMS; r++) {
      const factor = a[r * TERMS + col]! / diagonal;
      if (!factor) continue;
      for (let c = col; c < TERMS; c++) a[r * TERMS + c]! -= factor * a[col * TERMS + c]!;
      b[r]! -= factor * b[col]!;
    }
  }
  const x = new Float64Array(TERMS);
  for (let r = TERMS - 1; r >= 0; r--) {
    let sum = b[r]!;
    for (let c = r + 1; c < TERMS; c++) sum -= a[r * TERMS + c]! * x[c]!;
    x[r] = sum / (a[r * TERMS + r]! || 1e-12);
  }
  return x;
}

const scratch = new Float64Array(TERMS);

function evaluate(basis: Basis, coefficients: Float64Array[], i: number): [number, number, number] {
  basis(i, scratch);
  const out: [number, number, number] = [0, 0, 0];
  for (let ch = 0; ch < 3; ch++) {
    let sum = 0;
    for (let t = 0; t < TERMS; t++) sum += coefficients[ch]![t]! * scratch[t]!;
    out[ch] = sum;
  }
  return out;
}

function residual(lab: Float32Array, basis: Basis, coefficients: Float64Array[], i: number): number {
  const fitted = evaluate(basis, coefficients, i);
  return Math.hypot(lab[i * 3]! - fitted[0], lab[i * 3 + 1]! - fitted[1], lab[i * 3 + 2]! - fitted[2]);
}

function distances(lab: Float32Array, basis: Basis, coefficients: Float64Array[], n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = residual(lab, basis, coefficients, i);
  return out;
}
