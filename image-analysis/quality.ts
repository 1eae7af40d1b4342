import { createHash } from 'node:crypto';
import { colourfulness, deltaE2000, rgbToLab, type Lab } from './color';
import { decodeRgbAtSizes, lumaOf, type RgbImage } from './decode';
import { hammingDistance, perceptualHash } from './phash';
import { blurAmount } from './sharpness';
import { subjectMask, type SubjectMask } from './subject-mask';

/**
 * Thresholds of the quality checks, exported so settings and documentation show the same numbers. Each was set on
 * the gate corpus (gate-corpus/, `npm run gate-report`): pictures from independent drawing methods, good and
 * transformed, never on one renderer's output alone.
 */
export const QUALITY_THRESHOLDS = {
  minShortSide: 512,
  minStdDev: 6,
  /** A smooth backdrop with less subject than this is an empty picture. */
  minSubjectForContent: 0.003,
  /** Share of edge contrast that survives a re-blur (0 crisp … 1 blurred). */
  maxBlur: 0.42,
  maxClippedFraction: 0.25,
  /** Against the references: the subject's brightest parts (luma p95) keep this share, its darkest (p5) rise this much at most. */
  minBrightestVsReferences: 0.6,
  maxDarkestRise: 45,
  /** Without references: the brightest and darkest parts of the subject (luma p95 / p5). */
  minBrightest: 45,
  maxDarkest: 225,
  minContrast: 40,
  /** Distinct colours (5 bits a channel) in the picture: a posterised one keeps a handful, any drawing hundreds. */
  minDistinctColours: 40,
  maxNoiseSigma: 5,
  minColourfulness: 8,
  maxPaletteDeltaE: 12,
  /** Share of the subject whose main colour has no match in the references: recolouring moves most of it. */
  maxUnmatchedColourShare: 0.25,
  /** A copy of a reference, even re-encoded or re-scaled, differs from it by about one grey level on a 64 px thumbnail. */
  maxEchoDifference: 3,
  maxEchoHamming: 2,
  maxEdgeContact: 0.02,
  /** The subject's width just below its crown, over the references': one head keeps it, two heads double it. */
  maxCrownWidthVsReferences: 1.5,
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
  /** True when every check passed: any failed check is a defect a person would see. */
  passed: boolean;
  checks: QualityCheck[];
  metrics: Record<string, number>;
  width: number;
  height: number;
  hash: string;
}

export interface QualityOptions {
  /** width ÷ height that was requested. */
  expectedAspectRatio?: number;
  /** The images this one must stay consistent with (palette, exposure) and must not merely copy. */
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
  posterised: 5,
  colourfulness: 5,
  palette: 10,
  echo: 15,
  cropped: 10,
  subject_size: 5,
  several_figures: 10,
  aspect: 5,
};

