export { lookFromReference, measureFigure, type FigureMeasurement } from './analyse';
export { CANVAS_SIZES, DEFAULT_ASPECT_RATIO, canvasFor } from './canvas';
export { colourDifference, deltaE2000, hexToRgb, rgbToHex, rgbToLab } from './colour';
export { accentFor, BACKGROUND, BAND_NAMES, offModelLook, randomLook, type BandName, type CharacterLook, type HairStyle } from './look';
export { characterSvg, renderCharacter, type RenderOptions } from './render';
