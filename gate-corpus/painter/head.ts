/**
 * Head, face, hair and hat. The skull and the hair cap are treated as ellipsoids: each pixel is mapped back onto the
 * turned surface, so the face opening, the hairline and the cel shadow all move with the angle instead of being
 * swapped between fixed drawings.
 */
import type { HairStyle, PaintedCharacter } from './character';
import { darken, lighten, shadowOf } from './palette';
import { mixRgb, type Rgb } from './raster';
import {
  band,
  capsule,
  circle,
  ellipse,
  field,
  halfPlane,
  intersect,
  polygon,
  slab,
  subtract,
  union,
  type Point,
  type Shape,
} from './shapes';
import type { Skeleton } from './skeleton';
import { flatten, halfWidth, inked, shadeBeyond, shadowEdge, type Ink, type Item, type Light, type Op, type Turn } from './space';

interface HairCut {
  /** Lowest hair on the sides and at the back (sine of elevation on the hair cap). */
  readonly side: number;
  readonly back: number;
  /** How far round the face the opening reaches (cosine from straight ahead). */
  readonly open: number;
}

const CUTS: Record<HairStyle, HairCut> = {
  short: { side: -0.12, back: -0.8, open: 0.1 },
  spiky: { side: -0.08, back: -0.78, open: 0.1 },
  bob: { side: -0.66, back: -0.92, open: 0.44 },
  long: { side: -0.62, back: -0.92, open: 0.42 },
  ponytail: { side: -0.25, back: -0.84, open: 0.22 },
  bun: { side: -0.22, back: -0.84, open: 0.2 },
};

/** Skin shades warm rather than violet, or pale faces turn grey. */
export function skinShadow(skin: Rgb): Rgb {
  return mixRgb(skin, [150, 62, 70], 0.22);
}

/** Hair styles that leave the ears out. */
const EARS_SHOW = new Set<HairStyle>(['short', 'spiky', 'ponytail', 'bun']);

interface Oval {
  readonly cx: number;
  readonly cy: number;
  readonly rx: number;
  readonly ry: number;
}

/** Unit surface normal (world) of the visible side of an ellipsoid at a screen point; clamped to the rim outside. */
function normalAt(o: Oval, x: number, y: number): readonly [number, number, number] {
  let nx = (x - o.cx) / o.rx;
  let ny = -(y - o.cy) / o.ry;
  const r2 = nx * nx + ny * ny;
  if (r2 >= 1) {
    const k = 1 / Math.sqrt(r2);
    nx *= k;
    ny *= k;
    return [nx, ny, 0];
  }
  return [nx, ny, Math.sqrt(1 - r2)];
}

function ovalShape(o: Oval): Shape {
  return ellipse(o.cx, o.cy, o.rx, o.ry);
}

/** The part of an oval turned away from the light. */
function litShadow(o: Oval, light: Light, threshold: number): Shape {
  return field({ x0: o.cx - o.rx, y0: o.cy - o.ry, x1: o.cx + o.rx, y1: o.cy + o.ry }, (x, y) => {
    const [nx, ny, nz] = normalAt(o, x, y);
    return (nx * light.x + ny * light.y + nz * light.z - threshold) * o.ry;
  });
}

function fringeLine(c: PaintedCharacter, lx: number): number {
  const { fringe, fringeHeight: f0, part } = c.hair;
  if (fringe === 'straight') return f0;
  if (fringe === 'swept') return f0 + 0.32 * lx * (part >= 0 ? 1 : -1);
  if (fringe === 'zigzag') return f0 - 0.04 + 0.12 * Math.abs(((((lx * 5 + 20) % 2) + 2) % 2) - 1);
  return Math.min(0.95, f0 + 0.3 - 0.65 * Math.abs(lx - part * 0.3));
}

/** Hair cap: the hair ellipsoid minus the face opening, cut off at the nape and the sides. */
function hairCap(c: PaintedCharacter, cap: Oval, t: Turn): Shape {
  const cut = CUTS[c.hair.style];
  const outer = ovalShape(cap);
  return field(outer.box, (x, y) => {
    const d = outer.sdf(x, y);
    const [nx, ny, nz] = normalAt(cap, x, y);
    const lx = nx * t.c - nz * t.s;
    const lz = nx * t.s + nz * t.c;
    // Drops steeply just behind the ears, then runs level along the nape.
    const lowest = cut.side + (cut.back - cut.side) * Math.min(1, Math.max(0, -lz / 0.5)) ** 0.6;
    const below = lowest - ny;
    const opening = Math.max(cut.open - lz, ny - fringeLine(c, lx));
    return Math.max(d, Math.max(below, -opening) * cap.ry);
  });
}

