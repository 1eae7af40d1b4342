/** The painter's own colour lists and colour arithmetic. */
import type { Rgb } from './raster';

// prettier-ignore
export const SKIN_TONES: readonly Rgb[] = [
  [255, 228, 205], [248, 210, 178], [236, 190, 152], [218, 164, 122], [190, 132, 94], [150, 98, 66], [110, 72, 50],
  [255, 214, 190],
];

// prettier-ignore
export const HAIR_COLOURS: readonly Rgb[] = [
  [46, 34, 32], [86, 54, 38], [138, 88, 52], [196, 142, 76], [236, 204, 128], [206, 92, 48], [150, 44, 58],
  [64, 88, 176], [112, 204, 188], [238, 146, 182], [206, 208, 220], [116, 72, 156], [250, 236, 200],
];

// prettier-ignore
export const CLOTH_COLOURS: readonly Rgb[] = [
  [214, 64, 69], [242, 140, 48], [228, 182, 58], [122, 142, 58], [66, 164, 102], [36, 150, 152], [86, 168, 232],
  [52, 72, 148], [132, 78, 172], [204, 68, 150], [142, 96, 60], [238, 228, 204], [128, 134, 146], [72, 74, 84],
  [250, 120, 98], [182, 160, 232], [40, 104, 72], [182, 82, 40], [246, 206, 216], [20, 120, 200],
];

// prettier-ignore
export const EYE_COLOURS: readonly Rgb[] = [
  [92, 58, 34], [48, 108, 196], [58, 140, 84], [196, 132, 28], [132, 70, 170], [40, 40, 48], [200, 60, 60],
];

// prettier-ignore
export const OUTLINE_COLOURS: readonly Rgb[] = [
  [30, 22, 30], [38, 30, 54], [20, 32, 46], [56, 36, 26], [12, 12, 12],
];

// prettier-ignore
export const LIGHT_BACKDROPS: readonly Rgb[] = [
  [248, 246, 240], [236, 242, 250], [252, 240, 232], [234, 248, 238], [255, 255, 255], [240, 236, 248],
  [250, 248, 226],
];

/** Cel shadow: darker and pushed slightly towards violet, as a painter would rather than plain black mixing. */
export function shadowOf(c: Rgb, depth: number): Rgb {
  return [c[0] * depth * 0.9 + 6, c[1] * depth * 0.92 + 4, c[2] * Math.min(1, depth * 1.06) + 14];
}

export function lighten(c: Rgb, t: number): Rgb {
  return [c[0] + (255 - c[0]) * t, c[1] + (255 - c[1]) * t, c[2] + (255 - c[2]) * t];
}

export function darken(c: Rgb, t: number): Rgb {
  return [c[0] * (1 - t), c[1] * (1 - t), c[2] * (1 - t)];
}

/** WCAG relative luminance. */
export function luminance(c: Rgb): number {
  const lin = (v: number) => {
    const s = Math.min(255, Math.max(0, v)) / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

export function colourDistance(a: Rgb, b: Rgb): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** Nudges `c` away from the background tone until the pair reaches `minRatio` (or the tone cannot move further). */
export function separateFrom(c: Rgb, background: Rgb, minRatio: number): Rgb {
  if (contrastRatio(c, background) >= minRatio) return c;
  const goLighter = luminance(background) < 0.25;
  let out = c;
  for (let step = 1; step <= 10; step++) {
    out = goLighter ? lighten(c, step * 0.08) : darken(c, step * 0.07);
    if (contrastRatio(out, background) >= minRatio) break;
  }
  return out;
}
