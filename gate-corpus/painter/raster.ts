/** A float RGB canvas that fills signed-distance shapes with coverage anti-aliasing, and encodes to PNG with sharp. */
import sharp from 'sharp';
import type { Shape } from './shapes';

export type Rgb = readonly [number, number, number];

/** An RGB triple (0–255) or a CSS hex colour ('#rrggbb' or '#rgb'). */
export type Colour = Rgb | string;

export type PaintBackground =
  | { readonly kind: 'plain'; readonly colour: Colour }
  | {
      readonly kind: 'gradient';
      readonly from: Colour;
      readonly to: Colour;
      /** Vertical (top to bottom) unless told otherwise. */
      readonly direction?: 'vertical' | 'horizontal' | 'diagonal';
    }
  | { readonly kind: 'vignette'; readonly centre: Colour; readonly edge: Colour };

export function toRgb(c: Colour): Rgb {
  if (typeof c !== 'string') return c;
  const hex = c.trim().replace(/^#/, '');
  const full = hex.length === 3 ? hex.replace(/./g, (d) => d + d) : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`not a hex colour: ${c}`);
  const v = Number.parseInt(full, 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** Maps figure units to pixels: pixel = unit * scale + offset. */
export interface View {
  readonly scale: number;
  readonly ox: number;
  readonly oy: number;
}

export interface FillStyle {
  /** Opacity 0..1. */
  readonly alpha?: number;
  /** Edge softness in figure units (soft floor shadows); the default is a one-pixel edge. */
  readonly soft?: number;
}

export class Canvas {
  readonly data: Float32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
      throw new Error(`bad canvas size ${width}x${height}`);
    }
    this.data = new Float32Array(width * height * 3);
  }

  fillBackground(bg: PaintBackground): void {
    const { width: w, height: h, data } = this;
    const cx = w / 2;
    const cy = h * 0.45;
    const reach = Math.hypot(w / 2, h * 0.55);
    const a = toRgb(bg.kind === 'plain' ? bg.colour : bg.kind === 'gradient' ? bg.from : bg.centre);
    const b = bg.kind === 'plain' ? a : toRgb(bg.kind === 'gradient' ? bg.to : bg.edge);
    const direction = bg.kind === 'gradient' ? (bg.direction ?? 'vertical') : 'vertical';
    for (let y = 0; y < h; y++) {
      const v = (y + 0.5) / h;
      const dy = y + 0.5 - cy;
      let i = y * w * 3;
      for (let x = 0; x < w; x++, i += 3) {
        let t = 0;
        if (bg.kind === 'gradient') {
          const u = (x + 0.5) / w;
          t = direction === 'vertical' ? v : direction === 'horizontal' ? u : (u + v) / 2;
        } else if (bg.kind === 'vignette') {
          t = smoothstep(0.15, 1.05, Math.sqrt((x + 0.5 - cx) ** 2 + dy * dy) / reach);
        }
        data[i] = a[0] + (b[0] - a[0]) * t;
        data[i + 1] = a[1] + (b[1] - a[1]) * t;
        data[i + 2] = a[2] + (b[2] - a[2]) * t;
      }
    }
  }

  fill(shape: Shape, color: Rgb, view: View, style: FillStyle = {}): void {
    const { width: w, height: h, data } = this;
    const { scale, ox, oy } = view;
    const alpha = style.alpha ?? 1;
    const softPx = Math.max(1, (style.soft ?? 0) * scale);
    const b = shape.box;
    const pad = softPx + 1;
    const x0 = Math.max(0, Math.floor(clampFinite(b.x0 * scale + ox, w) - pad));
    const x1 = Math.min(w - 1, Math.ceil(clampFinite(b.x1 * scale + ox, w) + pad));
    const y0 = Math.max(0, Math.floor(clampFinite(b.y0 * scale + oy, h) - pad));
    const y1 = Math.min(h - 1, Math.ceil(clampFinite(b.y1 * scale + oy, h) + pad));
    const [r, g, bl] = color;
    for (let py = y0; py <= y1; py++) {
      const v = (py + 0.5 - oy) / scale;
      let i = (py * w + x0) * 3;
      for (let px = x0; px <= x1; px++, i += 3) {
        const d = shape.sdf((px + 0.5 - ox) / scale, v) * scale;
        let cover = 0.5 - d / softPx;
        if (cover <= 0) continue;
        if (cover > 1) cover = 1;
        const a = cover * alpha;
        data[i] = data[i]! + (r - data[i]!) * a;
        data[i + 1] = data[i + 1]! + (g - data[i + 1]!) * a;
        data[i + 2] = data[i + 2]! + (bl - data[i + 2]!) * a;
      }
    }
  }

  toRgb8(): Buffer {
    const out = Buffer.alloc(this.data.length);
    for (let i = 0; i < this.data.length; i++) {
      const v = Math.round(this.data[i]!);
      out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
    return out;
  }

  async toPng(): Promise<Buffer> {
    return sharp(this.toRgb8(), { raw: { width: this.width, height: this.height, channels: 3 } })
      .png({ compressionLevel: 6, adaptiveFiltering: false })
      .toBuffer();
  }
}

export function mixRgb(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** The colour a background shows on average, for contrast decisions. */
export function backgroundTone(bg: PaintBackground): Rgb {
  if (bg.kind === 'plain') return toRgb(bg.colour);
  if (bg.kind === 'gradient') return mixRgb(toRgb(bg.from), toRgb(bg.to), 0.5);
  // The figure stands in the middle, where the centre colour dominates.
  return mixRgb(toRgb(bg.centre), toRgb(bg.edge), 0.3);
}

function smoothstep(e0: number, e1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
}

function clampFinite(v: number, limit: number): number {
  if (v === Infinity) return limit;
  if (v === -Infinity) return 0;
  return v;
}
