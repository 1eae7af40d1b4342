export interface Lab {
  l: number;
  a: number;
  b: number;
}

function linearise(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

// Pixel loops call this per pixel: whole byte values come from a table, averaged (fractional) ones are computed.
const SRGB_TO_LINEAR = Float64Array.from({ length: 256 }, (_, value) => linearise(value));
const toLinear = (value: number) => (Number.isInteger(value) && value >= 0 && value <= 255 ? SRGB_TO_LINEAR[value]! : linearise(value));

/** CIELAB's companding of a white-relative tristimulus value (at module level: pixel loops call it three times each). */
function labCompand(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116;
}

/** sRGB (0–255) → CIELAB (D65), written to `out` at `offset` as L, a, b: for pixel loops, which keep no object per pixel. */
export function writeLab(r: number, g: number, b: number, out: Float32Array | Float64Array, offset: number): void {
  const rl = toLinear(r);
  const gl = toLinear(g);
  const bl = toLinear(b);
  const x = (0.4124564 * rl + 0.3575761 * gl + 0.1804375 * bl) / 0.95047;
  const y = 0.2126729 * rl + 0.7151522 * gl + 0.072175 * bl;
  const z = (0.0193339 * rl + 0.119192 * gl + 0.9503041 * bl) / 1.08883;
  const fx = labCompand(x);
  const fy = labCompand(y);
  const fz = labCompand(z);
  out[offset] = 116 * fy - 16;
  out[offset + 1] = 500 * (fx - fy);
  out[offset + 2] = 200 * (fy - fz);
}

const oneLab = new Float64Array(3);

/** sRGB (0–255) → CIELAB (D65). */
export function rgbToLab(r: number, g: number, b: number): Lab {
  writeLab(r, g, b, oneLab, 0);
  return { l: oneLab[0]!, a: oneLab[1]!, b: oneLab[2]! };
}

/** CIEDE2000 colour difference; ≲ 5 reads as the same colour. */
export function deltaE2000(c1: Lab, c2: Lab): number {
  const rad = Math.PI / 180;
  const C1 = Math.hypot(c1.a, c1.b);
  const C2 = Math.hypot(c2.a, c2.b);
  const Cm = (C1 + C2) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cm ** 7 / (Cm ** 7 + 25 ** 7)));
  const a1 = (1 + G) * c1.a;
  const a2 = (1 + G) * c2.a;
  const C1p = Math.hypot(a1, c1.b);
  const C2p = Math.hypot(a2, c2.b);
  const h = (b: number, a: number) => {
    if (a === 0 && b === 0) return 0;
    const angle = Math.atan2(b, a) / rad;
    return angle < 0 ? angle + 360 : angle;
  };
  const h1 = h(c1.b, a1);
  const h2 = h(c2.b, a2);
  const dL = c2.l - c1.l;
  const dC = C2p - C1p;
  let dh = 0;
  if (C1p * C2p !== 0) {
    dh = h2 - h1;
    if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
  }
  const dH = 2 * Math.sqrt(C1p * C2p) * Math.sin((dh / 2) * rad);
  const Lm = (c1.l + c2.l) / 2;
  const Cmp = (C1p + C2p) / 2;
  let hm = h1 + h2;
  if (C1p * C2p !== 0) {
    if (Math.abs(h1 - h2) > 180) hm += h1 + h2 < 360 ? 360 : -360;
    hm /= 2;
  }
  const T =
    1 -
    0.17 * Math.cos((hm - 30) * rad) +
    0.24 * Math.cos(2 * hm * rad) +
    0.32 * Math.cos((3 * hm + 6) * rad) -
    0.2 * Math.cos((4 * hm - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hm - 275) / 25) ** 2));
  const Rc = 2 * Math.sqrt(Cmp ** 7 / (Cmp ** 7 + 25 ** 7));
  const Sl = 1 + (0.015 * (Lm - 50) ** 2) / Math.sqrt(20 + (Lm - 50) ** 2);
  const Sc = 1 + 0.045 * Cmp;
  const Sh = 1 + 0.015 * Cmp * T;
  const Rt = -Math.sin(2 * dTheta * rad) * Rc;
  return Math.sqrt((dL / Sl) ** 2 + (dC / Sc) ** 2 + (dH / Sh) ** 2 + Rt * (dC / Sc) * (dH / Sh));
}

/** Hasler–Süsstrunk colourfulness (0 ≈ grey; > 50 clearly colourful). */
export function colourfulness(data: Uint8Array, mask?: Uint8Array): number {
  let n = 0;
  let sumRg = 0;
  let sumYb = 0;
  let sumRg2 = 0;
  let sumYb2 = 0;
  for (let i = 0, p = 0; p < data.length; i++, p += 3) {
    if (mask && !mask[i]) continue;
    const rg = data[p]! - data[p + 1]!;
    const yb = 0.5 * (data[p]! + data[p + 1]!) - data[p + 2]!;
    sumRg += rg;
    sumYb += yb;
    sumRg2 += rg * rg;
    sumYb2 += yb * yb;
    n++;
  }
  if (n === 0) return 0;
  const meanRg = sumRg / n;
  const meanYb = sumYb / n;
  const stdRg = Math.sqrt(Math.max(0, sumRg2 / n - meanRg ** 2));
  const stdYb = Math.sqrt(Math.max(0, sumYb2 / n - meanYb ** 2));
  return Math.hypot(stdRg, stdYb) + 0.3 * Math.hypot(meanRg, meanYb);
}