/** Measured checks on the decoded pixels, each explained in plain words when it fails. */
export async function measureQuality(bytes: Buffer, options: QualityOptions = {}): Promise<QualityReport> {
  const own = await profileOf(bytes);
  const references = await Promise.all((options.referenceImages ?? []).map((reference) => referenceProfileOf(reference)));
  const { image, subject } = own;
  const checks: QualityCheck[] = [];
  const t = QUALITY_THRESHOLDS;
  const add = (id: string, label: string, passed: boolean, value: number, threshold: string, failNote: string) =>
    checks.push({ id, label, passed, value: round(value), threshold, ...(passed ? {} : { note: failNote }) });

  const shortSide = Math.min(image.originalWidth, image.originalHeight);
  add(
    'resolution',
    'Resolution',
    shortSide >= t.minShortSide,
    shortSide,
    `short side ≥ ${t.minShortSide} px`,
    `too small: the short side is ${shortSide} px, below ${t.minShortSide} px`,
  );
  const empty = subject.plainBackground && subject.areaFraction < t.minSubjectForContent;
  add(
    'blank',
    'Not blank',
    own.stdDev >= t.minStdDev && !empty,
    empty ? subject.areaFraction : own.stdDev,
    `luma std dev ≥ ${t.minStdDev} and a subject on the backdrop`,
    empty
      ? `blank: only backdrop, no subject (${round(subject.areaFraction * 100)}% of the frame)`
      : `blank or uniform: luma standard deviation ${round(own.stdDev)} is below ${t.minStdDev}`,
  );
  add(
    'sharpness',
    'Sharpness',
    own.blur <= t.maxBlur,
    own.blur,
    `blur ≤ ${t.maxBlur} (0 crisp … 1 blurred)`,
    `blurred: ${round(own.blur * 100)}% of the edge contrast survives a re-blur (allowed ${t.maxBlur * 100}%)`,
  );

  const brightestRatio = references.length ? own.brightest / Math.max(1, median(references.map((reference) => reference.brightest))) : 1;
  const darkestRise = references.length ? own.darkest - median(references.map((reference) => reference.darkest)) : 0;
  const exposureNotes: string[] = [];
  if (own.clipped > t.maxClippedFraction) exposureNotes.push(`${round(own.clipped * 100)}% of the subject is clipped to black or white`);
  if (references.length && brightestRatio < t.minBrightestVsReferences) {
    exposureNotes.push(
      `under-exposed: the subject's brightest parts reach ${round(brightestRatio * 100)}% of the references' (needs ${t.minBrightestVsReferences * 100}%)`,
    );
  }
  if (references.length && darkestRise > t.maxDarkestRise) {
    exposureNotes.push(
      `over-exposed: the subject's darkest parts are ${round(darkestRise)} levels lighter than the references' (allowed ${t.maxDarkestRise})`,
    );
  }
  if (!references.length && own.brightest < t.minBrightest)
    exposureNotes.push(`the subject's brightest parts reach only luma ${round(own.brightest)}`);
  if (!references.length && own.darkest > t.maxDarkest) exposureNotes.push(`the subject's darkest parts are at luma ${round(own.darkest)}`);
  add(
    'exposure',
    'Exposure on the subject',
    exposureNotes.length === 0,
    references.length ? brightestRatio : own.clipped,
    `clipped ≤ ${t.maxClippedFraction * 100}%; brightest parts ≥ ${t.minBrightestVsReferences * 100}% and darkest parts ≤ +${t.maxDarkestRise} of the references'`,
    `badly exposed: ${exposureNotes.join('; ')}`,
  );
  add(
    'contrast',
    'Contrast on the subject',
    own.contrast >= t.minContrast,
    own.contrast,
    `p5–p95 luma ≥ ${t.minContrast}`,
    `flat: the subject's p5–p95 luma range is ${round(own.contrast)}, below ${t.minContrast}`,
  );
  add(
    'posterised',
    'Tonal gradation',
    own.distinctColours >= t.minDistinctColours,
    own.distinctColours,
    `≥ ${t.minDistinctColours} distinct colours`,
    `posterised: only ${own.distinctColours} distinct colours, no gradation between them`,
  );
  add(
    'noise',
    'Noise',
    own.noise <= t.maxNoiseSigma,
    own.noise,
    `sigma ≤ ${t.maxNoiseSigma}`,
    `noisy: estimated noise sigma ${round(own.noise)} is above ${t.maxNoiseSigma}`,
  );
  add(
    'colourfulness',
    'Colourfulness',
    own.colourfulness >= t.minColourfulness,
    own.colourfulness,
    `≥ ${t.minColourfulness}`,
    `washed out: colourfulness ${round(own.colourfulness)} is below ${t.minColourfulness}`,
  );

  if (references.length > 0 && subject.areaFraction > 0) {
    const unmatched = Math.min(...references.map((reference) => unmatchedColourShare(own.bands, reference.bands)));
    add(
      'palette',
      'Palette vs references',
      unmatched <= t.maxUnmatchedColourShare,
      unmatched,
      `≤ ${t.maxUnmatchedColourShare * 100}% of the subject in colours the references do not show there (ΔE2000 > ${t.maxPaletteDeltaE})`,
      `off-palette: ${round(unmatched * 100)}% of the subject is in colours the references do not show at that height on the figure (ΔE2000 over ${t.maxPaletteDeltaE}; allowed ${t.maxUnmatchedColourShare * 100}%)`,
    );
    const nearest = Math.min(...references.map((reference) => hammingDistance(own.hash, reference.hash)));
    const closest = Math.min(...references.map((reference) => meanAbsoluteDifference(own.thumbnail, reference.thumbnail)));
    const echoed = closest <= t.maxEchoDifference || nearest <= t.maxEchoHamming;
    add(
      'echo',
      'Not a copy of a reference',
      !echoed,
      closest,
      `thumbnail difference > ${t.maxEchoDifference} and pHash distance > ${t.maxEchoHamming}`,
      `echoed reference: it differs from a reference by only ${round(closest)} grey levels on average (perceptual-hash distance ${nearest}): a copy, not a new image`,
    );
  }

  const contact = Math.max(subject.edgeContact.top, subject.edgeContact.bottom, subject.edgeContact.left, subject.edgeContact.right);
  const side = (Object.entries(subject.edgeContact).sort(([, a], [, b]) => b - a)[0] ?? ['an edge'])[0];
  add(
    'cropped',
    'Subject inside the frame',
    contact <= t.maxEdgeContact,
    contact,
    `edge contact ≤ ${t.maxEdgeContact * 100}%`,
    `cropped: the subject touches the ${side} edge (${round(contact * 100)}% of it)`,
  );
  if (!empty) {
    add(
      'subject_size',
      'Subject size',
      subject.areaFraction >= t.minSubjectArea,
      subject.areaFraction,
      `≥ ${t.minSubjectArea * 100}% of the frame`,
      `subject too small: it fills ${round(subject.areaFraction * 100)}% of the frame`,
    );
    const crown = crownShare(subject.crownWidth, references);
    const figureNotes: string[] = [];
    if (subject.figureCount > 1) figureNotes.push(`${subject.figureCount} figures found (separate regions or heads side by side)`);
    if (crown > t.maxCrownWidthVsReferences)
      figureNotes.push(`the top of the subject is ${round(crown)}× as wide as the references' (heads side by side)`);
    add(
      'several_figures',
      'One figure',
      figureNotes.length === 0,
      subject.figureCount,
      `1 figure, crown ≤ ${t.maxCrownWidthVsReferences}× the references'`,
      `several figures: ${figureNotes.join('; ')}`,
    );
  }
  if (options.expectedAspectRatio) {
    const actual = image.originalWidth / image.originalHeight;
    const error = Math.abs(actual - options.expectedAspectRatio) / options.expectedAspectRatio;
    add(
      'aspect',
      'Aspect ratio as requested',
      error <= t.maxAspectError,
      actual,
      `within ${t.maxAspectError * 100}% of ${round(options.expectedAspectRatio)}`,
      `wrong aspect ratio: ${round(actual)} instead of ${round(options.expectedAspectRatio)}`,
    );
  }

  // A blank image has nothing else worth scoring: every other check is moot.
  const blank = checks.find((check) => check.id === 'blank' && !check.passed);
  const total = checks.reduce((sum, check) => sum + (WEIGHTS[check.id] ?? 5), 0);
  const earned = blank ? 0 : checks.reduce((sum, check) => sum + (check.passed ? (WEIGHTS[check.id] ?? 5) : 0), 0);
  return {
    score: round((earned / total) * 100),
    passed: checks.every((check) => check.passed),
    checks,
    metrics: {
      blur: own.blur,
      stdDev: own.stdDev,
      clipped: own.clipped,
      lightness: own.lightness,
      contrast: own.contrast,
      noise: own.noise,
      colourfulness: own.colourfulness,
      subjectArea: subject.areaFraction,
      figures: subject.figureCount,
      crownWidth: subject.crownWidth,
      crownWidthVsReferences: crownShare(subject.crownWidth, references),
    },
    width: image.originalWidth,
    height: image.originalHeight,
    hash: own.hash,
  };
}

