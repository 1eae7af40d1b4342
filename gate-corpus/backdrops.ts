import sharp from 'sharp';

/** Plain and soft studio backdrops, light and dark: what an image model returns for "plain background". */
export type Backdrop =
  | { kind: 'plain'; colour: string }
  | { kind: 'gradient'; from: string; to: string; direction: 'vertical' | 'horizontal' | 'diagonal' }
  | { kind: 'vignette'; centre: string; edge: string };

export const LIGHT_BACKDROPS: Backdrop[] = [
  { kind: 'plain', colour: '#f4f4f2' },
  { kind: 'plain', colour: '#dfe6ee' },
  { kind: 'gradient', from: '#fbf7ef', to: '#d9d2c4', direction: 'vertical' },
  { kind: 'gradient', from: '#e9eef7', to: '#c9d3e3', direction: 'diagonal' },
  { kind: 'vignette', centre: '#f7f5f0', edge: '#c8c2b6' },
];

export const DARK_BACKDROPS: Backdrop[] = [
  { kind: 'plain', colour: '#23262e' },
  { kind: 'gradient', from: '#3a3f4c', to: '#15171c', direction: 'vertical' },
  { kind: 'vignette', centre: '#3b3530', edge: '#120f0d' },
];

export function describeBackdrop(backdrop: Backdrop): string {
  if (backdrop.kind === 'plain') return `plain ${backdrop.colour}`;
  if (backdrop.kind === 'gradient') return `${backdrop.direction} gradient ${backdrop.from}→${backdrop.to}`;
  return `vignette ${backdrop.centre}→${backdrop.edge}`;
}

/** The backdrop as raw RGB at the given size (smooth ramps, a little dither so gradients do not band). */
export async function paintBackdrop(backdrop: Backdrop, width: number, height: number): Promise<Buffer> {
  if (backdrop.kind === 'plain') {
    return sharp({ create: { width, height, channels: 3, background: backdrop.colour } })
      .png()
      .toBuffer();
  }
  const a = hexToRgb(backdrop.kind === 'gradient' ? backdrop.from : backdrop.centre);
  const b = hexToRgb(backdrop.kind === 'gradient' ? backdrop.to : backdrop.edge);
  const data = Buffer.alloc(width * height * 3);
  const maxRadius = Math.hypot(width / 2, height / 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let t: number;
      if (backdrop.kind === 'vignette') t = (Math.hypot(x - width / 2, y - height / 2) / maxRadius) ** 1.6;
      else if (backdrop.direction === 'vertical') t = y / (height - 1);
      else if (backdrop.direction === 'horizontal') t = x / (width - 1);
      else t = (x / (width - 1) + y / (height - 1)) / 2;
      const dither = (((x * 7 + y * 13) % 5) - 2) * 0.2;
      for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = Math.round(a[c]! + (b[c]! - a[c]!) * t + dither);
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}