/** A point on the cap surface at local azimuth/elevation, flattened; returns screen x, y and how much it faces us. */
function onOval(o: Oval, t: Turn, az: number, el: number): { x: number; y: number; facing: number } {
  const lx = Math.sin(az) * Math.cos(el);
  const lz = Math.cos(az) * Math.cos(el);
  const [wx, wz] = flatten(t, lx, lz);
  return { x: o.cx + o.rx * wx, y: o.cy - o.ry * Math.sin(el), facing: wz };
}

function spikes(c: PaintedCharacter, cap: Oval, t: Turn): Shape[] {
  const out: Shape[] = [];
  const count = 7;
  for (let i = 0; i < count; i++) {
    const az = -2.4 + (4.8 * i) / (count - 1) + c.hair.part * 0.2;
    const el = 0.78 + 0.32 * Math.cos(i * 1.7);
    const p = onOval(cap, t, az, el);
    const dx = p.x - cap.cx;
    const dy = p.y - cap.cy;
    const radial = Math.hypot(dx / cap.rx, dy / cap.ry);
    if (radial < 0.35) continue;
    const len = Math.hypot(dx, dy) || 1;
    const ux = dx / len;
    const uy = dy / len;
    const reach = cap.ry * 0.42 * radial;
    const w = cap.ry * 0.2;
    const base: Point[] = [
      [p.x - uy * w - ux * cap.ry * 0.15, p.y + ux * w - uy * cap.ry * 0.15],
      [p.x + ux * reach, p.y + uy * reach],
      [p.x + uy * w - ux * cap.ry * 0.15, p.y - ux * w - uy * cap.ry * 0.15],
    ];
    out.push(polygon(base));
  }
  return out;
}

export function headItems(c: PaintedCharacter, sk: Skeleton, t: Turn, light: Light, ink: Ink): Item[] {
  const items: Item[] = [];
  const R = sk.headR;
  const head: Oval = { cx: 0, cy: sk.headY, rx: sk.headRx, ry: R };
  const vol = c.hair.volume;
  const cap: Oval = { cx: 0, cy: sk.headY - R * (vol - 1) * 0.7, rx: sk.headRx * vol, ry: R * vol };
  const depth = c.shading.depth;
  const hairShadow = shadowOf(c.hair.colour, depth);
  const style = c.hair.style;

  if (style === 'long') items.push(longHair(c, sk, cap, t, light, ink));
  if (style === 'ponytail') items.push(ponytail(c, cap, t, light, ink));

  const ops: Op[] = [];
  const oval = ovalShape(head);
  const noseLevel = (c.face.eyeLevel + c.face.mouthLevel) / 2;
  const skull: Shape[] = [oval];
  if (Math.abs(t.s) > 0.45 && t.c > -0.25) {
    const edge = head.rx * Math.sqrt(1 - noseLevel * noseLevel) * Math.sign(t.s) * Math.min(1, Math.abs(t.s) * 1.05);
    skull.push(circle(edge + Math.sign(t.s) * R * 0.02, head.cy - R * noseLevel, R * 0.095));
  }
  const skin = union(...skull);

  const ears = [1, -1].map((side) => {
    const p = onOval(head, t, (side * Math.PI) / 2, -0.02);
    const shape = ellipse(p.x * 0.97, p.y + R * 0.04, R * (0.09 + 0.12 * Math.abs(t.s)), R * 0.2);
    const inner = ellipse(p.x * 0.97, p.y + R * 0.05, R * 0.05 * Math.abs(t.s), R * 0.11);
    return { facing: p.facing, shape, inner };
  });
  const earOps = (front: boolean): Op[] =>
    ears
      .filter((e) => (front ? e.facing > 0.3 : e.facing <= 0.3 && e.facing > -0.6))
      .flatMap((e) => [
        ...inked(e.shape, c.skin, ink),
        ...(front && Math.abs(t.s) > 0.4 ? [{ shape: e.inner, colour: skinShadow(skinShadow(c.skin)) }] : []),
      ]);

  ops.push(...earOps(false));
  ops.push(...inked(skin, c.skin, ink));
  ops.push({ shape: intersect(skin, litShadow(head, light, 0.02)), colour: skinShadow(c.skin) });
  if (!EARS_SHOW.has(style)) ops.push(...earOps(true));
  ops.push(...face(c, head, t, oval, ink));

  const hairParts: Shape[] = [hairCap(c, cap, t)];
  if (style === 'spiky') hairParts.push(...spikes(c, cap, t));
  if (style === 'bun') {
    const p = onOval(cap, t, Math.PI, 0.85);
    hairParts.push(circle(p.x, p.y - cap.ry * 0.18, cap.ry * 0.36));
  }
  const hair = union(...hairParts);
  ops.push(...inked(hair, c.hair.colour, ink));
  ops.push({ shape: intersect(hair, litShadow(cap, light, 0.1)), colour: hairShadow });
  // A glossy arc on the crown, on the lit side.
  const shine = { cx: cap.cx + (light.x < 0 ? -1 : 1) * cap.rx * 0.25, cy: cap.cy - cap.ry * 0.5 };
  const arc = subtract(
    ellipse(shine.cx, shine.cy, cap.rx * 0.42, cap.ry * 0.2),
    ellipse(shine.cx, shine.cy + cap.ry * 0.09, cap.rx * 0.4, cap.ry * 0.17),
  );
  ops.push({ shape: intersect(hair, arc), colour: lighten(c.hair.colour, 0.35), alpha: 0.7 });
  if (EARS_SHOW.has(style)) ops.push(...earOps(true));
  if (c.hat) ops.push(...hat(c, cap, t, light, ink, union(skin, hair)));
  items.push({ key: 0.5, ops });
  return items;
}

