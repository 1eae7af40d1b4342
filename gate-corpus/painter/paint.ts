/** Paints a character at an angle into a PNG: fit the figure to the frame, rasterise, encode. */
import type { PaintedCharacter } from './character';
import { figureOps, randomPose } from './figure';
import { LIGHT_BACKDROPS, separateFrom } from './palette';
import { Random, mixSeed } from './random';
import { Canvas, backgroundTone, type PaintBackground, type View } from './raster';
import { boxUnion, isFiniteBox, type Box } from './shapes';

export interface PaintOptions {
  readonly width: number;
  readonly height: number;
  /** Defaults to a light plain backdrop picked from the character's seed. */
  readonly background?: PaintBackground;
  /** Varies pose and placement jitter between otherwise identical requests. */
  readonly seed?: number;
  /** Share of the frame height the figure (hat included) fills; default 0.62–0.80, seeded. */
  readonly scale?: number;
  /** Horizontal shift of the figure as a share of the frame width (margins still win). */
  readonly offsetX?: number;
}

const SIDE_MARGIN = 0.05;
const TOP_MARGIN = 0.04;

export function defaultBackground(character: PaintedCharacter): PaintBackground {
  return { kind: 'plain', colour: new Random(mixSeed(character.seed, 0xb9)).pick(LIGHT_BACKDROPS) };
}

/** The same character with its large colour areas nudged just enough to stand out from this background. */
function againstBackground(c: PaintedCharacter, bg: PaintBackground): PaintedCharacter {
  const tone = backgroundTone(bg);
  const sep = (colour: PaintedCharacter['skin']) => separateFrom(colour, tone, 1.45);
  return {
    ...c,
    hair: { ...c.hair, colour: sep(c.hair.colour) },
    top: { ...c.top, colour: sep(c.top.colour) },
    bottom: { ...c.bottom, colour: sep(c.bottom.colour) },
    footwear: { ...c.footwear, colour: sep(c.footwear.colour) },
    hat: c.hat ? { ...c.hat, colour: sep(c.hat.colour) } : null,
  };
}

function fitView(figure: Box, width: number, height: number, fill: number, shiftX: number, jitterY: number): View {
  const fw = figure.x1 - figure.x0;
  const fh = figure.y1 - figure.y0;
  let scale = (fill * height) / fh;
  scale = Math.min(scale, ((1 - 2 * SIDE_MARGIN) * width) / fw, ((1 - 2 * TOP_MARGIN) * height) / fh);
  const clamp = (v: number, lo: number, hi: number) => (lo > hi ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, v)));
  // Keep the body axis (x = 0) on the requested spot so a turnaround does not wander, unless a border is too close.
  const ox = clamp(width / 2 + shiftX * width, SIDE_MARGIN * width - figure.x0 * scale, (1 - SIDE_MARGIN) * width - figure.x1 * scale);
  const oy = clamp(
    height / 2 - ((figure.y0 + figure.y1) / 2) * scale + jitterY * height,
    TOP_MARGIN * height - figure.y0 * scale,
    (1 - TOP_MARGIN) * height - figure.y1 * scale,
  );
  return { scale, ox, oy };
}

/** Rasterises without encoding (previews and timing use it directly). */
export function paintCanvas(character: PaintedCharacter, angleDeg: number, options: PaintOptions): Canvas {
  // Framing belongs to the shot series (character + seed); pose and placement wobble a little per angle on top.
  const series = new Random(mixSeed(character.seed, options.seed ?? 0));
  const rng = new Random(mixSeed(character.seed, options.seed ?? 0, angleDeg));
  const pose = randomPose(rng);
  const fill = options.scale ?? series.range(0.64, 0.8) + rng.range(-0.02, 0.02);
  const shiftX = (options.offsetX ?? 0) + rng.range(-0.02, 0.02);
  const jitterY = rng.range(-0.015, 0.015);
  const background = options.background ?? defaultBackground(character);
  const ops = figureOps(againstBackground(character, background), angleDeg, pose);
  let figure: Box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const op of ops) if (isFiniteBox(op.shape.box)) figure = boxUnion(figure, op.shape.box);
  const view = fitView(figure, options.width, options.height, Math.min(0.95, Math.max(0.2, fill)), shiftX, jitterY);
  const canvas = new Canvas(options.width, options.height);
  canvas.fillBackground(background);
  for (const op of ops) canvas.fill(op.shape, op.colour, view, { alpha: op.alpha, soft: op.soft });
  return canvas;
}

export async function paintCharacter(character: PaintedCharacter, angleDeg: number, options: PaintOptions): Promise<Buffer> {
  return paintCanvas(character, angleDeg, options).toPng();
}