interface Profile {
  image: RgbImage;
  subject: SubjectMask;
  blur: number;
  distinctColours: number;
  stdDev: number;
  clipped: number;
  /** Median CIELAB L* of the subject. */
  lightness: number;
  brightest: number;
  darkest: number;
  contrast: number;
  noise: number;
  colourfulness: number;
  /** Per horizontal band of the subject (top to bottom): its main colours, and every colour it shows noticeably. */
  bands: PaletteBand[];
  hash: string;
  /** 64 × 64 luma, stretched to a square: what a copy shares with its original whatever its size or encoding. */
  thumbnail: Float32Array;
}

interface WeightedColour {
  colour: Lab;
  share: number;
}

interface PaletteBand {
  /** Share of the subject's pixels in this band. */
  weight: number;
  main: WeightedColour[];
  all: WeightedColour[];
}

/** Colours are compared band by band down the figure: hair stays near the top and trousers near the bottom in every view. */
const PALETTE_BANDS = 4;

/**
 * A core set measures eight candidates against the same master: its profile (decoding at three sizes and every statistic) is
 * computed once and kept for the next few calls. Keyed by the bytes' hash, so a changed file is profiled afresh.
 */
const REFERENCE_PROFILES_KEPT = 4;
const referenceProfiles = new Map<string, Promise<Profile>>();

