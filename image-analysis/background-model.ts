import { writeLab } from './color';
import type { RgbImage } from './decode';
import { kthSmallest } from './order-statistic';

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
  for (let i = 0; i < n; i++) writeLab(data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!, lab, i * 3);
  const basis = basisRows(width, height);
  const ring = Math.max(2, Math.round(Math.min(width, height) * 0.02));
  const border = borderPixels(width, height, ring);

  let coefficients = robustFit(lab, basis, border, 4);
  let distance = distances(lab, basis, coefficients, n);
  const smooth = isSmooth(distance, width, height, ring);
  if (smooth) {
    for (let pass = 0; pass < 2; pass++) {
      const threshold = subjectThreshold(distance, border);
      const everyOther = new Int32Array(Math.ceil(n / 2));
      let count = 0;
      for (let i = 0; i < n; i += 2) if (distance[i]! < threshold * 0.6) everyOther[count++] = i;
      if (count < border.length / 2) break;
      coefficients = robustFit(lab, basis, everyOther.subarray(0, count), 2);
      distance = distances(lab, basis, coefficients, n);
    }
  }
  const centreIndex = Math.floor(height / 2) * width + Math.floor(width / 2);
  const centre = evaluate(basis, coefficients, centreIndex);
  return { smooth, distance, spread: spreadOf(distance, border), centre: { l: centre[0]!, a: centre[1]!, b: centre[2]! } };
}

/** Indices of the pixels within `ring` of the frame's edge, row by row. */
function borderPixels(width: number, height: number, ring: number): Int32Array {
  const out = new Int32Array(width * height);
  let count = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (x < ring || y < ring || x >= width - ring || y >= height - ring) out[count++] = y * width + x;
  }
  return out.slice(0, count);
}

/**
 * The backdrop is smooth when most of the border follows the surface, or when three of the four sides do: a figure
 * cut off by one side covers much of that side, and that is exactly the picture whose framing must be judged.
 */
function isSmooth(distance: Float32Array, width: number, height: number, ring: number): boolean {
  // Per side (top, bottom, left, right): border pixels near the surface, and all of them. Corners count for two sides.
  const near = [0, 0, 0, 0];
  const total = [0, 0, 0, 0];
  const count = (side: number, hit: number) => {
    near[side]! += hit;
    total[side]!++;
  };
  for (let y = 0; y < height; y++) {
    const top = y < ring;
    const bottom = y >= height - ring;
    for (let x = 0; x < width; x++) {
      const left = x < ring;
      const right = x >= width - ring;
      if (!top && !bottom && !left && !right) {
        x = width - ring - 1;
        continue;
      }
      const hit = distance[y * width + x]! < SMOOTH_TOLERANCE ? 1 : 0;
      if (top) count(0, hit);
      if (bottom) count(1, hit);
      if (left) count(2, hit);
      if (right) count(3, hit);
    }
  }
  const shares = near.map((count, side) => (total[side] ? count / total[side]! : 0));
  const overall = near.reduce((sum, count) => sum + count, 0) / total.reduce((sum, count) => sum + count, 0);
  const cleanSides = shares.filter((share) => share >= 0.85).length;
  return overall >= SMOOTH_SHARE || cleanSides >= 3;
}

export function subjectThreshold(distance: Float32Array, border: ArrayLike<number>): number {
  return Math.max(SUBJECT_DISTANCE, 3.5 * spreadOf(distance, border));
}

/** Median distance of the border pixels that lie near the surface: the backdrop's own roughness. */
function spreadOf(distance: Float32Array, border: ArrayLike<number>): number {
  const near = new Float32Array(border.length);
  let count = 0;
  for (let j = 0; j < border.length; j++) {
    const d = distance[border[j]!]!;
    if (d < SMOOTH_TOLERANCE * 2) near[count++] = d;
  }
  return count ? kthSmallest(near.subarray(0, count), Math.floor(count / 2)) : SMOOTH_TOLERANCE;
}

const TERMS = 7;

/**
 * Per pixel, the surface's terms 1, u, v, u², uv, v², (u² + v²)² (planes, tilts, saddles and a radial fall-off, with
 * u, v in [−1, 1]), computed once per image: every fit and every distance pass reads them again.
 */
function basisRows(width: number, height: number): Float64Array {
  const key = `${width}x${height}`;
  const known = basisByFrame.get(key);
  if (known) return known;
  const rows = new Float64Array(width * height * TERMS);
  for (let i = 0; i < width * height; i++) {
    const x = i % width;
    const y = (i - x) / width;
    const u = (2 * x) / Math.max(1, width - 1) - 1;
    const v = (2 * y) / Math.max(1, height - 1) - 1;
    const row = i * TERMS;
    rows[row] = 1;
    rows[row + 1] = u;
    rows[row + 2] = v;
    rows[row + 3] = u * u;
    rows[row + 4] = u * v;
    rows[row + 5] = v * v;
    rows[row + 6] = (u * u + v * v) ** 2;
  }
  basisByFrame.set(key, rows);
  if (basisByFrame.size > BASES_KEPT) basisByFrame.delete(basisByFrame.keys().next().value!);
  return rows;
}

