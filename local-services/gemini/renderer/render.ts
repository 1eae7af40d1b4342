import sharp from 'sharp';
import { planBody } from './body-plan';
import { canvasFor, DEFAULT_ASPECT_RATIO } from './canvas';
import { figureSvg } from './figure-svg';
import { BACKGROUND, type CharacterLook } from './look';
import { createRandom, seedFrom } from './random';

export interface RenderOptions {
  /** One of the model's aspect ratios (default 3:4); ignored when width and height are given. */
  aspectRatio?: string;
  width?: number;
  height?: number;
  /** Seeds the small placement jitter: same look, angle and seed ⇒ identical bytes. */
  seed?: number;
  background?: string;
}

export function canvasOf(options: RenderOptions): { width: number; height: number } {
  if (options.width && options.height) return { width: Math.round(options.width), height: Math.round(options.height) };
  const ratio = options.aspectRatio ?? DEFAULT_ASPECT_RATIO;
  const canvas = canvasFor(ratio);
  if (!canvas) throw new Error(`unsupported aspect ratio ${ratio}`);
  return canvas;
}

export function characterSvg(look: CharacterLook, angleDeg: number, options: RenderOptions = {}): string {
  const canvas = canvasOf(options);
  const plan = planBody(look, canvas, createRandom(seedFrom('placement', options.seed ?? 0)));
  return figureSvg(look, angleDeg, canvas, plan, options.background ?? BACKGROUND);
}

/** A full-body character on a plain light background, as PNG. */
export async function renderCharacter(look: CharacterLook, angleDeg: number, options: RenderOptions = {}): Promise<Buffer> {
  return sharp(Buffer.from(characterSvg(look, angleDeg, options)))
    .png()
    .toBuffer();
}
