import sharp from 'sharp';
import { colourDifference, hexToRgb, rgbDistance, rgbToHex, type Rgb } from './colour';
import { accentFor, BAND_NAMES, type BandName, type CharacterLook, type HairStyle } from './look';

/**
 * Reads a character's look from a reference picture of a full-body figure on a plain background: find the figure
 * against the background, find its neck (the narrowest row under the head), and take the dominant colour of each
 * horizontal band (hair, face, top, trousers, shoes). This is how the stand-in "follows the reference".
 */

export interface FigureMeasurement {
  width: number;
  height: number;
  background: string;
  /** The figure's bounding box in the analysed image's pixels. */
  box: { left: number; top: number; width: number; height: number };
  heightToWidth: number;
  headFraction: number;
  /** False when no neck could be found; headFraction is then a default. */
  headFound: boolean;
  bands: Partial<Record<BandName, string>>;
  hairStyle: HairStyle;
}

const WORK_SIZE = 512;
/** RGB distance from the background above which a pixel belongs to the figure. */
const SUBJECT_THRESHOLD = 40;
const DEFAULT_HEAD_FRACTION = 0.15;
/** Where the run-width test finds the chin, as a fraction of the head height (measured on the renderer's heads). */
const NECK_START_OF_HEAD = 0.96;

interface Pixels {
  data: Buffer;
  width: number;
  height: number;
}

