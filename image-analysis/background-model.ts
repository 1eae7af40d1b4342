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
  const sampleResiduals = new Float64Array(samples.length);
  const scratch = new Float64Array(samples.length);
  const kept = new Int32Array(samples.length);
  for (let k = 0; k <= iterations; k++) {
    residuals(lab, basis, coefficients, samples.length, sampleResiduals, samples);
    scratch.set(sampleResiduals);
    const median = scratch.length ? kthSmallest(scratch, Math.floor(scratch.length / 2)) : 0;
    const limit = Math.max(limitFloor, 3 * median);
    let keptCount = 0;
    for (let j = 0; j < samples.length; j++) if (sampleResiduals[j]! <= limit) kept[keptCount++] = samples[j]!;
    if (keptCount < TERMS * 4) break;
    coefficients = leastSquares(lab, basis, kept.subarray(0, keptCount));
    limitFloor = 5;
  }
  return coefficients;
}

/**
 * The hottest loop of the pixel measurement. Its sums are locals, written out term by term, rather than array cells
 * read and written per product: about three times faster. Each sum still adds its samples' products in the same
 * order as a loop over the terms would, so the fit is the same to the last bit. Kept as written (prettier-ignore):
 * one line per row of AᵀA reads as the matrix it is.
 */
// prettier-ignore
function leastSquares(lab: Float32Array, basis: Float64Array, samples: Int32Array): Float64Array[] {
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s04 = 0, s05 = 0, s06 = 0;
  let s11 = 0, s12 = 0, s13 = 0, s14 = 0, s15 = 0, s16 = 0;
  let s22 = 0, s23 = 0, s24 = 0, s25 = 0, s26 = 0;
  let s33 = 0, s34 = 0, s35 = 0, s36 = 0;
  let s44 = 0, s45 = 0, s46 = 0;
  let s55 = 0, s56 = 0;
  let s66 = 0;
  let l0 = 0, l1 = 0, l2 = 0, l3 = 0, l4 = 0, l5 = 0, l6 = 0;
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0;
  let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
  for (let j = 0; j < samples.length; j++) {
    const i = samples[j]!;
    const row = i * TERMS;
    const t0 = basis[row]!, t1 = basis[row + 1]!, t2 = basis[row + 2]!, t3 = basis[row + 3]!;
    const t4 = basis[row + 4]!, t5 = basis[row + 5]!, t6 = basis[row + 6]!;
    const l = lab[i * 3]!, a = lab[i * 3 + 1]!, b = lab[i * 3 + 2]!;
    s00 += t0 * t0; s01 += t0 * t1; s02 += t0 * t2; s03 += t0 * t3; s04 += t0 * t4; s05 += t0 * t5; s06 += t0 * t6;
    s11 += t1 * t1; s12 += t1 * t2; s13 += t1 * t3; s14 += t1 * t4; s15 += t1 * t5; s16 += t1 * t6;
    s22 += t2 * t2; s23 += t2 * t3; s24 += t2 * t4; s25 += t2 * t5; s26 += t2 * t6;
    s33 += t3 * t3; s34 += t3 * t4; s35 += t3 * t5; s36 += t3 * t6;
    s44 += t4 * t4; s45 += t4 * t5; s46 += t4 * t6;
    s55 += t5 * t5; s56 += t5 * t6;
    s66 += t6 * t6;
    l0 += t0 * l; l1 += t1 * l; l2 += t2 * l; l3 += t3 * l; l4 += t4 * l; l5 += t5 * l; l6 += t6 * l;
    a0 += t0 * a; a1 += t1 * a; a2 += t2 * a; a3 += t3 * a; a4 += t4 * a; a5 += t5 * a; a6 += t6 * a;
    b0 += t0 * b; b1 += t1 * b; b2 += t2 * b; b3 += t3 * b; b4 += t4 * b; b5 += t5 * b; b6 += t6 * b;
  }
  // AᵀA is symmetric: the upper triangle was summed, the lower one mirrors it.
  const ata = Float64Array.of(
    s00, s01, s02, s03, s04, s05, s06,
    s01, s11, s12, s13, s14, s15, s16,
    s02, s12, s22, s23, s24, s25, s26,
    s03, s13, s23, s33, s34, s35, s36,
    s04, s14, s24, s34, s44, s45, s46,
    s05, s15, s25, s35, s45, s55, s56,
    s06, s16, s26, s36, s46, s56, s66,
  );
  // A little ridge keeps the solve stable when the samples cannot tell two terms apart (a thin border ring).
  for (let r = 0; r < TERMS; r++) ata[r * TERMS + r]! += 1e-3 * samples.length;
  return [
    solve(ata, Float64Array.of(l0, l1, l2, l3, l4, l5, l6)),
    solve(ata, Float64Array.of(a0, a1, a2, a3, a4, a5, a6)),
    solve(ata, Float64Array.of(b0, b1, b2, b3, b4, b5, b6)),
  ];
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

/**
 * ΔE76 from the surface of each pixel in `indices` (every pixel when absent), into `out` by position: the same sums
 * as `evaluate`, in the same order, with the coefficients in locals, because this runs over every pixel several
 * times per fit (prettier-ignore: one line per colour channel).
 */
// prettier-ignore
function residuals(
  lab: Float32Array,
  basis: Float64Array,
  coefficients: Float64Array[],
  count: number,
  out: Float32Array | Float64Array,
  indices?: Int32Array,
): void {
  const [cl, ca, cb] = coefficients as [Float64Array, Float64Array, Float64Array];
  const l0 = cl[0]!, l1 = cl[1]!, l2 = cl[2]!, l3 = cl[3]!, l4 = cl[4]!, l5 = cl[5]!, l6 = cl[6]!;
  const a0 = ca[0]!, a1 = ca[1]!, a2 = ca[2]!, a3 = ca[3]!, a4 = ca[4]!, a5 = ca[5]!, a6 = ca[6]!;
  const b0 = cb[0]!, b1 = cb[1]!, b2 = cb[2]!, b3 = cb[3]!, b4 = cb[4]!, b5 = cb[5]!, b6 = cb[6]!;
  for (let j = 0; j < count; j++) {
    const i = indices ? indices[j]! : j;
    const row = i * TERMS;
    const t0 = basis[row]!, t1 = basis[row + 1]!, t2 = basis[row + 2]!, t3 = basis[row + 3]!;
    const t4 = basis[row + 4]!, t5 = basis[row + 5]!, t6 = basis[row + 6]!;
    const dl = lab[i * 3]! - (l0 * t0 + l1 * t1 + l2 * t2 + l3 * t3 + l4 * t4 + l5 * t5 + l6 * t6);
    const da = lab[i * 3 + 1]! - (a0 * t0 + a1 * t1 + a2 * t2 + a3 * t3 + a4 * t4 + a5 * t5 + a6 * t6);
    const db = lab[i * 3 + 2]! - (b0 * t0 + b1 * t1 + b2 * t2 + b3 * t3 + b4 * t4 + b5 * t5 + b6 * t6);
    // Not Math.hypot: its care against overflow cannot matter for colour differences and made the fit twice as slow.
    out[j] = Math.sqrt(dl * dl + da * da + db * db);
  }
}

function distances(lab: Float32Array, basis: Float64Array, coefficients: Float64Array[], n: number): Float32Array {
  const out = new Float32Array(n);
  residuals(lab, basis, coefficients, n, out);
  return out;
}