function face(c: PaintedCharacter, head: Oval, t: Turn, oval: Shape, ink: Ink): Op[] {
  const ops: Op[] = [];
  const R = head.ry;
  const f = c.face;
  const clip = (s: Shape) => intersect(s, oval);
  const dark: Rgb = ink.width > 0 ? ink.colour : [34, 26, 34];
  const gaze = t.s * 0.25;
  const ew = R * 0.13 * f.eyeSize;
  for (const side of [1, -1]) {
    const az = side * f.eyeSpacing;
    const el = Math.asin(f.eyeLevel);
    const p = onOval(head, t, az, el);
    if (p.facing < 0.15) continue;
    const fs = Math.min(1, p.facing / (Math.cos(az) * Math.cos(el)));
    const w = ew * (0.25 + 0.75 * fs);
    if (f.eyes === 'bead') {
      const h = ew * 1.35;
      ops.push({ shape: clip(ellipse(p.x, p.y, w, h)), colour: dark });
      ops.push({ shape: clip(circle(p.x - w * 0.3 + gaze * w, p.y - h * 0.4, ew * 0.32)), colour: [255, 255, 255] });
    } else if (f.eyes === 'anime') {
      const h = ew * 1.5;
      ops.push({ shape: clip(ellipse(p.x, p.y, w * 1.2 + R * 0.02, h * 1.08 + R * 0.02)), colour: dark });
      ops.push({ shape: clip(ellipse(p.x, p.y, w * 1.2, h * 1.08)), colour: [252, 252, 250] });
      const ix = p.x + gaze * w;
      ops.push({ shape: clip(intersect(ellipse(ix, p.y + h * 0.08, w * 0.85, h), oval)), colour: f.eyeColour });
      ops.push({ shape: clip(ellipse(ix, p.y + h * 0.12, w * 0.42, h * 0.5)), colour: darken(f.eyeColour, 0.6) });
      ops.push({ shape: clip(circle(ix - w * 0.35, p.y - h * 0.35, ew * 0.3)), colour: [255, 255, 255] });
      ops.push({
        shape: clip(capsule(p.x - w * 1.25, p.y - h * 0.85, p.x + w * 1.25, p.y - h * 1.0, R * 0.035)),
        colour: dark,
      });
    } else {
      ops.push({ shape: clip(ellipse(p.x, p.y, w * 1.15 + R * 0.02, ew * 1.15 + R * 0.02)), colour: dark });
      ops.push({ shape: clip(ellipse(p.x, p.y, w * 1.15, ew * 1.15)), colour: [252, 252, 250] });
      ops.push({ shape: clip(ellipse(p.x + gaze * w * 1.4, p.y + ew * 0.1, w * 0.55, ew * 0.6)), colour: dark });
    }
    if (f.brows) {
      const by = p.y - ew * 1.9 - R * 0.06;
      const tilt = side * R * 0.03;
      ops.push({
        shape: clip(capsule(p.x - w * 1.1, by + tilt, p.x + w * 1.1, by - tilt, R * 0.03)),
        colour: darken(c.hair.colour, 0.4),
      });
    }
    if (f.blush) {
      const b = onOval(head, t, side * (f.eyeSpacing + 0.15), el - 0.32);
      if (b.facing > 0.25) {
        ops.push({
          shape: clip(ellipse(b.x, b.y, R * 0.13 * Math.min(1, b.facing * 1.2), R * 0.065)),
          colour: [250, 110, 120],
          alpha: 0.4,
        });
      }
    }
  }
  const nose = onOval(head, t, 0, Math.asin((f.eyeLevel + f.mouthLevel) / 2));
  if (nose.facing > 0.4) {
    ops.push({ shape: clip(ellipse(nose.x, nose.y, R * 0.035, R * 0.028)), colour: shadowOf(c.skin, 0.72), alpha: 0.85 });
  }
  const m = onOval(head, t, 0, Math.asin(f.mouthLevel));
  if (m.facing > 0.3) {
    const fs = Math.min(1, m.facing / Math.cos(Math.asin(f.mouthLevel)));
    const mw = R * 0.15 * (0.35 + 0.65 * fs);
    const lips: Rgb = [128, 40, 52];
    if (f.mouth === 'smile') {
      ops.push({ shape: clip(intersect(ellipse(m.x, m.y, mw, R * 0.1), halfPlane(m.x, m.y, 0, 1))), colour: lips });
    } else if (f.mouth === 'line') {
      ops.push({ shape: clip(capsule(m.x - mw * 0.8, m.y, m.x + mw * 0.8, m.y + R * 0.01, R * 0.022)), colour: dark });
    } else {
      const mouth = ellipse(m.x, m.y + R * 0.02, mw * 0.7, R * 0.085);
      ops.push({ shape: clip(mouth), colour: lips });
      ops.push({ shape: clip(intersect(mouth, band(m.y + R * 0.05, m.y + R * 0.2))), colour: [236, 120, 130] });
    }
  }
  return ops;
}