async function decode(bytes: Buffer): Promise<Pixels> {
  const { data, info } = await sharp(bytes)
    .rotate()
    .flatten({ background: '#ffffff' })
    .resize({ width: WORK_SIZE, height: WORK_SIZE, fit: 'inside', withoutEnlargement: true })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const pixelAt = (pixels: Pixels, x: number, y: number): Rgb => {
  const i = (y * pixels.width + x) * 3;
  return { r: pixels.data[i] ?? 0, g: pixels.data[i + 1] ?? 0, b: pixels.data[i + 2] ?? 0 };
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function borderColour(pixels: Pixels): Rgb {
  const samples: Rgb[] = [];
  for (let x = 0; x < pixels.width; x += 1) samples.push(pixelAt(pixels, x, 0), pixelAt(pixels, x, pixels.height - 1));
  for (let y = 0; y < pixels.height; y += 1) samples.push(pixelAt(pixels, 0, y), pixelAt(pixels, pixels.width - 1, y));
  return { r: median(samples.map((p) => p.r)), g: median(samples.map((p) => p.g)), b: median(samples.map((p) => p.b)) };
}

function subjectMask(pixels: Pixels, background: Rgb): Uint8Array {
  const mask = new Uint8Array(pixels.width * pixels.height);
  for (let y = 0; y < pixels.height; y += 1) {
    for (let x = 0; x < pixels.width; x += 1) {
      if (rgbDistance(pixelAt(pixels, x, y), background) > SUBJECT_THRESHOLD) mask[y * pixels.width + x] = 1;
    }
  }
  return mask;
}

/** Rows and columns with only a speck or two of foreground (noise, compression) do not extend the box. */
function boundingBox(mask: Uint8Array, width: number, height: number): FigureMeasurement['box'] | undefined {
  const rows = new Array<number>(height).fill(0);
  const cols = new Array<number>(width).fill(0);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (mask[y * width + x]) {
        rows[y] = (rows[y] ?? 0) + 1;
        cols[x] = (cols[x] ?? 0) + 1;
      }
    }
  }
  const minCount = 2;
  const top = rows.findIndex((count) => count >= minCount);
  const bottom = rows.findLastIndex((count) => count >= minCount);
  const left = cols.findIndex((count) => count >= minCount);
  const right = cols.findLastIndex((count) => count >= minCount);
  if (top < 0 || left < 0 || bottom - top < 20 || right - left < 5) return undefined;
  return { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/** Pixels of background a run may step over: eye highlights and thin light lines are not gaps in the figure. */
const RUN_GAP = 3;

/** The run of foreground pixels in row y that contains column x (undefined if x is background). */
function runAround(mask: Uint8Array, width: number, y: number, x: number): { from: number; to: number } | undefined {
  const at = (col: number): boolean => col >= 0 && col < width && mask[y * width + col] === 1;
  if (!at(x)) return undefined;
  const reach = (start: number, step: 1 | -1): number => {
    let edge = start;
    for (let col = start + step; col >= 0 && col < width; col += step) {
      if (at(col)) edge = col;
      else if (Math.abs(col - edge) > RUN_GAP) break;
    }
    return edge;
  };
  return { from: reach(x, -1), to: reach(x, 1) };
}

/** Rolling median, so that one odd row (a feature line, an antialiased edge) cannot pass for the neck. */
function smoothed(runs: Array<{ y: number; width: number }>, window = 5): Array<{ y: number; width: number }> {
  const half = Math.floor(window / 2);
  return runs.map((run, i) => ({ y: run.y, width: median(runs.slice(Math.max(0, i - half), i + half + 1).map((r) => r.width)) }));
}

interface ColourBin {
  count: number;
  hex: string;
}

/** The figure's colours in a region, most common first (4-bit bins, each averaged over its own pixels). */
function colourBins(
  pixels: Pixels,
  mask: Uint8Array,
  region: { x0: number; x1: number; y0: number; y1: number },
): { bins: ColourBin[]; total: number } {
  const sums = new Map<number, { count: number; r: number; g: number; b: number }>();
  let total = 0;
  for (let y = Math.max(0, Math.round(region.y0)); y <= Math.min(pixels.height - 1, Math.round(region.y1)); y += 1) {
    for (let x = Math.max(0, Math.round(region.x0)); x <= Math.min(pixels.width - 1, Math.round(region.x1)); x += 1) {
      if (!mask[y * pixels.width + x]) continue;
      const p = pixelAt(pixels, x, y);
      const key = ((p.r >> 4) << 8) | ((p.g >> 4) << 4) | (p.b >> 4);
      const sum = sums.get(key) ?? { count: 0, r: 0, g: 0, b: 0 };
      sum.count += 1;
      sum.r += p.r;
      sum.g += p.g;
      sum.b += p.b;
      sums.set(key, sum);
      total += 1;
    }
  }
  const bins = [...sums.values()]
    .map((sum) => ({ count: sum.count, hex: rgbToHex({ r: sum.r / sum.count, g: sum.g / sum.count, b: sum.b / sum.count }) }))
    .sort((a, b) => b.count - a.count);
  return { bins, total };
}

const MIN_REGION_PIXELS = 12;

function dominantColour(pixels: Pixels, mask: Uint8Array, region: { x0: number; x1: number; y0: number; y1: number }): string | undefined {
  const { bins, total } = colourBins(pixels, mask, region);
  return total >= MIN_REGION_PIXELS ? bins[0]?.hex : undefined;
}

/**
 * Hair is what covers the top of the head and is not skin: with a fringe or a thin cap the skin can outnumber it
 * there, so a clearly different colour with a real share of the region wins. A bald head gives the skin colour.
 */
function hairColour(
  pixels: Pixels,
  mask: Uint8Array,
  region: { x0: number; x1: number; y0: number; y1: number },
  skin: string | undefined,
): string | undefined {
  const { bins, total } = colourBins(pixels, mask, region);
  if (total < MIN_REGION_PIXELS) return undefined;
  if (!skin) return bins[0]?.hex;
  const notSkin = bins.find((bin) => bin.count >= 0.1 * total && colourDifference(bin.hex, skin) > 10);
  return notSkin?.hex ?? bins[0]?.hex;
}

export async function measureFigure(bytes: Buffer): Promise<FigureMeasurement | undefined> {
  const pixels = await decode(bytes);
  const background = borderColour(pixels);
  const mask = subjectMask(pixels, background);
  const box = boundingBox(mask, pixels.width, pixels.height);
  if (!box) return undefined;
  const H = box.height;
  const rowAt = (fraction: number): number => Math.min(pixels.height - 1, Math.round(box.top + fraction * H));

  // The head's centre column, from the top tenth of the figure.
  let sumX = 0;
  let countX = 0;
  for (let y = box.top; y <= rowAt(0.1); y += 1) {
    for (let x = box.left; x < box.left + box.width; x += 1) {
      if (mask[y * pixels.width + x]) {
        sumX += x;
        countX += 1;
      }
    }
  }
  const centre = countX > 0 ? Math.round(sumX / countX) : Math.round(box.left + box.width / 2);

  // The neck: the narrowest run through the centre column below the head.
  const runs: Array<{ y: number; width: number }> = [];
  for (let y = rowAt(0.04); y <= rowAt(0.32); y += 1) {
    const run = runAround(mask, pixels.width, y, centre);
    if (run) runs.push({ y, width: run.to - run.from + 1 });
  }
  const widestRunAbove = (lastRow: number): number => {
    let widest = 0;
    for (let y = box.top; y <= lastRow; y += 1) {
      const run = runAround(mask, pixels.width, y, centre);
      if (run) widest = Math.max(widest, run.to - run.from + 1);
    }
    return widest;
  };
  let headWidth = widestRunAbove(rowAt(0.1));
  const neckSearch = smoothed(runs).filter((run) => run.y >= rowAt(0.07));
  const narrowest = neckSearch.reduce((min, run) => Math.min(min, run.width), Infinity);
  let headFraction = DEFAULT_HEAD_FRACTION;
  let headFound = false;
  let neckRow = rowAt(DEFAULT_HEAD_FRACTION);
  if (Number.isFinite(narrowest) && headWidth > 0 && narrowest < 0.75 * headWidth) {
    const first = neckSearch.find((run) => run.width <= narrowest * 1.15);
    if (first) {
      neckRow = first.y;
      headFraction = (first.y - box.top) / H / NECK_START_OF_HEAD;
      headFound = true;
      headWidth = widestRunAbove(neckRow);
    }
  }
  if (headWidth === 0) headWidth = box.width * 0.3;
  const hf = headFraction;

  const across = { x0: box.left, x1: box.left + box.width - 1 };
  const headColumns = (halfWidth: number) => ({ x0: centre - halfWidth * headWidth, x1: centre + halfWidth * headWidth });
  const skin = dominantColour(pixels, mask, { ...headColumns(0.22), y0: rowAt(0.5 * hf), y1: rowAt(0.85 * hf) });
  const bands: Partial<Record<BandName, string>> = {
    hair: hairColour(pixels, mask, { ...headColumns(0.5), y0: box.top, y1: rowAt(0.45 * hf) }, skin),
    skin,
    top: dominantColour(pixels, mask, { ...across, y0: rowAt(hf + 0.07), y1: rowAt(0.45) }),
    bottom: dominantColour(pixels, mask, { ...across, y0: rowAt(0.6), y1: rowAt(0.9) }),
    shoes: dominantColour(pixels, mask, { ...across, y0: rowAt(0.955), y1: rowAt(0.995) }),
  };

  return {
    width: pixels.width,
    height: pixels.height,
    background: rgbToHex(background),
    box,
    heightToWidth: box.height / box.width,
    headFraction,
    headFound,
    bands,
    hairStyle: detectHairStyle(pixels, mask, { neckRow, centre, headWidth, H, hair: bands.hair, top: bands.top }),
  };
}

/** Long hair shows as hair-coloured locks beside the neck, apart from the neck itself. */
function detectHairStyle(
  pixels: Pixels,
  mask: Uint8Array,
  at: { neckRow: number; centre: number; headWidth: number; H: number; hair?: string; top?: string },
): HairStyle {
  if (!at.hair || (at.top && colourDifference(at.hair, at.top) < 10)) return 'short';
  const hair = hexToRgb(at.hair);
  const y0 = Math.round(at.neckRow + 0.005 * at.H);
  const y1 = Math.min(pixels.height - 1, Math.round(at.neckRow + 0.022 * at.H));
  let hairPixels = 0;
  let rows = 0;
  for (let y = y0; y <= y1; y += 1) {
    rows += 1;
    const neck = runAround(mask, pixels.width, y, at.centre);
    for (let x = Math.round(at.centre - 0.6 * at.headWidth); x <= Math.round(at.centre + 0.6 * at.headWidth); x += 1) {
      if (x < 0 || x >= pixels.width || !mask[y * pixels.width + x]) continue;
      if (neck && x >= neck.from && x <= neck.to) continue;
      if (rgbDistance(pixelAt(pixels, x, y), hair) < 45) hairPixels += 1;
    }
  }
  return rows > 0 && hairPixels / (rows * at.headWidth) > 0.12 ? 'long' : 'short';
}

/**
 * The look to draw for a reference: its measured colours and proportions; anything that could not be measured comes
 * from `fallback` (a seeded look), never from nowhere.
 */
export async function lookFromReference(bytes: Buffer, fallback: CharacterLook): Promise<CharacterLook> {
  const measured = await measureFigure(bytes);
  if (!measured) return fallback;
  const colours = Object.fromEntries(BAND_NAMES.map((band) => [band, measured.bands[band] ?? fallback.colours[band]])) as Record<
    BandName,
    string
  >;
  return {
    colours: { ...colours, accent: accentFor(colours) },
    hairStyle: measured.hairStyle,
    proportions: {
      heightToWidth: Math.max(1.5, Math.min(6, measured.heightToWidth)),
      headFraction: measured.headFound ? Math.max(0.08, Math.min(0.35, measured.headFraction)) : fallback.proportions.headFraction,
    },
  };
}
