import sharp from 'sharp';

/**
 * Independent of the stand-in's own analyser: the figure's bounding box (pixels differing from the top-left corner
 * by more than a margin), and how many pixels are close to a given colour.
 */
export async function subjectBox(png: Buffer): Promise<{ left: number; top: number; width: number; height: number }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const [br, bg, bb] = [data[0] ?? 0, data[1] ?? 0, data[2] ?? 0];
  let left = info.width;
  let right = -1;
  let top = info.height;
  let bottom = -1;
  for (let y = 0; y < info.height; y += 1) {
    for (let x = 0; x < info.width; x += 1) {
      const i = (y * info.width + x) * 3;
      if (Math.hypot((data[i] ?? 0) - br, (data[i + 1] ?? 0) - bg, (data[i + 2] ?? 0) - bb) > 40) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
  }
  return { left, top, width: right - left + 1, height: bottom - top + 1 };
}

export async function pixelsNear(png: Buffer, hex: string, tolerance = 12, region?: { top: number; bottom: number }): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const value = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(value >> 16) & 255, (value >> 8) & 255, value & 255];
  let count = 0;
  const y0 = region?.top ?? 0;
  const y1 = region?.bottom ?? info.height;
  for (let y = y0; y < y1; y += 1) {
    for (let x = 0; x < info.width; x += 1) {
      const i = (y * info.width + x) * 3;
      if (Math.hypot((data[i] ?? 0) - r, (data[i + 1] ?? 0) - g, (data[i + 2] ?? 0) - b) <= tolerance) count += 1;
    }
  }
  return count;
}

/** Mean x of the pixels close to a colour: where on the canvas that part of the figure is. */
export async function meanXOf(
  png: Buffer,
  hex: string,
  tolerance = 12,
  region?: { top: number; bottom: number },
): Promise<number | undefined> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const value = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(value >> 16) & 255, (value >> 8) & 255, value & 255];
  let sum = 0;
  let count = 0;
  for (let y = region?.top ?? 0; y < (region?.bottom ?? info.height); y += 1) {
    for (let x = 0; x < info.width; x += 1) {
      const i = (y * info.width + x) * 3;
      if (Math.hypot((data[i] ?? 0) - r, (data[i + 1] ?? 0) - g, (data[i + 2] ?? 0) - b) <= tolerance) {
        sum += x;
        count += 1;
      }
    }
  }
  return count > 0 ? sum / count : undefined;
}
