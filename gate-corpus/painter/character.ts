/** What a painted character looks like: every choice is made up front so that each angle paints the same person. */
import { CLOTH_COLOURS, EYE_COLOURS, HAIR_COLOURS, OUTLINE_COLOURS, SKIN_TONES, colourDistance, darken, lighten } from './palette';
import { Random, mixSeed } from './random';
import type { Rgb } from './raster';

export type HairStyle = 'short' | 'spiky' | 'bob' | 'long' | 'ponytail' | 'bun';
export type Fringe = 'straight' | 'swept' | 'zigzag' | 'parted';
export type EyeStyle = 'bead' | 'anime' | 'button';
export type MouthStyle = 'smile' | 'line' | 'open';
export type TopKind = 'jacket' | 'sweater' | 'tunic';
export type BottomKind = 'trousers' | 'shorts' | 'skirt' | 'dress';
export type FootwearKind = 'boots' | 'shoes';
export type HatKind = 'beanie' | 'brim' | 'cap';

export interface PaintedCharacter {
  readonly seed: number;
  /** Proportions in figure units (top of head to soles = 1) unless noted. */
  readonly body: {
    /** Head height over figure height, 0.20–0.33 (chibi to cartoon). */
    readonly headRatio: number;
    /** Head width over head height. */
    readonly headWidth: number;
    readonly neck: number;
    /** Share of the height below the shoulders that is leg. */
    readonly legShare: number;
    /** Half-width of the shoulders. */
    readonly shoulder: number;
    /** Waist and hip half-widths as multiples of the shoulder. */
    readonly waist: number;
    readonly hip: number;
    /** Chest half-depth as a multiple of the shoulder. */
    readonly depth: number;
    /** Arm radius; legs are `legs` times thicker. */
    readonly limb: number;
    readonly legs: number;
  };
  readonly skin: Rgb;
  readonly hair: {
    readonly style: HairStyle;
    readonly fringe: Fringe;
    readonly colour: Rgb;
    /** How far the hair stands off the skull, 1.06–1.18. */
    readonly volume: number;
    /** Height of the fringe on the face, in head radii above the head centre. */
    readonly fringeHeight: number;
    /** Parting or sweep position/direction, -1..1. */
    readonly part: number;
    /** Long hair length: where it ends, 0 = shoulders, 1 = waist. */
    readonly length: number;
  };
  readonly face: {
    readonly eyes: EyeStyle;
    readonly eyeColour: Rgb;
    readonly eyeSize: number;
    /** Half the angle between the eyes on the skull, radians. */
    readonly eyeSpacing: number;
    /** Eye height on the skull (sine of elevation; negative is below the centre). */
    readonly eyeLevel: number;
    readonly mouth: MouthStyle;
    readonly mouthLevel: number;
    readonly blush: boolean;
    readonly brows: boolean;
  };
  readonly top: { readonly kind: TopKind; readonly colour: Rgb; readonly trim: Rgb; readonly sleeves: 'long' | 'short' };
  readonly bottom: { readonly kind: BottomKind; readonly colour: Rgb; readonly length: number };
  readonly footwear: { readonly kind: FootwearKind; readonly colour: Rgb };
  readonly scarf: { readonly colour: Rgb; readonly side: 1 | -1 } | null;
  readonly belt: Rgb | null;
  readonly backpack: Rgb | null;
  readonly hat: { readonly kind: HatKind; readonly colour: Rgb; readonly band: Rgb } | null;
  /** Outline width in figure units (0 = unlined) and its ink. */
  readonly outline: { readonly width: number; readonly colour: Rgb };
  readonly shading: { readonly depth: number; readonly fromLeft: boolean; readonly azimuth: number };
}

const HAIR_STYLES: readonly (readonly [HairStyle, number])[] = [
  ['short', 2],
  ['spiky', 1.2],
  ['bob', 1.5],
  ['long', 1.6],
  ['ponytail', 1.4],
  ['bun', 1],
];
const FRINGES: readonly Fringe[] = ['straight', 'swept', 'zigzag', 'parted'];
const EYES: readonly EyeStyle[] = ['bead', 'anime', 'button'];
const MOUTHS: readonly MouthStyle[] = ['smile', 'line', 'open'];
const TOPS: readonly TopKind[] = ['jacket', 'sweater', 'tunic'];
const BOTTOMS: readonly BottomKind[] = ['trousers', 'shorts', 'skirt', 'dress'];
const HATS: readonly HatKind[] = ['beanie', 'brim', 'cap'];

function pickApart(rng: Random, list: readonly Rgb[], avoid: readonly Rgb[], minDistance: number): Rgb {
  for (let i = 0; i < 24; i++) {
    const c = rng.pick(list);
    if (avoid.every((a) => colourDistance(a, c) >= minDistance)) return c;
  }
  return rng.pick(list);
}

