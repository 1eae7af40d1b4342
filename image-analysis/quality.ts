import { colourfulness, deltaE2000, rgbToLab, type Lab } from './color';
import { decodeRgb, lumaOf, type RgbImage } from './decode';
import { hammingDistance, perceptualHash } from './phash';
import { subjectMask, type SubjectMask } from './subject-mask';

/** Thresholds of the quality checks, exported so settings and documentation show the same numbers. */
export const QUALITY_THRESHOLDS = {
  minShortSide: 512,
  minStdDev: 6,
  /** Variance of the Laplacian at the working size, when there is no reference to compare with. */
  minSharpness: 40,
  /** With references: at least this share of the references' median sharpness. */
  minRelativeSharpness: 0.35,
  maxClippedFraction: 0.25,
  minContrast: 40,
  maxNoiseSigma: 12,
  minColourfulness: 8,
  maxPaletteDeltaE: 12,
  maxEchoHamming: 6,
  maxEdgeContact: 0.02,
  minSubjectArea: 0.05,
  maxAspectError: 0.04,
} as const;

const WORKING_SIDE = 1024;
const MASK_SIDE = 256;

export interface QualityCheck {
  id: string;
  label: string;
  passed: boolean;
  value: number;
  threshold: string;
  note?: string;
}

export interface QualityReport {
  score: number;
  checks: QualityCheck[];
  metrics: Record<string, number>;
  width: number;
  height: number;
  hash: string;
}

export interface QualityOptions {
  /** width ÷ height that was requested. */
  expectedAspectRatio?: number;
  /** The images this one must stay consistent with (palette, sharpness) and must not merely copy. */
  referenceImages?: Buffer[];
}

/** How much each check weighs in the 0–100 score; a failed check loses its whole weight. */
const WEIGHTS: Record<string, number> = {
  resolution: 10,
  blank: 20,
  sharpness: 15,
  exposure: 10,
  contrast: 8,
  noise: 7,
  colourfulness: 5,
  palette: 10,
  echo: 15,
  cropped: 10,
  subject_size: 5,
  several_figures: 10,
  aspect: 5,
};