function longHair(c: PaintedCharacter, sk: Skeleton, cap: Oval, t: Turn, light: Light, ink: Ink): Item {
  const zc = -cap.ry * 0.45;
  const thick = cap.ry * 0.3;
  const [x, z] = flatten(t, 0, zc);
  const top = cap.cy;
  const bottom = sk.shoulderY + (sk.waistY - sk.shoulderY + 0.05) * (0.35 + 0.85 * c.hair.length);
  const wTop = halfWidth(t, cap.rx * 0.92, thick);
  const wBottom = halfWidth(t, cap.rx * 0.72, thick * 0.8);
  const body = slab(x, top, wTop, bottom, wBottom, Math.min(wBottom * 0.6, cap.ry * 0.3));
  // Rounded locks along the bottom edge keep the sheet from reading as a cape.
  const lockR = wBottom / 3;
  const locks = [-2, 0, 2].map((k) => circle(x + (k * wBottom) / 3, bottom - lockR * 0.4, lockR * 1.02));
  const shape = union(body, ...locks);
  const ops = inked(shape, c.hair.colour, ink);
  const edge = shadowEdge(t, cap.rx * 0.9, thick, light);
  if (edge) {
    const sh = shadeBeyond(shape, x + edge.side * edge.fraction * wTop, top, x + edge.side * edge.fraction * wBottom, bottom, 0, edge.side);
    ops.push({ shape: sh, colour: shadowOf(c.hair.colour, c.shading.depth) });
  }
  return { key: z, ops };
}

