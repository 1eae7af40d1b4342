import { paintCharacter, randomPaintedCharacter } from './painter';
import { randomLook, renderCharacter } from '../local-services/gemini/renderer';

/**
 * The drawing methods the gate is tested on. They share no code: the image-model stand-in's SVG figure, and the
 * painter (gate-corpus/painter), a raster figure with other proportions, outlines, shading and backdrops. A third
 * family is made by transforming their pictures (re-framed, re-scaled, re-encoded; see transforms.ts).
 */
export interface DrawingMethod {
  id: 'stand-in' | 'painter';
  /** The character `character` (a seed) at `angle`, on a plain backdrop of the given colour. */
  draw(character: number, angle: number, frame: Frame, seed: number, backdrop: string): Promise<Buffer>;
}

export interface Frame {
  width: number;
  height: number;
}

export const STAND_IN: DrawingMethod = {
  id: 'stand-in',
  draw: (character, angle, frame, seed, backdrop) =>
    renderCharacter(randomLook(character), angle, { width: frame.width, height: frame.height, seed, background: backdrop }),
};

export const PAINTER: DrawingMethod = {
  id: 'painter',
  draw: (character, angle, frame, seed, backdrop) =>
    paintCharacter(randomPaintedCharacter(character), angle, {
      width: frame.width,
      height: frame.height,
      seed,
      background: { kind: 'plain', colour: backdrop },
    }),
};

export const DRAWING_METHODS: DrawingMethod[] = [STAND_IN, PAINTER];
