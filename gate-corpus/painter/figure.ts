/** Builds the draw list for one character at one angle: body parts sorted back to front, in figure units. */
import type { PaintedCharacter } from './character';
import { headItems, skinShadow } from './head';
import { darken, lighten, shadowOf } from './palette';
import type { Random } from './random';
import type { Rgb } from './raster';
import { band, capsule, circle, ellipse, grow, intersect, roundedPolygon, slab, union, type Shape } from './shapes';
import { skeletonOf, type Skeleton } from './skeleton';
import {
  flatten,
  halfWidth,
  inked,
  lightFrom,
  shadeBeyond,
  shadowEdge,
  turnOf,
  type Ink,
  type Item,
  type Light,
  type Op,
  type Turn,
} from './space';

/** Per-image variation that does not change who the character is. */
export interface Pose {
  /** Arm swing, -1..1 (left arm forward when positive). */
  readonly swing: number;
  /** How far the arms hang away from the body, radians. */
  readonly spread: number;
  /** Extra sideways foot placement, figure units. */
  readonly stance: number;
}

export function randomPose(rng: Random): Pose {
  return { swing: rng.range(-0.35, 0.35), spread: rng.range(0.08, 0.2), stance: rng.range(0, 0.016) };
}

interface Ctx {
  readonly c: PaintedCharacter;
  readonly sk: Skeleton;
  readonly t: Turn;
  readonly light: Light;
  readonly ink: Ink;
  readonly pose: Pose;
}

export function figureOps(c: PaintedCharacter, angleDeg: number, pose: Pose): Op[] {
  const ctx: Ctx = {
    c,
    sk: skeletonOf(c),
    t: turnOf(angleDeg),
    light: lightFrom(c.shading.fromLeft, c.shading.azimuth),
    ink: { width: c.outline.width, colour: c.outline.colour },
    pose,
  };
  const items: Item[] = [
    ...[1, -1].map((side) => legItem(ctx, side)),
    ...[1, -1].map((side) => armItem(ctx, side)),
    bodyItem(ctx),
    ...accessoryItems(ctx),
    ...headItems(c, ctx.sk, ctx.t, ctx.light, ctx.ink),
  ];
  items.sort((a, b) => a.key - b.key);
  const floor: Op = {
    shape: ellipse(0, 1 - 0.004, Math.max(ctx.sk.hipX * 2.6, 0.15), 0.026),
    colour: [16, 14, 24],
    alpha: 0.2,
    soft: 0.02,
  };
  return [floor, ...items.flatMap((item) => item.ops)];
}

function shade(ctx: Ctx, colour: Rgb): Rgb {
  return colour === ctx.c.skin ? skinShadow(colour) : shadowOf(colour, ctx.c.shading.depth);
}

/** Torso outline at this angle: a sloped-shoulder chest over a lower part ending at `hemY`. */
function torsoShape(ctx: Ctx, hemY: number, hemHalf: number): { shape: Shape; chestHalf: number; hemHalf: number } {
  const { sk, t } = ctx;
  const pS = halfWidth(t, sk.shoulder, sk.depth);
  const pW = halfWidth(t, sk.waist, sk.depth * 0.95);
  const pHem = halfWidth(t, hemHalf, sk.depth * 1.05);
  const r = sk.armR * 0.6;
  const slope = Math.min(0.04, (sk.waistY - sk.shoulderY) * 0.3);
  const chest = roundedPolygon(
    [
      [-pS * 0.5, sk.shoulderY - 0.004],
      [pS * 0.5, sk.shoulderY - 0.004],
      [pS, sk.shoulderY + slope],
      [pW, sk.waistY],
      [-pW, sk.waistY],
      [-pS, sk.shoulderY + slope],
    ],
    r,
  );
  const lower = slab(0, sk.waistY - 0.01, pW, hemY, pHem, r);
  return { shape: union(chest, lower), chestHalf: pS, hemHalf: pHem };
}

