import { CLASSICAL_ENGINE_ID } from '../contracts';
import { rgbToLab } from './color';
import { decodeRgb, lumaOf, type RgbImage } from './decode';
import { subjectMask, type SubjectMask } from './subject-mask';

/**
 * The classical engine's descriptor (engine id in contracts/engines.ts). v2 sees the view as well as the character
 * (silhouette width kept, head region in detail, colour patterns relative to their own mean), as a learned global
 * embedding does; its cosines are on its own scale and never mixed with DINOv3's.
 */

const WORKING_SIDE = 256;
/** The layout grid covers a box as wide as 0.8 × the subject's height, so a profile fills fewer columns than a front view. */
const LAYOUT = { cols: 8, rows: 12, widthPerHeight: 0.8 };
/** The head region: the top of the subject, where front, side and back views differ most. */
const HEAD = { cols: 4, rows: 4, heightShare: 0.22, widthShare: 0.3 };
/** How much the colour pattern counts next to the occupancy in the grid blocks. */
const COLOUR_WEIGHT = 1.6;
const L_BINS = 4;
const AB_BINS = 6;
const AB_RANGE = 60;
const EDGE_COLS = 3;
const EDGE_ROWS = 6;
const ORIENTATIONS = 8;
/** Relative weight of each block after it is scaled to unit length: palette carries identity, the rest the view. */
const WEIGHTS = { layout: 1, head: 1, palette: 2, edges: 0.5 };

export interface Embedding {
  vector: number[];
  engineId: string;
  length: number;
}