function ponytail(c: PaintedCharacter, cap: Oval, t: Turn, light: Light, ink: Ink): Item {
  const el = 0.3;
  const [ax, az] = flatten(t, 0, -Math.cos(el) * cap.ry);
  const ay = cap.cy - Math.sin(el) * cap.ry;
  const [mx] = flatten(t, 0, -cap.ry * 1.3);
  const my = cap.cy + cap.ry * 0.55;
  const [ex] = flatten(t, 0, -cap.ry * 1.25);
  const ey = cap.cy + cap.ry * (1.5 + c.hair.length * 0.6);
  const tail = union(capsule(ax, ay, mx, my, cap.ry * 0.28, cap.ry * 0.24), capsule(mx, my, ex, ey, cap.ry * 0.24, cap.ry * 0.1));
  const ops = inked(tail, c.hair.colour, ink);
  const edge = shadowEdge(t, cap.ry * 0.25, cap.ry * 0.25, light);
  if (edge)
    ops.push({
      shape: shadeBeyond(tail, ax, ay, ex, ey, edge.fraction * cap.ry * 0.2, edge.side),
      colour: shadowOf(c.hair.colour, c.shading.depth),
    });
  ops.push(...inked(circle(ax, ay, cap.ry * 0.14), c.top.trim, ink));
  return { key: az, ops };
}

function hat(c: PaintedCharacter, cap: Oval, t: Turn, light: Light, ink: Ink, headAndHair: Shape): Op[] {
  const h = c.hat;
  if (!h) return [];
  const ops: Op[] = [];
  const shade = shadowOf(h.colour, c.shading.depth);
  const { cx, cy, rx, ry } = cap;
  if (h.kind === 'beanie') {
    const domeOval: Oval = { cx, cy: cy - ry * 0.02, rx: rx * 1.05, ry: ry * 1.06 };
    const dome = intersect(ovalShape(domeOval), halfPlane(cx, cy - ry * 0.15, 0, -1));
    const cuff = slab(cx, cy - ry * 0.36, rx * 1.07, cy - ry * 0.04, rx * 1.08, ry * 0.08);
    const pom = circle(cx, cy - ry * 1.2, ry * 0.2);
    ops.push(...inked(pom, h.band, ink), ...inked(dome, h.colour, ink));
    ops.push({ shape: intersect(dome, litShadow(domeOval, light, 0.1)), colour: shade });
    ops.push(...inked(cuff, mixRgb(h.colour, h.band, 0.5), ink));
  } else if (h.kind === 'brim') {
    const brimY = cy - ry * 0.42;
    const brim = ellipse(cx, brimY, rx * 1.75, ry * 0.3);
    const crown = slab(cx, cy - ry * 1.45, rx * 0.7, brimY + ry * 0.05, rx * 0.84, ry * 0.12);
    ops.push(...inked(brim, h.colour, ink));
    ops.push({ shape: intersect(brim, halfPlane(cx, brimY + ry * 0.08, 0, 1)), colour: shade });
    ops.push(...inked(crown, h.colour, ink));
    const edge = shadowEdge(t, rx * 0.8, rx * 0.8, light);
    if (edge) ops.push({ shape: shadeBeyond(crown, cx, cy - ry * 1.45, cx, brimY, edge.fraction * rx * 0.75, edge.side), colour: shade });
    ops.push({ shape: intersect(crown, band(brimY - ry * 0.24, brimY - ry * 0.02)), colour: h.band });
  } else {
    const domeOval: Oval = { cx, cy: cy - ry * 0.05, rx: rx * 1.04, ry: ry * 1.02 };
    const dome = intersect(ovalShape(domeOval), halfPlane(cx, cy - ry * 0.2, 0, -1));
    const vy = cy - ry * 0.2;
    const visorOval = ellipse(cx + rx * 0.92 * t.s, vy, rx * (0.62 * Math.abs(t.c) + 0.72 * Math.abs(t.s)), ry * 0.13);
    const behind = t.c < 0;
    const visor = behind ? subtract(visorOval, headAndHair) : visorOval;
    if (behind) ops.push(...inked(visor, darken(h.colour, 0.1), ink));
    ops.push(...inked(dome, h.colour, ink));
    ops.push({ shape: intersect(dome, litShadow(domeOval, light, 0.1)), colour: shade });
    ops.push({ shape: circle(cx, cy - ry * 1.04, ry * 0.09), colour: h.band });
    if (!behind) ops.push(...inked(visor, darken(h.colour, 0.1), ink));
  }
  return ops;
}
