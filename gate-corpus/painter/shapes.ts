/**
 * Signed-distance shapes in figure units (negative inside). The rasteriser turns the distance at each pixel centre into
 * coverage, which is what gives the anti-aliasing without supersampling.
 */

export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface Shape {
  readonly box: Box;
  sdf(x: number, y: number): number;
}

export type Point = readonly [number, number];

export const EVERYWHERE: Box = { x0: -Infinity, y0: -Infinity, x1: Infinity, y1: Infinity };

export function boxUnion(a: Box, b: Box): Box {
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

export function boxIntersect(a: Box, b: Box): Box {
  return { x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) };
}

export function isFiniteBox(b: Box): boolean {
  return Number.isFinite(b.x0) && Number.isFinite(b.y0) && Number.isFinite(b.x1) && Number.isFinite(b.y1);
}

export function ellipse(cx: number, cy: number, rx: number, ry: number): Shape {
  const ax = Math.max(rx, 1e-6);
  const ay = Math.max(ry, 1e-6);
  return {
    box: { x0: cx - ax, y0: cy - ay, x1: cx + ax, y1: cy + ay },
    sdf(x, y) {
      // First-order ellipse distance: exact on circles, close enough near the rim of flattened ones.
      const px = (x - cx) / ax;
      const py = (y - cy) / ay;
      const k0 = Math.sqrt(px * px + py * py);
      const k1 = Math.sqrt((px * px) / (ax * ax) + (py * py) / (ay * ay));
      return k1 < 1e-9 ? -Math.min(ax, ay) : (k0 * (k0 - 1)) / k1;
    },
  };
}

export function circle(cx: number, cy: number, r: number): Shape {
  return {
    box: { x0: cx - r, y0: cy - r, x1: cx + r, y1: cy + r },
    sdf: (x, y) => Math.hypot(x - cx, y - cy) - r,
  };
}

/** A segment with round caps; the radius may taper from ra at A to rb at B. */
export function capsule(ax: number, ay: number, bx: number, by: number, ra: number, rb = ra): Shape {
  const ex = bx - ax;
  const ey = by - ay;
  const len2 = Math.max(ex * ex + ey * ey, 1e-12);
  const r = Math.max(ra, rb);
  return {
    box: { x0: Math.min(ax, bx) - r, y0: Math.min(ay, by) - r, x1: Math.max(ax, bx) + r, y1: Math.max(ay, by) + r },
    sdf(x, y) {
      const t = Math.min(1, Math.max(0, ((x - ax) * ex + (y - ay) * ey) / len2));
      return Math.hypot(x - ax - ex * t, y - ay - ey * t) - (ra + (rb - ra) * t);
    },
  };
}

/** Convex polygon, either winding; `round` inflates it into a rounded polygon. */
export function polygon(points: readonly Point[], round = 0): Shape {
  const n = points.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  points.forEach(([x, y], i) => {
    xs[i] = x;
    ys[i] = y;
  });
  let area = 0;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    area += xs[i]! * ys[j]! - xs[j]! * ys[i]!;
  }
  const flip = area < 0 ? -1 : 1;
  const ex = new Float64Array(n);
  const ey = new Float64Array(n);
  const nx = new Float64Array(n);
  const ny = new Float64Array(n);
  const len2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    ex[i] = xs[j]! - xs[i]!;
    ey[i] = ys[j]! - ys[i]!;
    const len = Math.max(Math.hypot(ex[i]!, ey[i]!), 1e-12);
    len2[i] = len * len;
    nx[i] = (flip * ey[i]!) / len;
    ny[i] = (-flip * ex[i]!) / len;
  }
  let box: Box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (let i = 0; i < n; i++) box = boxUnion(box, { x0: xs[i]!, y0: ys[i]!, x1: xs[i]!, y1: ys[i]! });
  box = { x0: box.x0 - round, y0: box.y0 - round, x1: box.x1 + round, y1: box.y1 + round };
  return {
    box,
    sdf(x, y) {
      let inside = -Infinity;
      let nearest = Infinity;
      for (let i = 0; i < n; i++) {
        const dx = x - xs[i]!;
        const dy = y - ys[i]!;
        const side = dx * nx[i]! + dy * ny[i]!;
        if (side > inside) inside = side;
        const t = Math.min(1, Math.max(0, (dx * ex[i]! + dy * ey[i]!) / len2[i]!));
        const qx = dx - ex[i]! * t;
        const qy = dy - ey[i]! * t;
        const d2 = qx * qx + qy * qy;
        if (d2 < nearest) nearest = d2;
      }
      return (inside <= 0 ? inside : Math.sqrt(nearest)) - round;
    },
  };
}