function bodyItem(ctx: Ctx): Item {
  const { c, sk, t, light, ink } = ctx;
  const ops: Op[] = [];
  const neck = capsule(0, sk.headY + sk.headR * 0.5, 0, sk.shoulderY + 0.012, sk.headR * 0.2);
  ops.push(...inked(neck, skinShadow(c.skin), ink));

  const kind = c.bottom.kind;
  const pW = halfWidth(t, sk.waist, sk.depth * 0.95);
  const pH = halfWidth(t, sk.hip, sk.depth * 1.02);
  if (kind === 'trousers' || kind === 'shorts') {
    const pelvis = slab(0, sk.waistY, pW, sk.hipY + sk.legR * 0.5, pH, sk.legR * 0.6);
    ops.push(...inked(pelvis, c.bottom.colour, ink));
  }
  let skirt: Shape | null = null;
  if (kind === 'skirt' || kind === 'dress') {
    const hemY = sk.hipY + sk.legLength * (kind === 'dress' ? 0.38 + 0.25 * c.bottom.length : 0.2 + 0.18 * c.bottom.length);
    const top = halfWidth(t, sk.waist * 1.04, sk.depth);
    const bottom = halfWidth(t, sk.hip * 1.5, sk.depth * 1.6);
    skirt = slab(0, sk.waistY - 0.005, top, hemY, bottom, 0.012);
    ops.push(...inked(skirt, c.bottom.colour, ink));
    const edge = shadowEdge(t, sk.hip * 1.5, sk.depth * 1.6, light);
    if (edge) {
      const sx = edge.side * edge.fraction;
      ops.push({ shape: shadeBeyond(skirt, sx * top, sk.waistY, sx * bottom, hemY, 0, edge.side), colour: shade(ctx, c.bottom.colour) });
    }
    ops.push({ shape: intersect(skirt, band(hemY - 0.016, hemY + 0.01)), colour: c.top.trim });
  }

  const topKind = c.top.kind;
  const hemY = topKind === 'jacket' ? sk.hipY + 0.02 : topKind === 'tunic' ? sk.hipY + 0.045 : sk.hipY - 0.004;
  const hemHalf = topKind === 'jacket' ? sk.hip * 1.06 : topKind === 'tunic' ? sk.hip * 1.14 : sk.hip * 0.98;
  const torso = torsoShape(ctx, hemY, hemHalf);
  ops.push(...inked(torso.shape, c.top.colour, ink));
  const edge = shadowEdge(t, sk.shoulder, sk.depth, light);
  if (edge) {
    const sx = edge.side * edge.fraction;
    ops.push({
      shape: shadeBeyond(torso.shape, sx * torso.chestHalf, sk.shoulderY, sx * torso.hemHalf, hemY, 0, edge.side),
      colour: shade(ctx, c.top.colour),
    });
  }

  ops.push(...chestFront(ctx, torso.shape, hemY));
  const [frontX] = flatten(t, 0, sk.depth);
  const facing = t.c;
  const clip = (s: Shape) => intersect(s, torso.shape);
  if (c.belt) {
    const y = sk.waistY + 0.014;
    const around = union(torso.shape, ...(skirt ? [skirt] : []));
    if (ink.width > 0) ops.push({ shape: intersect(around, band(y - 0.011 - ink.width, y + 0.011 + ink.width)), colour: ink.colour });
    ops.push({ shape: intersect(around, band(y - 0.011, y + 0.011)), colour: c.belt });
    if (facing > 0.15) {
      const bw = 0.008 + 0.008 * facing;
      ops.push(
        ...inked(slab(frontX * 0.97, y - 0.013, bw, y + 0.013, bw, 0.003), [232, 192, 84], {
          width: Math.min(ink.width, 0.003),
          colour: ink.colour,
        }),
      );
    }
  }
  if (c.scarf) {
    const pS = torso.chestHalf;
    const wrap = capsule(-pS * 0.6, sk.shoulderY + 0.008, pS * 0.6, sk.shoulderY + 0.012, 0.022);
    ops.push(...inked(wrap, c.scarf.colour, ink));
    ops.push({ shape: intersect(wrap, band(sk.shoulderY + 0.014, 1)), colour: shade(ctx, c.scarf.colour) });
  }
  if (c.backpack) {
    for (const side of [1, -1]) {
      const [x0, z0] = flatten(t, side * sk.shoulder * 0.48, sk.depth);
      const [x1] = flatten(t, side * sk.shoulder * 0.55, sk.depth * 0.95);
      if (z0 < 0.004) continue;
      ops.push({ shape: clip(capsule(x0, sk.shoulderY, x1, sk.waistY - 0.01, 0.009)), colour: darken(c.backpack, 0.25) });
    }
  }
  return { key: 0, ops };
}

