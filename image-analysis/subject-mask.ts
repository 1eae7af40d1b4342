import { fitBackground, subjectThreshold } from './background-model';
import type { RgbImage } from './decode';
import { countFigures, crownWidthRatio } from './figures';

export interface SubjectMask {
  /** 1 where the pixel belongs to the subject, at the image's own size. */
  mask: Uint8Array;
  width: number;
  height: number;
  /** False when the backdrop is not smooth (a busy scene): then the whole frame counts as subject. */
  plainBackground: boolean;
  areaFraction: number;
  bbox: { left: number; top: number; right: number; bottom: number };
  /** Figures found: separate large regions, and heads standing apart on one region's outline. */
  figureCount: number;
  /** Width of the subject's top part over its height: about constant across one character's views. */
  crownWidth: number;
  /** Fraction of each edge's pixels that are subject: a figure cut off by the frame touches it. */
  edgeContact: { top: number; bottom: number; left: number; right: number };
}

/**
 * Separates the subject from a smooth backdrop (plain, gradient or vignette; light or dark): a pixel is subject
 * when it is far, in CIELAB, from the fitted backdrop surface. Meant for a small working image (≈256 px).
 */
export function subjectMask(image: RgbImage): SubjectMask {
  const { width, height } = image;
  const model = fitBackground(image);
  const mask = new Uint8Array(width * height);
  if (model.smooth) {
    const border: number[] = [];
    for (let x = 0; x < width; x++) border.push(x, (height - 1) * width + x);
    for (let y = 0; y < height; y++) border.push(y * width, y * width + width - 1);
    const threshold = subjectThreshold(model.distance, border);
    for (let i = 0; i < mask.length; i++) mask[i] = model.distance[i]! > threshold ? 1 : 0;
    removeSpecks(mask, width, height);
  } else {
    mask.fill(1);
  }

  let count = 0;
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      count++;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  const edge = (indices: number[]) => indices.filter((i) => mask[i]).length / indices.length;
  const rows = (y: number) => Array.from({ length: width }, (_, x) => y * width + x);
  const cols = (x: number) => Array.from({ length: height }, (_, y) => y * width + x);
  return {
    mask,
    width,
    height,
    plainBackground: model.smooth,
    areaFraction: count / mask.length,
    bbox: count ? { left, top, right, bottom } : { left: 0, top: 0, right: width - 1, bottom: height - 1 },
    figureCount: model.smooth ? countFigures(mask, width, height) : 1,
    crownWidth: model.smooth ? crownWidthRatio(mask, width, height) : 0,
    edgeContact: model.smooth
      ? { top: edge(rows(0)), bottom: edge(rows(height - 1)), left: edge(cols(0)), right: edge(cols(width - 1)) }
      : { top: 0, bottom: 0, left: 0, right: 0 },
  };
}

/** Isolated subject pixels (noise, a JPEG block) are dropped: a pixel needs at least two subject neighbours. */
function removeSpecks(mask: Uint8Array, width: number, height: number): void {
  const drop: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!mask[i]) continue;
      let neighbours = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx || dy) && x + dx >= 0 && x + dx < width && y + dy >= 0 && y + dy < height) neighbours += mask[i + dy * width + dx]!;
        }
      }
      if (neighbours < 2) drop.push(i);
    }
  }
  for (const i of drop) mask[i] = 0;
}