/**
 * Bases depend only on the frame's size, and a core set measures its candidates and master at one working size: a
 * few are kept (about 2.7 MB each at 256 × 192) rather than allocated and filled again for every image.
 */
const BASES_KEPT = 3;
const basisByFrame = new Map<string, Float64Array>();

function robustFit(lab: Float32Array, basis: Float64Array, samples: Int32Array, iterations: number): Float64Array[] {
  // Start from the samples' median colour: a least-squares start would already lean towards a figure on the border.
  const medianOf = (channel: number) => {
    const values = new Float32Array(samples.length);
    for (let j = 0; j < samples.length; j++) values[j] = lab[samples[j]! * 3 + channel]!;
    return values.length ? kthSmallest(values, Math.floor(values.length / 2)) : 0;
  };
  let coefficients: Float64Array[] = [0, 1, 2].map((channel) => {
    const constant = new Float64Array(TERMS);
    constant[0] = medianOf(channel);
    return constant;
  });
  let limitFloor = 12;
  const residuals = new Float64Array(samples.length);
  const scratch = new Float64Array(samples.length);
  const kept = new Int32Array(samples.length);
  for (let k = 0; k <= iterations; k++) {
    for (let j = 0; j < samples.length; j++) residuals[j] = residual(lab, basis, coefficients, samples[j]!);
    scratch.set(residuals);
    const median = scratch.length ? kthSmallest(scratch, Math.floor(scratch.length / 2)) : 0;
    const limit = Math.max(limitFloor, 3 * median);
    let keptCount = 0;
    for (let j = 0; j < samples.length; j++) if (residuals[j]! <= limit) kept[keptCount++] = samples[j]!;
    if (keptCount < TERMS * 4) break;
    coefficients = leastSquares(lab, basis, kept.subarray(0, keptCount));
    limitFloor = 5;
  }
  return coefficients;
}

function leastSquares(lab: Float32Array, basis: Float64Array, samples: Int32Array): Float64Array[] {
  const ata = new Float64Array(TERMS * TERMS);
  const atb = [new Float64Array(TERMS), new Float64Array(TERMS), new Float64Array(TERMS)];
  const [atbL, atbA, atbB] = atb as [Float64Array, Float64Array, Float64Array];
  for (let j = 0; j < samples.length; j++) {
    const i = samples[j]!;
    const row = i * TERMS;
    const l = lab[i * 3]!;
    const a = lab[i * 3 + 1]!;
    const b = lab[i * 3 + 2]!;
    for (let r = 0; r < TERMS; r++) {
      const term = basis[row + r]!;
      // AᵀA is symmetric: each product is added to both of its cells, in the same order as a full pass would.
      for (let c = r; c < TERMS; c++) ata[r * TERMS + c]! += term * basis[row + c]!;
      atbL[r]! += term * l;
      atbA[r]! += term * a;
      atbB[r]! += term * b;
    }
  }
  for (let r = 1; r < TERMS; r++) for (let c = 0; c < r; c++) ata[r * TERMS + c] = ata[c * TERMS + r]!;
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

/** The fitted surface's colour at pixel i. */
function evaluate(basis: Float64Array, coefficients: Float64Array[], i: number): [number, number, number] {
  const out: [number, number, number] = [0, 0, 0];
  for (let ch = 0; ch < 3; ch++) {
    let sum = 0;
    for (let t = 0; t < TERMS; t++) sum += coefficients[ch]![t]! * basis[i * TERMS + t]!;
    out[ch] = sum;
  }
  return out;
}

/** ΔE76 of pixel i from the surface; the same sums as `evaluate`, without a tuple per pixel. */
function residual(lab: Float32Array, basis: Float64Array, coefficients: Float64Array[], i: number): number {
  const [l, a, b] = coefficients as [Float64Array, Float64Array, Float64Array];
  const row = i * TERMS;
  let fittedL = 0;
  let fittedA = 0;
  let fittedB = 0;
  for (let t = 0; t < TERMS; t++) {
    const term = basis[row + t]!;
    fittedL += l[t]! * term;
    fittedA += a[t]! * term;
    fittedB += b[t]! * term;
  }
  return Math.hypot(lab[i * 3]! - fittedL, lab[i * 3 + 1]! - fittedA, lab[i * 3 + 2]! - fittedB);
}

function distances(lab: Float32Array, basis: Float64Array, coefficients: Float64Array[], n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = residual(lab, basis, coefficients, i);
  return out;
}