/** Openings, necklines and stripes. The chest front slides sideways and disappears as the figure turns away. */
function chestFront(ctx: Ctx, torso: Shape, hemY: number): Op[] {
  const { c, sk, t, ink } = ctx;
  const ops: Op[] = [];
  const topKind = c.top.kind;
  const [frontX] = flatten(t, 0, sk.depth);
  const facing = t.c;
  const clip = (s: Shape) => intersect(s, torso);
  const neckTop = sk.shoulderY - 0.004;
  if (topKind === 'sweater') {
    const y0 = sk.shoulderY + (sk.waistY - sk.shoulderY) * 0.42;
    ops.push({ shape: clip(band(y0, y0 + 0.028)), colour: c.top.trim });
    ops.push({ shape: clip(band(hemY - 0.02, hemY + 0.01)), colour: darken(c.top.colour, 0.15) });
  }
  if (facing > 0.12) {
    const at = (k: number) => flatten(t, k * sk.shoulder, sk.depth * Math.sqrt(1 - k * k))[0];
    if (topKind === 'jacket') {
      const v = roundedPolygon(
        [
          [at(-0.42), neckTop],
          [at(0.42), neckTop],
          [frontX, sk.shoulderY + 0.09],
        ],
        0.002,
      );
      if (ink.width > 0) ops.push({ shape: clip(intersect(v, band(neckTop - 0.01, sk.shoulderY + 0.1))), colour: ink.colour });
      ops.push({
        shape: clip(
          roundedPolygon(
            [
              [at(-0.36), neckTop - 0.01],
              [at(0.36), neckTop - 0.01],
              [frontX, sk.shoulderY + 0.08],
            ],
            0.002,
          ),
        ),
        colour: c.top.trim,
      });
      ops.push({ shape: clip(capsule(frontX, sk.shoulderY + 0.085, frontX * 1.04, hemY, 0.0032)), colour: shade(ctx, c.top.colour) });
      for (let i = 0; i < 3; i++) {
        const y = sk.shoulderY + 0.11 + ((hemY - sk.shoulderY - 0.14) * i) / 2;
        ops.push({
          shape: clip(ellipse(frontX + 0.012 * Math.sign(t.s || 1), y, 0.0065 * (0.4 + 0.6 * facing), 0.0065)),
          colour: c.top.trim,
        });
      }
    } else if (topKind === 'tunic') {
      ops.push({
        shape: clip(
          roundedPolygon(
            [
              [at(-0.3), neckTop - 0.01],
              [at(0.3), neckTop - 0.01],
              [frontX, sk.shoulderY + 0.07],
            ],
            0.002,
          ),
        ),
        colour: c.skin,
      });
    } else {
      ops.push({ shape: clip(ellipse(frontX * 0.7, neckTop, halfWidth(t, sk.shoulder * 0.42, 0.01), 0.02)), colour: c.top.trim });
    }
  }
  return ops;
}