export async function computeEmbedding(bytes: Buffer): Promise<Embedding> {
  const image = await decodeRgb(bytes, WORKING_SIDE);
  const vector = embeddingOf(image, subjectMask(image));
  return { vector, engineId: CLASSICAL_ENGINE_ID, length: vector.length };
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Four blocks, each centred so that unrelated images land near cosine 0 (like DINO's CLS token): layout (occupancy
 * and mean colour of a grid over an aspect-keeping box around the subject), head (the same, finer, over the top of
 * the subject), palette (Hellinger-mapped CIELAB histogram of subject pixels, minus a uniform prior) and edges
 * (orientation histograms over the subject's box, per-cell centred).
 */
export function embeddingOf(image: RgbImage, subject: SubjectMask): number[] {
  const { bbox } = subject;
  const subjectHeight = bbox.bottom - bbox.top + 1;
  const centreX = (bbox.left + bbox.right + 1) / 2;
  const layoutWidth = Math.max(bbox.right - bbox.left + 1, subjectHeight * LAYOUT.widthPerHeight);
  const layout = gridBlock(
    image,
    subject,
    { left: centreX - layoutWidth / 2, top: bbox.top, width: layoutWidth, height: subjectHeight },
    LAYOUT.cols,
    LAYOUT.rows,
  );
  const head = gridBlock(image, subject, headBox(subject), HEAD.cols, HEAD.rows);
  const palette = paletteBlock(image, subject);
  const edges = edgeHistogram(image, bbox);
  return [
    ...scaled(layout, WEIGHTS.layout),
    ...scaled(head, WEIGHTS.head),
    ...scaled(palette, WEIGHTS.palette),
    ...scaled(edges, WEIGHTS.edges),
  ];
}

/**
 * The head region: the top share of the subject, centred on its crown and as wide as a fixed share of the subject's
 * height. Fixed shares, not a detected neck or the subject's extent: hats and hair make necks hard to find, arms
 * that swing change the extent, and the same character keeps its proportions in every view, which is all the
 * comparison needs.
 */
function headBox(subject: SubjectMask): Box {
  const { mask, width, bbox } = subject;
  const subjectHeight = bbox.bottom - bbox.top + 1;
  const rows = Math.max(3, Math.round(subjectHeight * HEAD.heightShare));
  const crownRows = Math.max(2, Math.round(subjectHeight * 0.1));
  let sum = 0;
  let count = 0;
  for (let y = bbox.top; y < bbox.top + crownRows; y++) {
    for (let x = bbox.left; x <= bbox.right; x++) {
      if (!mask[y * width + x]) continue;
      sum += x;
      count++;
    }
  }
  const centre = count ? sum / count : (bbox.left + bbox.right + 1) / 2;
  const boxWidth = subjectHeight * HEAD.widthShare;
  return { left: centre - boxWidth / 2, top: bbox.top, width: boxWidth, height: rows };
}

/** Per cell: occupancy (centred on the block's mean) and occupancy-weighted mean CIELAB colour. */
function gridBlock(image: RgbImage, subject: SubjectMask, box: Box, cols: number, rows: number): number[] {
  const { width, height, data } = image;
  const cells = cols * rows;
  const count = new Float64Array(cells);
  const area = new Float64Array(cells);
  const sums = new Float64Array(cells * 3);
  const x0 = Math.max(0, Math.floor(box.left));
  const x1 = Math.min(width - 1, Math.ceil(box.left + box.width) - 1);
  const y0 = Math.max(0, Math.floor(box.top));
  const y1 = Math.min(height - 1, Math.ceil(box.top + box.height) - 1);
  for (let y = y0; y <= y1; y++) {
    const row = Math.min(rows - 1, Math.floor(((y - box.top) / box.height) * rows));
    for (let x = x0; x <= x1; x++) {
      const col = Math.min(cols - 1, Math.max(0, Math.floor(((x - box.left) / box.width) * cols)));
      const cell = row * cols + col;
      area[cell]!++;
      const i = y * width + x;
      if (!subject.mask[i]) continue;
      const lab = rgbToLab(data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!);
      count[cell]!++;
      sums[cell * 3]! += lab.l;
      sums[cell * 3 + 1]! += lab.a;
      sums[cell * 3 + 2]! += lab.b;
    }
  }
  // Cells outside the frame count as empty, not as missing: a cut-off figure must look different.
  const cellArea = (box.width / cols) * (box.height / rows);
  const occupancies = Array.from({ length: cells }, (_, cell) => count[cell]! / Math.max(1, area[cell]!, cellArea));
  const meanOccupancy = occupancies.reduce((sum, value) => sum + value, 0) / cells;
  // Colours relative to the block's own mean: the block encodes where colours sit (a face here, hair there), which
  // is the view; which colours they are is the palette block's business.
  const totalCount = count.reduce((sum, value) => sum + value, 0) || 1;
  const blockMean = [0, 1, 2].map((channel) => sums.reduce((sum, value, k) => (k % 3 === channel ? sum + value : sum), 0) / totalCount);
  const scales = [25, AB_RANGE / 2, AB_RANGE / 2];
  const block: number[] = [];
  for (let cell = 0; cell < cells; cell++) {
    const occupancy = occupancies[cell]!;
    const n = count[cell] || 1;
    block.push(occupancy - meanOccupancy);
    for (let channel = 0; channel < 3; channel++) {
      block.push(count[cell] ? COLOUR_WEIGHT * occupancy * ((sums[cell * 3 + channel]! / n - blockMean[channel]!) / scales[channel]!) : 0);
    }
  }
  return block;
}

function paletteBlock(image: RgbImage, subject: SubjectMask): number[] {
  const { data } = image;
  const palette = new Float64Array(L_BINS * AB_BINS * AB_BINS);
  let subjectPixels = 0;
  for (let i = 0; i < subject.mask.length; i++) {
    if (!subject.mask[i]) continue;
    const lab = rgbToLab(data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!);
    const lBin = Math.min(L_BINS - 1, Math.floor((lab.l / 100) * L_BINS));
    const aBin = Math.min(AB_BINS - 1, Math.max(0, Math.floor(((lab.a + AB_RANGE) / (2 * AB_RANGE)) * AB_BINS)));
    const bBin = Math.min(AB_BINS - 1, Math.max(0, Math.floor(((lab.b + AB_RANGE) / (2 * AB_RANGE)) * AB_BINS)));
    palette[(lBin * AB_BINS + aBin) * AB_BINS + bBin]!++;
    subjectPixels++;
  }
  const prior = Math.sqrt(1 / palette.length);
  return Array.from(palette, (value) => Math.sqrt(value / (subjectPixels || 1)) - prior);
}

function edgeHistogram(image: RgbImage, bbox: SubjectMask['bbox']): number[] {
  const luma = lumaOf(image);
  const { width } = image;
  const hist = new Float64Array(EDGE_COLS * EDGE_ROWS * ORIENTATIONS);
  const boxWidth = bbox.right - bbox.left + 1;
  const boxHeight = bbox.bottom - bbox.top + 1;
  for (let y = Math.max(1, bbox.top); y < Math.min(image.height - 1, bbox.bottom); y++) {
    const row = Math.min(EDGE_ROWS - 1, Math.floor(((y - bbox.top) / boxHeight) * EDGE_ROWS));
    for (let x = Math.max(1, bbox.left); x < Math.min(width - 1, bbox.right); x++) {
      const col = Math.min(EDGE_COLS - 1, Math.floor(((x - bbox.left) / boxWidth) * EDGE_COLS));
      const gx = luma[y * width + x + 1]! - luma[y * width + x - 1]!;
      const gy = luma[(y + 1) * width + x]! - luma[(y - 1) * width + x]!;
      const magnitude = Math.hypot(gx, gy);
      if (magnitude < 8) continue;
      const angle = (Math.atan2(gy, gx) + Math.PI) % Math.PI;
      const bin = Math.min(ORIENTATIONS - 1, Math.floor((angle / Math.PI) * ORIENTATIONS));
      hist[(row * EDGE_COLS + col) * ORIENTATIONS + bin]! += magnitude;
    }
  }
  const out: number[] = [];
  for (let cell = 0; cell < EDGE_COLS * EDGE_ROWS; cell++) {
    const values = Array.from(hist.subarray(cell * ORIENTATIONS, (cell + 1) * ORIENTATIONS));
    const norm = Math.hypot(...values) || 1;
    const normalised = values.map((v) => v / norm);
    const mean = normalised.reduce((sum, v) => sum + v, 0) / ORIENTATIONS;
    out.push(...normalised.map((v) => v - mean));
  }
  return out;
}

function scaled(values: number[], weight: number): number[] {
  const norm = Math.hypot(...values) || 1;
  return values.map((value) => (value / norm) * weight);
}

export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`cannot compare vectors of length ${a.length} and ${b.length}`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