/** Measured checks on the decoded pixels (scoring.md), each explained in plain words when it fails. */
export async function measureQuality(bytes: Buffer, options: QualityOptions = {}): Promise<QualityReport> {
  const image = await decodeRgb(bytes, WORKING_SIDE);
  const small = await decodeRgb(bytes, MASK_SIDE);
  const subject = subjectMask(small);
  const references = await Promise.all((options.referenceImages ?? []).map((reference) => referenceProfile(reference)));
  const own = profile(image, small, subject);
  const checks: QualityCheck[] = [];
  const t = QUALITY_THRESHOLDS;
  const add = (id: string, label: string, passed: boolean, value: number, threshold: string, failNote: string) =>
    checks.push({ id, label, passed, value: round(value), threshold, ...(passed ? {} : { note: failNote }) });

  const shortSide = Math.min(image.originalWidth, image.originalHeight);
  add('resolution', 'Resolution', shortSide >= t.minShortSide, shortSide, `short side ≥ ${t.minShortSide} px`, `too small: the short side is ${shortSide} px, below ${t.minShortSide} px`);
  add('blank', 'Not blank', own.stdDev >= t.minStdDev, own.stdDev, `luma std dev ≥ ${t.minStdDev}`, `blank or uniform: luma standard deviation ${round(own.stdDev)} is below ${t.minStdDev}`);

  const referenceSharpness = references.map((r) => r.sharpness).sort((a, b) => a - b);
  if (referenceSharpness.length > 0) {
    const median = referenceSharpness[Math.floor(referenceSharpness.length / 2)]!;
    const ratio = median > 0 ? own.sharpness / median : 1;
    add('sharpness', 'Sharpness', ratio >= t.minRelativeSharpness, own.sharpness, `≥ ${t.minRelativeSharpness * 100}% of the references' median ${round(median)}`, `blurred: sharpness ${round(own.sharpness)} is ${round(ratio * 100)}% of the references' median ${round(median)} (needs ${t.minRelativeSharpness * 100}%)`);
  } else {
    add('sharpness', 'Sharpness', own.sharpness >= t.minSharpness, own.sharpness, `Laplacian variance ≥ ${t.minSharpness}`, `blurred: sharpness ${round(own.sharpness)} is below ${t.minSharpness}`);
  }
  add('exposure', 'Exposure on the subject', own.clipped <= t.maxClippedFraction, own.clipped, `clipped ≤ ${t.maxClippedFraction * 100}%`, `badly exposed: ${round(own.clipped * 100)}% of the subject is clipped to black or white`);
  add('contrast', 'Contrast on the subject', own.contrast >= t.minContrast, own.contrast, `p5–p95 luma ≥ ${t.minContrast}`, `flat: the subject's p5–p95 luma range is ${round(own.contrast)}, below ${t.minContrast}`);
  add('noise', 'Noise', own.noise <= t.maxNoiseSigma, own.noise, `sigma ≤ ${t.maxNoiseSigma}`, `noisy: estimated noise sigma ${round(own.noise)} is above ${t.maxNoiseSigma}`);
  add('colourfulness', 'Colourfulness', own.colourfulness >= t.minColourfulness, own.colourfulness, `≥ ${t.minColourfulness}`, `washed out: colourfulness ${round(own.colourfulness)} is below ${t.minColourfulness}`);

  if (references.length > 0 && own.palette.length > 0) {
    const drift = Math.min(...references.map((reference) => paletteDistance(own.palette, reference.palette)));
    add('palette', 'Palette vs references', drift <= t.maxPaletteDeltaE, drift, `mean ΔE2000 ≤ ${t.maxPaletteDeltaE}`, `off-palette: the subject's colours differ from the references by ΔE2000 ${round(drift)} (allowed ${t.maxPaletteDeltaE})`);
    const nearest = Math.min(...references.map((reference) => hammingDistance(own.hash, reference.hash)));
    add('echo', 'Not a copy of a reference', nearest > t.maxEchoHamming, nearest, `pHash distance > ${t.maxEchoHamming}`, `echoed reference: perceptual-hash distance ${nearest} to a reference (a copy, not a new image)`);
  }

  const contact = Math.max(subject.edgeContact.top, subject.edgeContact.bottom, subject.edgeContact.left, subject.edgeContact.right);
  const side = (Object.entries(subject.edgeContact).sort(([, a], [, b]) => b - a)[0] ?? ['an edge'])[0];
  add('cropped', 'Subject inside the frame', contact <= t.maxEdgeContact, contact, `edge contact ≤ ${t.maxEdgeContact * 100}%`, `cropped: the subject touches the ${side} edge (${round(contact * 100)}% of it)`);
  add('subject_size', 'Subject size', subject.areaFraction >= t.minSubjectArea, subject.areaFraction, `≥ ${t.minSubjectArea * 100}% of the frame`, `subject too small: it fills ${round(subject.areaFraction * 100)}% of the frame`);
  add('several_figures', 'One figure', subject.largeBlobCount <= 1, subject.largeBlobCount, '1 large region', `several figures: ${subject.largeBlobCount} separate large regions`);
  if (options.expectedAspectRatio) {
    const actual = image.originalWidth / image.originalHeight;
    const error = Math.abs(actual - options.expectedAspectRatio) / options.expectedAspectRatio;
    add('aspect', 'Aspect ratio as requested', error <= t.maxAspectError, actual, `within ${t.maxAspectError * 100}% of ${round(options.expectedAspectRatio)}`, `wrong aspect ratio: ${round(actual)} instead of ${round(options.expectedAspectRatio)}`);
  }

  // A blank image has nothing else worth scoring: every other check is moot.
  const blank = checks.find((check) => check.id === 'blank' && !check.passed);
  const total = checks.reduce((sum, check) => sum + (WEIGHTS[check.id] ?? 5), 0);
  const earned = blank ? 0 : checks.reduce((sum, check) => sum + (check.passed ? (WEIGHTS[check.id] ?? 5) : 0), 0);
  return {
    score: round((earned / total) * 100),
    checks,
    metrics: { sharpness: own.sharpness, stdDev: own.stdDev, clipped: own.clipped, contrast: own.contrast, noise: own.noise, colourfulness: own.colourfulness, subjectArea: subject.areaFraction, blobs: subject.largeBlobCount },
    width: image.originalWidth,
    height: image.originalHeight,
    hash: own.hash,
  };
}

interface Profile {
  sharpness: number;
  stdDev: number;
  clipped: number;
  contrast: number;
  noise: number;
  colourfulness: number;
  palette: Lab[];
  hash: string;
}

async function referenceProfile(bytes: Buffer): Promise<Profile> {
  const image = await decodeRgb(bytes, WORKING_SIDE);
  const small = await decodeRgb(bytes, MASK_SIDE);
  return profile(image, small, subjectMask(small));
}