function legItem(ctx: Ctx, side: number): Item {
  const { c, sk, t, light, ink, pose } = ctx;
  const [hx, hz] = flatten(t, side * sk.hipX, 0);
  const [ax] = flatten(t, side * (sk.hipX + pose.stance), 0);
  const hipY = sk.hipY - sk.legR * 0.3;
  const trousers = c.bottom.kind === 'trousers';
  const legR = trousers ? sk.legR * 1.1 : sk.legR;
  const leg = capsule(hx, hipY, ax, sk.ankleY, legR, legR * 0.92);
  const footLen = 0.045 + sk.legR * 0.7;
  const [fx] = flatten(t, side * (sk.hipX + pose.stance), footLen * 0.32);
  const fry = sk.footH * 0.6;
  const foot = ellipse(fx, 1 - fry, halfWidth(t, sk.legR * 1.25, footLen), fry);
  const parts: Shape[] = [leg, foot];
  const bootTop = sk.ankleY - sk.legLength * 0.36;
  const lerpX = (y: number) => hx + ((ax - hx) * (y - hipY)) / (sk.ankleY - hipY);
  const boot = capsule(lerpX(bootTop), bootTop, ax, sk.ankleY, sk.legR * 1.22);
  const thighEnd = hipY + (sk.ankleY - hipY) * 0.34;
  const shorts = capsule(hx, hipY, lerpX(thighEnd), thighEnd, sk.legR * 1.28);
  if (c.footwear.kind === 'boots') parts.push(boot);
  if (c.bottom.kind === 'shorts') parts.push(shorts);

  const ops: Op[] = [];
  if (ink.width > 0) ops.push({ shape: growUnion(parts, ink.width), colour: ink.colour });
  const legColour = trousers ? c.bottom.colour : c.skin;
  ops.push({ shape: leg, colour: legColour });
  const edge = shadowEdge(t, sk.legR, sk.legR, light);
  if (edge) ops.push({ shape: shadeBeyond(leg, hx, hipY, ax, sk.ankleY, edge.fraction * legR, edge.side), colour: shade(ctx, legColour) });
  if (c.bottom.kind === 'shorts') {
    if (ink.width > 0) ops.push({ shape: growUnion([shorts], ink.width), colour: ink.colour });
    ops.push({ shape: shorts, colour: c.bottom.colour });
    if (edge)
      ops.push({
        shape: shadeBeyond(shorts, hx, hipY, ax, thighEnd, edge.fraction * sk.legR * 1.28, edge.side),
        colour: shade(ctx, c.bottom.colour),
      });
  }
  if (c.footwear.kind === 'boots') {
    if (ink.width > 0) ops.push({ shape: growUnion([boot], ink.width), colour: ink.colour });
    ops.push({ shape: boot, colour: c.footwear.colour });
    if (edge)
      ops.push({
        shape: shadeBeyond(boot, ax, bootTop, ax, sk.ankleY, edge.fraction * sk.legR * 1.2, edge.side),
        colour: shade(ctx, c.footwear.colour),
      });
    ops.push({ shape: intersect(boot, band(bootTop - sk.legR, bootTop + 0.012)), colour: lighten(c.footwear.colour, 0.3) });
  }
  if (ink.width > 0) ops.push({ shape: growUnion([foot], ink.width), colour: ink.colour });
  ops.push({ shape: foot, colour: c.footwear.colour });
  ops.push({ shape: intersect(foot, band(1 - fry * 0.55, 1)), colour: darken(c.footwear.colour, 0.35) });
  return { key: hz - 1, ops };
}

function growUnion(parts: Shape[], w: number): Shape {
  return grow(union(...parts), w);
}

