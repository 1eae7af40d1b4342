import { rgbToLab, type Lab } from './color';
import type { RgbImage } from './decode';

export interface SubjectMask {
  /** 1 where the pixel belongs to the subject, at the image's own size. */
  mask: Uint8Array;
  width: number;
  height: number;
  /** False when the border is not one plain colour: then the whole frame counts as subject. */
  plainBackground: boolean;
  background: Lab;
  areaFraction: number;
  bbox: { left: number; top: number; right: number; bottom: number };
  /** Connected subject regions larger than 1.5% of the frame (after closing small gaps). */
  largeBlobCount: number;
  /** Fraction of each edge's pixels that are subject: a figure cut off by the frame touches it. */
  edgeContact: { top: number; bottom: number; left: number; right: number };
}

/** ΔE76 from the background above which a pixel is subject; generated backgrounds carry slight noise. */
const SUBJECT_DISTANCE = 14;
/** Border pixels further than this from their median mean the background is not plain. */
const PLAIN_BORDER_SPREAD = 10;

/**
 * Separates the subject from a plain background: the background colour is the median of the border pixels, and a
 * pixel is subject when it is far from it in CIELAB. Meant for a small working image (≈256 px).
 */
export function subjectMask(image: RgbImage): SubjectMask {
  const { width, height, data } = image;
  const lab = new Float32Array(width * height * 3);
  for (let i = 0, p = 0; p < data.length; i++, p += 3) {
    const c = rgbToLab(data[p]!, data[p + 1]!, data[p + 2]!);
    lab[i * 3] = c.l;
    lab[i * 3 + 1] = c.a;
    lab[i * 3 + 2] = c.b;
  }
  const ring = Math.max(1, Math.round(Math.min(width, height) * 0.02));
  const border: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x < ring || y < ring || x >= width - ring || y >= height - ring) border.push(y * width + x);
    }
  }
  const median = (channel: number) => {
    const values = border.map((i) => lab[i * 3 + channel]!).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)]!;
  };
  const background: Lab = { l: median(0), a: median(1), b: median(2) };
  const distance = (i: number) => Math.hypot(lab[i * 3]! - background.l, lab[i * 3 + 1]! - background.a, lab[i * 3 + 2]! - background.b);
  const borderNear = border.filter((i) => distance(i) < PLAIN_BORDER_SPREAD).length / border.length;
  const plainBackground = borderNear > 0.6;

  const mask = new Uint8Array(width * height);
  if (plainBackground) {
    for (let i = 0; i < mask.length; i++) mask[i] = distance(i) > SUBJECT_DISTANCE ? 1 : 0;
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
    plainBackground,
    background,
    areaFraction: count / mask.length,
    bbox: count ? { left, top, right, bottom } : { left: 0, top: 0, right: width - 1, bottom: height - 1 },
    largeBlobCount: plainBackground ? countLargeBlobs(closeGaps(mask, width, height, 2), width, height, 0.015) : 1,
    edgeContact: plainBackground
      ? { top: edge(rows(0)), bottom: edge(rows(height - 1)), left: edge(cols(0)), right: edge(cols(width - 1)) }
      : { top: 0, bottom: 0, left: 0, right: 0 },
  };
}

/** Dilation by `radius`: joins a figure's parts separated by thin background-coloured lines. */
function closeGaps(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      for (let dy = -radius; dy <= radius; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -radius; dx <= radius; dx++) {
          const xx = x + dx;
          if (xx >= 0 && xx < width) out[yy * width + xx] = 1;
        }
      }
    }
  }
  return out;
}

function countLargeBlobs(mask: Uint8Array, width: number, height: number, minFraction: number): number {
  const seen = new Uint8Array(mask.length);
  const minPixels = minFraction * mask.length;
  const stack: number[] = [];
  let large = 0;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    let size = 0;
    stack.push(start);
    seen[start] = 1;
    while (stack.length) {
      const i = stack.pop()!;
      size++;
      const x = i % width;
      const y = (i - x) / width;
      const neighbours = [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, y > 0 ? i - width : -1, y < height - 1 ? i + width : -1];
      for (const n of neighbours) {
        if (n >= 0 && mask[n] && !seen[n]) {
          seen[n] = 1;
          stack.push(n);
        }
      }
    }
    if (size >= minPixels) large++;
  }
  return large;
}
