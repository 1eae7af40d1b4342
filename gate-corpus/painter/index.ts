export { otherPaintedCharacter, randomPaintedCharacter } from './character';
export type { PaintedCharacter } from './character';
export { defaultBackground, paintCanvas, paintCharacter } from './paint';
export type { PaintOptions } from './paint';
export type { Colour, PaintBackground, Rgb } from './raster';