function referenceProfileOf(bytes: Buffer): Promise<Profile> {
  const key = createHash('sha256').update(bytes).digest('hex');
  const known = referenceProfiles.get(key);
  if (known) {
    referenceProfiles.delete(key);
    referenceProfiles.set(key, known);
    return known;
  }
  const profile = profileOf(bytes);
  referenceProfiles.set(key, profile);
  profile.catch(() => referenceProfiles.delete(key));
  while (referenceProfiles.size > REFERENCE_PROFILES_KEPT) referenceProfiles.delete(referenceProfiles.keys().next().value!);
  return profile;
}

async function profileOf(bytes: Buffer): Promise<Profile> {
  // The native size is for counting colours: resizing blends edges into new colours and would hide a posterised picture.
  const [image, native, small] = (await decodeRgbAtSizes(bytes, [WORKING_SIDE, 16_384, MASK_SIDE])) as [RgbImage, RgbImage, RgbImage];
  const subject = subjectMask(small);
  const luma = lumaOf(image);
  const inSubject = (x: number, y: number) => {
    const mx = Math.min(subject.width - 1, Math.floor((x / image.width) * subject.width));
    const my = Math.min(subject.height - 1, Math.floor((y / image.height) * subject.height));
    return subject.mask[my * subject.width + mx] === 1;
  };
  let mean = 0;
  for (let i = 0; i < luma.length; i++) mean += luma[i]!;
  mean /= luma.length;
  let variance = 0;
  for (let i = 0; i < luma.length; i++) variance += (luma[i]! - mean) ** 2;
  // Every other pixel in each direction; a typed array sorts numerically without a comparator call per pair.
  const sampled = new Float32Array(Math.ceil(image.height / 2) * Math.ceil(image.width / 2));
  let inside = 0;
  for (let y = 0; y < image.height; y += 2) {
    for (let x = 0; x < image.width; x += 2) if (inSubject(x, y)) sampled[inside++] = luma[y * image.width + x]!;
  }
  const subjectLuma = sampled.subarray(0, inside).sort();
  const pct = (q: number) => subjectLuma[Math.min(subjectLuma.length - 1, Math.floor(q * subjectLuma.length))] ?? 0;
  const clipped = subjectLuma.length ? subjectLuma.filter((v) => v <= 2 || v >= 253).length / subjectLuma.length : 0;
  const lightness: number[] = [];
  for (let i = 0; i < subject.mask.length; i++) {
    if (subject.mask[i]) lightness.push(rgbToLab(small.data[i * 3]!, small.data[i * 3 + 1]!, small.data[i * 3 + 2]!).l);
  }
  return {
    image,
    subject,
    blur: blurAmount(luma, image.width, image.height).blur,
    distinctColours: distinctColours(native),
    stdDev: Math.sqrt(variance / luma.length),
    clipped,
    lightness: median(lightness),
    brightest: pct(0.95),
    darkest: pct(0.05),
    contrast: pct(0.95) - pct(0.05),
    noise: immerkaerSigma(luma, image.width, image.height),
    colourfulness: colourfulness(small.data, subject.plainBackground ? subject.mask : undefined),
    bands: paletteBands(small, subject),
    hash: perceptualHash(small),
    thumbnail: thumbnailOf(small),
  };
}

function distinctColours(image: RgbImage): number {
  const seen = new Uint8Array(1 << 15);
  let count = 0;
  for (let p = 0; p < image.data.length; p += 3) {
    const key = ((image.data[p]! >> 3) << 10) | ((image.data[p + 1]! >> 3) << 5) | (image.data[p + 2]! >> 3);
    if (!seen[key]) {
      seen[key] = 1;
      count++;
    }
  }
  return count;
}

const THUMBNAIL = 64;

