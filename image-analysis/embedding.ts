import { CLASSICAL_ENGINE_ID } from '../contracts';
import { rgbToLab } from './color';
import { decodeRgb, lumaOf, type RgbImage } from './decode';
import { subjectMask, type SubjectMask } from './subject-mask';

const WORKING_SIDE = 256;
const GRID_COLS = 6;
const GRID_ROWS = 12;
const L_BINS = 4;
const AB_BINS = 6;
const AB_RANGE = 60;
const EDGE_COLS = 3;
const EDGE_ROWS = 6;
const ORIENTATIONS = 8;
/** Relative weight of each block after it is scaled to unit length: palette carries identity, layout and edges pose. */
const WEIGHTS = { layout: 1, palette: 1.2, edges: 0.6 };

export interface Embedding {
  vector: number[];
  engineId: string;
  length: number;
}

/**
 * The offline engine: a classical (not learned) global descriptor. Its cosines are on its own scale, so it
 * carries its own engine id and its thresholds are never mixed with DINOv3's.
 */
export async function computeEmbedding(bytes: Buffer): Promise<Embedding> {
  const image = await decodeRgb(bytes, WORKING_SIDE);
  const vector = embeddingOf(image, subjectMask(image));
  return { vector, engineId: CLASSICAL_ENGINE_ID, length: vector.length };
}

/**
 * Three blocks, each centred so that unrelated images land near cosine 0 (like DINO's CLS token):
 * layout (occupancy and mean colour of a grid over the subject's box), palette (Hellinger-mapped CIELAB histogram of
 * subject pixels, minus a uniform prior) and edges (orientation histograms over the subject's box, per-cell centred).
 */
export function embeddingOf(image: RgbImage, subject: SubjectMask): number[] {
  const { width, data } = image;
  const { mask, bbox } = subject;
  const boxWidth = bbox.right - bbox.left + 1;
  const boxHeight = bbox.bottom - bbox.top + 1;

  const cells = GRID_COLS * GRID_ROWS;
  const count = new Float64Array(cells);
  const area = new Float64Array(cells);
  const sums = new Float64Array(cells * 3);
  const palette = new Float64Array(L_BINS * AB_BINS * AB_BINS);
  let subjectPixels = 0;
  for (let y = bbox.top; y <= bbox.bottom; y++) {
    const row = Math.min(GRID_ROWS - 1, Math.floor(((y - bbox.top) / boxHeight) * GRID_ROWS));
    for (let x = bbox.left; x <= bbox.right; x++) {
      const col = Math.min(GRID_COLS - 1, Math.floor(((x - bbox.left) / boxWidth) * GRID_COLS));
      const cell = row * GRID_COLS + col;
      area[cell]!++;
      const i = y * width + x;
      if (!mask[i]) continue;
      const lab = rgbToLab(data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!);
      count[cell]!++;
      sums[cell * 3]! += lab.l;
      sums[cell * 3 + 1]! += lab.a;
      sums[cell * 3 + 2]! += lab.b;
      const lBin = Math.min(L_BINS - 1, Math.floor((lab.l / 100) * L_BINS));
      const aBin = Math.min(AB_BINS - 1, Math.max(0, Math.floor(((lab.a + AB_RANGE) / (2 * AB_RANGE)) * AB_BINS)));
      const bBin = Math.min(AB_BINS - 1, Math.max(0, Math.floor(((lab.b + AB_RANGE) / (2 * AB_RANGE)) * AB_BINS)));
      palette[(lBin * AB_BINS + aBin) * AB_BINS + bBin]!++;
      subjectPixels++;
    }
  }

  const occupancies = Array.from({ length: cells }, (_, cell) => (area[cell] ? count[cell]! / area[cell]! : 0));
  // Centred on the image's own mean: the block encodes the silhouette's shape, not how full the frame is.
  const meanOccupancy = occupancies.reduce((sum, value) => sum + value, 0) / cells;
  const layout: number[] = [];
  for (let cell = 0; cell < cells; cell++) {
    const occupancy = occupancies[cell]!;
    const n = count[cell] || 1;
    layout.push(occupancy - meanOccupancy);
    layout.push(occupancy * (sums[cell * 3]! / n / 50 - 1));
    layout.push(occupancy * (sums[cell * 3 + 1]! / n / AB_RANGE));
    layout.push(occupancy * (sums[cell * 3 + 2]! / n / AB_RANGE));
  }

  const prior = Math.sqrt(1 / palette.length);
  const paletteBlock = Array.from(palette, (value) => Math.sqrt(value / (subjectPixels || 1)) - prior);

  const edges = edgeHistogram(image, bbox);
  return [...scaled(layout, WEIGHTS.layout), ...scaled(paletteBlock, WEIGHTS.palette), ...scaled(edges, WEIGHTS.edges)];
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