export function randomPaintedCharacter(seed: number): PaintedCharacter {
  const rng = new Random(mixSeed(seed, 0x7a11));
  const headRatio = rng.range(0.2, 0.33);
  const style = rng.weighted(HAIR_STYLES);
  const skin = rng.pick(SKIN_TONES);
  const hairColour = pickApart(rng, HAIR_COLOURS, [skin], 70);
  const bottomKind = rng.pick(BOTTOMS);
  const topColour = pickApart(rng, CLOTH_COLOURS, [skin, hairColour], 60);
  const bottomColour = bottomKind === 'dress' ? topColour : pickApart(rng, CLOTH_COLOURS, [topColour, skin], 95);
  const trim = pickApart(rng, [...CLOTH_COLOURS, [250, 250, 246], [36, 36, 44]], [topColour, bottomColour], 90);
  const footColour = pickApart(rng, [...CLOTH_COLOURS.map((c) => darken(c, 0.25)), [40, 34, 32], [250, 248, 240]], [bottomColour], 70);
  const inked = rng.chance(0.78);
  const scarf = rng.chance(0.3)
    ? { colour: pickApart(rng, CLOTH_COLOURS, [topColour, hairColour], 90), side: rng.chance(0.5) ? (1 as const) : (-1 as const) }
    : null;
  const hat = rng.chance(0.32)
    ? { kind: rng.pick(HATS), colour: pickApart(rng, CLOTH_COLOURS, [hairColour, topColour], 80), band: lighten(trim, 0.1) }
    : null;
  return {
    seed,
    body: {
      headRatio,
      headWidth: rng.range(1.0, 1.12),
      neck: rng.range(0.008, 0.022),
      legShare: rng.range(0.4, 0.52),
      shoulder: rng.range(0.075, 0.112),
      waist: rng.range(0.72, 0.92),
      hip: rng.range(0.82, 1.04),
      depth: rng.range(0.5, 0.66),
      limb: rng.range(0.021, 0.032),
      legs: rng.range(1.1, 1.42),
    },
    skin,
    hair: {
      style,
      fringe: rng.pick(FRINGES),
      colour: hairColour,
      volume: rng.range(1.07, 1.17),
      fringeHeight: rng.range(0.12, 0.38),
      part: rng.range(-1, 1),
      length: rng.range(0.2, 1),
    },
    face: {
      eyes: rng.pick(EYES),
      eyeColour: rng.pick(EYE_COLOURS),
      eyeSize: rng.range(0.8, 1.35),
      eyeSpacing: rng.range(0.36, 0.5),
      eyeLevel: rng.range(-0.2, 0.0),
      mouth: rng.pick(MOUTHS),
      mouthLevel: rng.range(-0.52, -0.4),
      blush: rng.chance(0.45),
      brows: rng.chance(0.6),
    },
    top: {
      kind: bottomKind === 'dress' ? 'tunic' : rng.pick(TOPS),
      colour: topColour,
      trim,
      sleeves: rng.chance(0.65) ? 'long' : 'short',
    },
    bottom: { kind: bottomKind, colour: bottomColour, length: rng.range(0, 1) },
    footwear: { kind: rng.chance(0.5) ? 'boots' : 'shoes', colour: footColour },
    scarf,
    belt: rng.chance(0.4)
      ? pickApart(
          rng,
          [
            [70, 48, 34],
            [36, 36, 40],
            [150, 100, 50],
            [230, 220, 200],
          ],
          [bottomColour],
          60,
        )
      : null,
    backpack: rng.chance(0.3) ? pickApart(rng, CLOTH_COLOURS, [topColour], 90) : null,
    hat,
    outline: inked ? { width: rng.range(0.0035, 0.011), colour: rng.pick(OUTLINE_COLOURS) } : { width: 0, colour: [0, 0, 0] },
    shading: { depth: rng.range(0.62, 0.82), fromLeft: rng.chance(0.6), azimuth: rng.range(30, 60) },
  };
}

function differsEnough(a: PaintedCharacter, b: PaintedCharacter): boolean {
  return (
    a.hair.style !== b.hair.style &&
    Math.abs(a.body.headRatio - b.body.headRatio) >= 0.045 &&
    colourDistance(a.hair.colour, b.hair.colour) >= 90 &&
    colourDistance(a.top.colour, b.top.colour) >= 100 &&
    (a.bottom.kind !== b.bottom.kind || colourDistance(a.bottom.colour, b.bottom.colour) >= 100)
  );
}

/** A character nobody would mistake for `c`: other hair style and colour, other palette, other proportions. */
export function otherPaintedCharacter(c: PaintedCharacter): PaintedCharacter {
  let candidate = randomPaintedCharacter(mixSeed(c.seed, 0x0dd));
  for (let i = 1; i < 200 && !differsEnough(c, candidate); i++) candidate = randomPaintedCharacter(mixSeed(c.seed, 0x0dd, i));
  if (differsEnough(c, candidate)) return candidate;
  // Practically unreachable; force the differences rather than return a look-alike.
  const farthest = (list: readonly Rgb[], from: Rgb) =>
    list.reduce((best, colour) => (colourDistance(colour, from) > colourDistance(best, from) ? colour : best), from);
  const headRatio = c.body.headRatio > 0.265 ? c.body.headRatio - 0.06 : c.body.headRatio + 0.06;
  return {
    ...candidate,
    body: { ...candidate.body, headRatio },
    hair: { ...candidate.hair, style: c.hair.style === 'long' ? 'spiky' : 'long', colour: farthest(HAIR_COLOURS, c.hair.colour) },
    top: { ...candidate.top, colour: farthest(CLOTH_COLOURS, c.top.colour) },
  };
}