function thumbnailOf(image: RgbImage): Float32Array {
  const luma = lumaOf(image);
  const out = new Float32Array(THUMBNAIL * THUMBNAIL);
  const counts = new Float32Array(THUMBNAIL * THUMBNAIL);
  for (let y = 0; y < image.height; y++) {
    const ty = Math.min(THUMBNAIL - 1, Math.floor((y * THUMBNAIL) / image.height));
    for (let x = 0; x < image.width; x++) {
      const cell = ty * THUMBNAIL + Math.min(THUMBNAIL - 1, Math.floor((x * THUMBNAIL) / image.width));
      out[cell]! += luma[y * image.width + x]!;
      counts[cell]!++;
    }
  }
  for (let i = 0; i < out.length; i++) out[i]! /= counts[i] || 1;
  return out;
}

function meanAbsoluteDifference(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

/** The subject's crown width over the references' (median); 1 when there is nothing to compare. */
function crownShare(crownWidth: number, references: Profile[]): number {
  const widths = references.map((reference) => reference.subject.crownWidth).filter((width) => width > 0);
  return widths.length && crownWidth > 0 ? crownWidth / median(widths) : 1;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Immerkær's fast noise estimate: a Laplacian-difference mask that cancels smooth structure. */
function immerkaerSigma(luma: Float32Array, width: number, height: number): number {
  let sum = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const value =
        luma[i - width - 1]! -
        2 * luma[i - width]! +
        luma[i - width + 1]! -
        2 * luma[i - 1]! +
        4 * luma[i]! -
        2 * luma[i + 1]! +
        luma[i + width - 1]! -
        2 * luma[i + width]! +
        luma[i + width + 1]!;
      sum += Math.abs(value);
    }
  }
  return (Math.sqrt(Math.PI / 2) * sum) / (6 * (width - 2) * (height - 2));
}

function paletteBands(image: RgbImage, subject: SubjectMask): PaletteBand[] {
  const { bbox, mask, width } = subject;
  const height = bbox.bottom - bbox.top + 1;
  const bins = Array.from({ length: PALETTE_BANDS }, () => new Map<string, { n: number; l: number; a: number; b: number }>());
  const counts = new Array<number>(PALETTE_BANDS).fill(0);
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const y = Math.floor(i / width);
    const band = Math.min(PALETTE_BANDS - 1, Math.max(0, Math.floor(((y - bbox.top) / height) * PALETTE_BANDS)));
    const lab = rgbToLab(image.data[i * 3]!, image.data[i * 3 + 1]!, image.data[i * 3 + 2]!);
    const key = `${Math.round(lab.l / 12)}:${Math.round(lab.a / 12)}:${Math.round(lab.b / 12)}`;
    const bin = bins[band]!.get(key) ?? { n: 0, l: 0, a: 0, b: 0 };
    bin.n++;
    bin.l += lab.l;
    bin.a += lab.a;
    bin.b += lab.b;
    bins[band]!.set(key, bin);
    counts[band]!++;
  }
  const total = counts.reduce((sum, count) => sum + count, 0) || 1;
  return bins.map((band, index) => {
    const colours = [...band.values()]
      .sort((a, b) => b.n - a.n)
      .map((bin) => ({ colour: { l: bin.l / bin.n, a: bin.a / bin.n, b: bin.b / bin.n }, share: bin.n / (counts[index] || 1) }));
    return {
      weight: counts[index]! / total,
      main: colours.filter((c) => c.share >= 0.06).slice(0, 5),
      all: colours.filter((c) => c.share >= 0.01),
    };
  });
}

/**
 * The share of the subject (by band, weighted by each band's share) covered by main colours that match no colour the
 * reference shows, in some quantity, at the same height on the figure (that band and the ones next to it). One way
 * only: a turned view may hide a colour the reference shows (a face, a badge), but every colour it does show must be
 * the character's, where the character has it. A recoloured figure leaves most of its colours unmatched.
 */
function unmatchedColourShare(own: PaletteBand[], reference: PaletteBand[]): number {
  let unmatched = 0;
  own.forEach((band, index) => {
    const nearby = reference.slice(Math.max(0, index - 1), index + 2).flatMap((other) => other.all);
    for (const entry of band.main) {
      const eligible = nearby.filter((other) => other.share >= entry.share / 3);
      const nearest = Math.min(Infinity, ...eligible.map((other) => deltaE2000(entry.colour, other.colour)));
      if (nearest > QUALITY_THRESHOLDS.maxPaletteDeltaE) unmatched += band.weight * entry.share;
    }
  });
  return unmatched;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