function profile(image: RgbImage, small: RgbImage, subject: SubjectMask): Profile {
  const luma = lumaOf(image);
  const inSubject = (x: number, y: number) => {
    const mx = Math.min(subject.width - 1, Math.floor((x / image.width) * subject.width));
    const my = Math.min(subject.height - 1, Math.floor((y / image.height) * subject.height));
    return subject.mask[my * subject.width + mx] === 1;
  };
  const subjectLuma: number[] = [];
  let mean = 0;
  for (let i = 0; i < luma.length; i++) mean += luma[i]!;
  mean /= luma.length;
  let variance = 0;
  for (let i = 0; i < luma.length; i++) variance += (luma[i]! - mean) ** 2;
  for (let y = 0; y < image.height; y += 2) {
    for (let x = 0; x < image.width; x += 2) if (inSubject(x, y)) subjectLuma.push(luma[y * image.width + x]!);
  }
  subjectLuma.sort((a, b) => a - b);
  const pct = (q: number) => subjectLuma[Math.min(subjectLuma.length - 1, Math.floor(q * subjectLuma.length))] ?? 0;
  const clipped = subjectLuma.length ? subjectLuma.filter((v) => v <= 2 || v >= 253).length / subjectLuma.length : 0;
  return {
    sharpness: laplacianVariance(luma, image.width, image.height),
    stdDev: Math.sqrt(variance / luma.length),
    clipped,
    contrast: pct(0.95) - pct(0.05),
    noise: immerkaerSigma(luma, image.width, image.height),
    colourfulness: colourfulness(small.data, subject.plainBackground ? subject.mask : undefined),
    palette: dominantColours(small, subject),
    hash: perceptualHash(small),
  };
}

function laplacianVariance(luma: Float32Array, width: number, height: number): number {
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const value = luma[i - width]! + luma[i + width]! + luma[i - 1]! + luma[i + 1]! - 4 * luma[i]!;
      sum += value;
      sumSq += value * value;
      n++;
    }
  }
  return n ? sumSq / n - (sum / n) ** 2 : 0;
}

/** Immerkær's fast noise estimate: a Laplacian-difference mask that cancels smooth structure. */
function immerkaerSigma(luma: Float32Array, width: number, height: number): number {
  let sum = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const value =
        luma[i - width - 1]! - 2 * luma[i - width]! + luma[i - width + 1]! -
        2 * luma[i - 1]! + 4 * luma[i]! - 2 * luma[i + 1]! +
        luma[i + width - 1]! - 2 * luma[i + width]! + luma[i + width + 1]!;
      sum += Math.abs(value);
    }
  }
  return (Math.sqrt(Math.PI / 2) * sum) / (6 * (width - 2) * (height - 2));
}

/** Up to five dominant subject colours (coarse Lab bins, by pixel count). */
function dominantColours(image: RgbImage, subject: SubjectMask): Lab[] {
  const bins = new Map<string, { n: number; l: number; a: number; b: number }>();
  for (let i = 0; i < subject.mask.length; i++) {
    if (!subject.mask[i]) continue;
    const lab = rgbToLab(image.data[i * 3]!, image.data[i * 3 + 1]!, image.data[i * 3 + 2]!);
    const key = `${Math.round(lab.l / 12)}:${Math.round(lab.a / 12)}:${Math.round(lab.b / 12)}`;
    const bin = bins.get(key) ?? { n: 0, l: 0, a: 0, b: 0 };
    bin.n++;
    bin.l += lab.l;
    bin.a += lab.a;
    bin.b += lab.b;
    bins.set(key, bin);
  }
  const total = [...bins.values()].reduce((sum, bin) => sum + bin.n, 0);
  return [...bins.values()]
    .filter((bin) => bin.n >= total * 0.04)
    .sort((a, b) => b.n - a.n)
    .slice(0, 5)
    .map((bin) => ({ l: bin.l / bin.n, a: bin.a / bin.n, b: bin.b / bin.n }));
}

/** Mean ΔE2000 from each dominant colour of one palette to its nearest colour in the other, both ways. */
function paletteDistance(a: Lab[], b: Lab[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const oneWay = (from: Lab[], to: Lab[]) => from.reduce((sum, colour) => sum + Math.min(...to.map((other) => deltaE2000(colour, other))), 0) / from.length;
  return (oneWay(a, b) + oneWay(b, a)) / 2;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
