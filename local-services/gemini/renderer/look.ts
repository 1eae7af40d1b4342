import { colourDifference, hexToHsl, hexToRgb, hslToHex, rgbDistance } from './colour';
import { createRandom, seedFrom, type Random } from './random';

export const BAND_NAMES = ['hair', 'skin', 'top', 'bottom', 'shoes'] as const;
export type BandName = (typeof BAND_NAMES)[number];

export type HairStyle = 'short' | 'long';

/** What makes a character recognisable to the renderer: a palette, a hair style and body proportions. */
export interface CharacterLook {
  colours: Record<BandName, string> & { accent: string };
  hairStyle: HairStyle;
  proportions: {
    /** Front-view subject height over width, arms included (about 2.4–3.8 for adult figures). */
    heightToWidth: number;
    /** Top of the head to the chin, as a fraction of the subject height. */
    headFraction: number;
  };
}

export const BACKGROUND = '#efede8';

const HAIR = ['#1c1a1a', '#3b2417', '#6b4226', '#8d3b1f', '#c9a25c', '#b5561f', '#8a8a8a', '#2f4f9e', '#c2417f'];
const SKIN = ['#edc8ac', '#e3b08e', '#d09a73', '#b07a52', '#8a5a3a', '#5e3b26'];
const BOTTOMS = ['#1f2f4a', '#2b2b2e', '#4a4f57', '#7a6a4f', '#3d4f2f', '#5a2e2e'];
const SHOES = ['#1a1a1a', '#5a3a22', '#7d1f1f', '#2b3f66', '#6e6e6e'];

/** Every colour must stand clear of the backdrop, or the figure could not be found again in its own picture. */
const MIN_DISTANCE_FROM_BACKGROUND = 70;

function jitter(hex: string, random: Random, amount = 1): string {
  const { h, s, l } = hexToHsl(hex);
  return hslToHex(
    h + random.range(-6, 6) * amount,
    clamp(s + random.range(-0.05, 0.05) * amount, 0, 1),
    clamp(l + random.range(-0.03, 0.03) * amount, 0.05, 0.9),
  );
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

function standsOut(hex: string): boolean {
  return rgbDistance(hexToRgb(hex), hexToRgb(BACKGROUND)) >= MIN_DISTANCE_FROM_BACKGROUND;
}

function pickDistinct(random: Random, make: () => string, others: string[], minDelta: number): string {
  let candidate = make();
  for (let tries = 0; tries < 40; tries += 1) {
    if (standsOut(candidate) && others.every((other) => colourDifference(candidate, other) >= minDelta)) return candidate;
    candidate = make();
  }
  return candidate;
}

/** The accent (bag, emblem) cannot be read from a reference, so it is derived from the colours that can. */
export function accentFor(colours: Record<BandName, string>): string {
  const random = createRandom(seedFrom('accent', ...BAND_NAMES.map((band) => colours[band])));
  const { h } = hexToHsl(colours.top);
  return hslToHex(h + random.range(150, 210), 0.7, random.range(0.4, 0.55));
}

export function randomLook(seed: number): CharacterLook {
  const random = createRandom(seedFrom('look', seed));
  const hair = pickDistinct(random, () => jitter(random.pick(HAIR), random), [], 0);
  const skin = pickDistinct(random, () => jitter(random.pick(SKIN), random, 0.5), [hair], 14);
  const top = pickDistinct(
    random,
    () => hslToHex(random.range(0, 360), random.range(0.45, 0.8), random.range(0.28, 0.52)),
    [hair, skin],
    16,
  );
  const bottom = pickDistinct(random, () => jitter(random.pick(BOTTOMS), random), [top, skin], 16);
  const shoes = pickDistinct(random, () => jitter(random.pick(SHOES), random), [bottom], 10);
  const colours = { hair, skin, top, bottom, shoes };
  return {
    colours: { ...colours, accent: accentFor(colours) },
    hairStyle: random.pick(['short', 'long'] as const),
    proportions: { heightToWidth: random.range(2.7, 3.5), headFraction: random.range(0.13, 0.19) },
  };
}

/** The colour from `options` that differs most from `original`. */
function farthest(original: string, options: string[]): string {
  return options.reduce((best, option) => (colourDifference(option, original) > colourDifference(best, original) ? option : best));
}

function opposite(hex: string): string {
  const { h, s, l } = hexToHsl(hex);
  const flipped = hslToHex(h + 180, clamp(Math.max(s, 0.45), 0, 0.85), clamp(1 - l, 0.22, 0.62));
  return standsOut(flipped) ? flipped : hslToHex(h + 180, 0.6, 0.3);
}

/**
 * A clearly different character for the `off_model` fault: every colour moved far away, the other hair style, and
 * other proportions, as when an image model drifts to someone else.
 */
export function offModelLook(look: CharacterLook): CharacterLook {
  const { heightToWidth, headFraction } = look.proportions;
  const colours = {
    hair: farthest(look.colours.hair, HAIR),
    skin: farthest(look.colours.skin, SKIN),
    top: opposite(look.colours.top),
    bottom: opposite(look.colours.bottom),
    shoes: farthest(look.colours.shoes, SHOES),
  };
  return {
    colours: { ...colours, accent: accentFor(colours) },
    hairStyle: look.hairStyle === 'long' ? 'short' : 'long',
    proportions: {
      heightToWidth: clamp(heightToWidth > 3.1 ? heightToWidth * 0.76 : heightToWidth * 1.25, 2.1, 4.4),
      headFraction: clamp(headFraction > 0.16 ? headFraction * 0.74 : headFraction * 1.32, 0.1, 0.27),
    },
  };
}