/** Everything on the side of the line through (px, py) that the normal (nx, ny) points to. */
export function halfPlane(px: number, py: number, nx: number, ny: number): Shape {
  const len = Math.hypot(nx, ny) || 1;
  const ux = nx / len;
  const uy = ny / len;
  return { box: EVERYWHERE, sdf: (x, y) => -((x - px) * ux + (y - py) * uy) };
}

/** Horizontal band between y0 and y1. */
export function band(y0: number, y1: number): Shape {
  const mid = (y0 + y1) / 2;
  const half = Math.abs(y1 - y0) / 2;
  return { box: { x0: -Infinity, y0: mid - half, x1: Infinity, y1: mid + half }, sdf: (_x, y) => Math.abs(y - mid) - half };
}

/** A custom field (hair masks, lighting terms); the caller promises the box bounds its inside. */
export function field(box: Box, sdf: (x: number, y: number) => number): Shape {
  return { box, sdf };
}

export function union(...shapes: Shape[]): Shape {
  if (shapes.length === 1 && shapes[0]) return shapes[0];
  const box = shapes.reduce<Box>((b, s) => boxUnion(b, s.box), { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity });
  return {
    box,
    sdf(x, y) {
      let d = Infinity;
      for (const s of shapes) {
        const b = s.box;
        // Skipping far-away members keeps unions cheap; their distance is at least the gap to their box.
        if (x < b.x0 - 0.05 || x > b.x1 + 0.05 || y < b.y0 - 0.05 || y > b.y1 + 0.05) {
          const gap = Math.max(b.x0 - x, x - b.x1, b.y0 - y, y - b.y1);
          if (gap < d) d = gap;
          continue;
        }
        const v = s.sdf(x, y);
        if (v < d) d = v;
      }
      return d;
    },
  };
}

export function intersect(a: Shape, b: Shape): Shape {
  return { box: boxIntersect(a.box, b.box), sdf: (x, y) => Math.max(a.sdf(x, y), b.sdf(x, y)) };
}

export function subtract(a: Shape, b: Shape): Shape {
  return { box: a.box, sdf: (x, y) => Math.max(a.sdf(x, y), -b.sdf(x, y)) };
}

export function grow(s: Shape, d: number): Shape {
  const b = s.box;
  return { box: { x0: b.x0 - d, y0: b.y0 - d, x1: b.x1 + d, y1: b.y1 + d }, sdf: (x, y) => s.sdf(x, y) - d };
}

/** A convex polygon whose outer boundary follows `points`, with corners rounded by `r`. */
export function roundedPolygon(points: readonly Point[], r: number): Shape {
  const n = points.length;
  if (r <= 0 || n < 3) return polygon(points);
  let area = 0;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = points[i]!;
    const [bx, by] = points[(i + 1) % n]!;
    area += ax * by - bx * ay;
  }
  const flip = area < 0 ? -1 : 1;
  // Offset every edge inwards by r; the new corners are where neighbouring offset edges meet.
  const lines = points.map(([ax, ay], i) => {
    const [bx, by] = points[(i + 1) % n]!;
    const len = Math.hypot(bx - ax, by - ay) || 1;
    const nx = (flip * (by - ay)) / len;
    const ny = (-flip * (bx - ax)) / len;
    return { px: ax - nx * r, py: ay - ny * r, dx: bx - ax, dy: by - ay };
  });
  const inner: Point[] = [];
  for (let i = 0; i < n; i++) {
    const a = lines[(i + n - 1) % n]!;
    const b = lines[i]!;
    const den = a.dx * b.dy - a.dy * b.dx;
    if (Math.abs(den) < 1e-12) {
      inner.push([b.px, b.py]);
      continue;
    }
    const u = ((b.px - a.px) * b.dy - (b.py - a.py) * b.dx) / den;
    inner.push([a.px + a.dx * u, a.py + a.dy * u]);
  }
  return polygon(inner, r);
}

/** A rounded trapezoid centred on x = cx, from y0 (half-width w0) down to y1 (half-width w1). */
export function slab(cx: number, y0: number, w0: number, y1: number, w1: number, r: number): Shape {
  const rr = Math.max(0, Math.min(r, w0 * 0.95, w1 * 0.95, Math.abs(y1 - y0) * 0.45));
  return roundedPolygon(
    [
      [cx - w0, y0],
      [cx + w0, y0],
      [cx + w1, y1],
      [cx - w1, y1],
    ],
    rr,
  );
}