function armItem(ctx: Ctx, side: number): Item {
  const { c, sk, t, light, ink, pose } = ctx;
  const L = sk.armLength;
  const a = pose.spread;
  const shY = sk.shoulderY + sk.armR * 1.1;
  const local = {
    shoulder: [side * sk.shoulderX, shY, 0],
    elbow: [side * (sk.shoulderX + Math.sin(a) * L * 0.5), shY + Math.cos(a) * L * 0.5, -0.006 + side * pose.swing * L * 0.12],
    wrist: [side * (sk.shoulderX + Math.sin(a * 1.3) * L), shY + Math.cos(a * 1.3) * L * 0.97, side * pose.swing * L * 0.32],
  } as const;
  const p = (q: readonly [number, number, number]) => {
    const [x, z] = flatten(t, q[0], q[2]);
    return { x, y: q[1], z };
  };
  const s = p(local.shoulder);
  const e = p(local.elbow);
  const w = p(local.wrist);
  const dx = w.x - e.x;
  const dy = w.y - e.y;
  const dl = Math.hypot(dx, dy) || 1;
  const r = sk.armR;
  const hand = circle(w.x + (dx / dl) * r * 0.9, w.y + (dy / dl) * r * 0.9, r * 1.25);
  const upper = capsule(s.x, s.y, e.x, e.y, r * 1.1, r * 1.05);
  const lower = capsule(e.x, e.y, w.x, w.y, r * 1.02, r * 0.95);
  const long = c.top.sleeves === 'long';
  const sleeve = long ? union(upper, lower) : capsule(s.x, s.y, s.x + (e.x - s.x) * 0.8, s.y + (e.y - s.y) * 0.8, r * 1.25);
  const ops: Op[] = [];
  if (ink.width > 0) ops.push({ shape: growUnion([upper, lower, sleeve], ink.width), colour: ink.colour });
  const edge = shadowEdge(t, r, r, light);
  if (!long) {
    const bare = union(upper, lower);
    ops.push({ shape: bare, colour: c.skin });
    if (edge) ops.push({ shape: shadeBeyond(bare, s.x, s.y, w.x, w.y, edge.fraction * r, edge.side), colour: shade(ctx, c.skin) });
    if (ink.width > 0) ops.push({ shape: growUnion([sleeve], ink.width), colour: ink.colour });
  }
  ops.push({ shape: sleeve, colour: c.top.colour });
  if (edge)
    ops.push({ shape: shadeBeyond(sleeve, s.x, s.y, w.x, w.y, edge.fraction * r * 1.1, edge.side), colour: shade(ctx, c.top.colour) });
  if (long && c.top.kind === 'jacket') {
    ops.push({
      shape: capsule(w.x - (dx / dl) * r * 0.9, w.y - (dy / dl) * r * 0.9, w.x - (dx / dl) * r * 0.2, w.y - (dy / dl) * r * 0.2, r * 1.08),
      colour: c.top.trim,
    });
  }
  ops.push(...inked(hand, c.skin, ink));
  if (edge)
    ops.push({ shape: shadeBeyond(hand, w.x, w.y, w.x + dx, w.y + dy, edge.fraction * r * 1.25, edge.side), colour: shade(ctx, c.skin) });
  return { key: (s.z + w.z) / 2 + 0.05, ops };
}

function accessoryItems(ctx: Ctx): Item[] {
  const { c, sk, t, light, ink } = ctx;
  const items: Item[] = [];
  if (c.scarf) {
    const [x, z] = flatten(t, c.scarf.side * sk.shoulder * 0.3, sk.depth + 0.014);
    const y0 = sk.shoulderY + 0.02;
    const y1 = sk.shoulderY + (sk.waistY - sk.shoulderY) * 0.78;
    const tail = capsule(x, y0, x + c.scarf.side * 0.006, y1, 0.018, 0.021);
    const ops = inked(tail, c.scarf.colour, ink);
    ops.push({ shape: intersect(tail, band(y1 - 0.012, y1 + 0.03)), colour: lighten(c.scarf.colour, 0.35) });
    items.push({ key: z + 0.02, ops });
  }
  if (c.backpack) {
    const packD = 0.034;
    const [x, z] = flatten(t, 0, -(sk.depth + packD));
    const half = halfWidth(t, sk.shoulder * 0.72, packD);
    const y0 = sk.shoulderY + 0.025;
    const y1 = sk.waistY + 0.05;
    const pack = slab(x, y0, half, y1, half * 1.04, 0.016);
    const ops = inked(pack, c.backpack, ink);
    const edge = shadowEdge(t, sk.shoulder * 0.72, packD, light);
    if (edge)
      ops.push({
        shape: shadeBeyond(pack, x + edge.side * edge.fraction * half, y0, x + edge.side * edge.fraction * half, y1, 0, edge.side),
        colour: shade(ctx, c.backpack),
      });
    ops.push({ shape: intersect(pack, band(y0 - 0.02, y0 + (y1 - y0) * 0.3)), colour: darken(c.backpack, 0.18) });
    const [bx, bz] = flatten(t, 0, -(sk.depth + packD * 2));
    if (bz > 0.01) {
      const pw = sk.shoulder * 0.42 * Math.abs(t.c);
      ops.push(
        ...inked(slab(bx, y0 + (y1 - y0) * 0.5, pw, y1 - 0.015, pw, 0.008), lighten(c.backpack, 0.2), {
          width: ink.width * 0.6,
          colour: ink.colour,
        }),
      );
    }
    items.push({ key: z + (z > 0 ? 0.03 : 0), ops });
  }
  return items;
}
