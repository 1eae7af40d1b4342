import sharp from 'sharp';
import {
  BACKGROUND,
  BAND_NAMES,
  colourDifference,
  hexToRgb,
  measureFigure,
  offModelLook,
  randomLook,
  renderCharacter,
  type CharacterLook,
} from '../../../local-services/gemini/renderer';
import { meanXOf, pixelsNear, subjectBox } from './pixels';

const LOOK_A: CharacterLook = {
  colours: { hair: '#c9a25c', skin: '#d09a73', top: '#2a6f97', bottom: '#3d3d3d', shoes: '#5a3a22', accent: '#e07a1f' },
  hairStyle: 'short',
  proportions: { heightToWidth: 3.1, headFraction: 0.16 },
};
const EYE = '#2b2320';

const render = (look: CharacterLook, angle: number) => renderCharacter(look, angle, { seed: 5 });

/** Rows of the head in a render of LOOK_A at the default 3:4 canvas. */
async function headRows(png: Buffer): Promise<{ top: number; bottom: number }> {
  const box = await subjectBox(png);
  return { top: box.top, bottom: Math.round(box.top + LOOK_A.proportions.headFraction * box.height) };
}

describe('procedural character renderer', () => {
  it('is deterministic for the same look, angle and seed, and jitters with the seed', async () => {
    const first = await renderCharacter(LOOK_A, 45, { seed: 9 });
    const again = await renderCharacter(LOOK_A, 45, { seed: 9 });
    const otherSeed = await renderCharacter(LOOK_A, 45, { seed: 10 });
    expect(first.equals(again)).toBe(true);
    expect(first.equals(otherSeed)).toBe(false);
    expect(await sharp(first).metadata()).toMatchObject({ format: 'png', width: 864, height: 1184 });
  });

  it('renders at the requested aspect ratio or size, with the whole figure inside the frame', async () => {
    for (const [options, width, height] of [
      [{ aspectRatio: '16:9' }, 1344, 768],
      [{ aspectRatio: '1:1' }, 1024, 1024],
      [{ width: 768, height: 1024 }, 768, 1024],
    ] as const) {
      const png = await renderCharacter(LOOK_A, 0, options);
      const meta = await sharp(png).metadata();
      expect([meta.width, meta.height]).toEqual([width, height]);
      const box = await subjectBox(png);
      expect(box.left).toBeGreaterThan(0);
      expect(box.top).toBeGreaterThan(0);
      expect(box.left + box.width).toBeLessThan(width);
      expect(box.top + box.height).toBeLessThan(height);
    }
  });

  it('reads a front view back to the look it was drawn from (colours, proportions, hair style)', async () => {
    for (const look of [LOOK_A, randomLook(11), randomLook(12), { ...randomLook(13), hairStyle: 'long' as const }]) {
      const measured = await measureFigure(await render(look, 0));
      expect(measured).toBeDefined();
      for (const band of BAND_NAMES) {
        expect(colourDifference(measured!.bands[band]!, look.colours[band])).toBeLessThan(3);
      }
      // Each render swings the arms a little (a model never repeats a pose), which widens the silhouette by a few %.
      expect(Math.abs(measured!.heightToWidth - look.proportions.heightToWidth) / look.proportions.heightToWidth).toBeLessThan(0.06);
      expect(Math.abs(measured!.headFraction - look.proportions.headFraction)).toBeLessThan(0.01);
      expect(measured!.hairStyle).toBe(look.hairStyle);
    }
  });

  it('turns: the back view hides the face and shows hair, the side view is narrower than the front', async () => {
    const front = await render(LOOK_A, 0);
    const back = await render(LOOK_A, 180);
    const side = await render(LOOK_A, 90);
    const threeQuarter = await render(LOOK_A, 45);
    expect(front.equals(back)).toBe(false);

    const head = await headRows(front);
    const frontSkin = await pixelsNear(front, LOOK_A.colours.skin, 10, head);
    const backSkin = await pixelsNear(back, LOOK_A.colours.skin, 10, head);
    expect(backSkin).toBeLessThan(frontSkin * 0.3);
    expect(await pixelsNear(back, LOOK_A.colours.hair, 10, head)).toBeGreaterThan(
      (await pixelsNear(front, LOOK_A.colours.hair, 10, head)) * 1.3,
    );

    // Eyes only where the face turns towards the camera.
    expect(await pixelsNear(front, EYE, 8, head)).toBeGreaterThan(20);
    expect(await pixelsNear(threeQuarter, EYE, 8, head)).toBeGreaterThan(10);
    expect(await pixelsNear(back, EYE, 8, head)).toBe(0);
    expect(await pixelsNear(await render(LOOK_A, 135), EYE, 8, head)).toBe(0);

    const frontWidth = (await subjectBox(front)).width;
    const sideWidth = (await subjectBox(side)).width;
    const threeQuarterWidth = (await subjectBox(threeQuarter)).width;
    expect(sideWidth).toBeLessThan(frontWidth * 0.75);
    expect(threeQuarterWidth).toBeLessThan(frontWidth);
    expect(threeQuarterWidth).toBeGreaterThan(sideWidth);
  });

  it('faces the way it turned: the face is on the right of the head at 90° and on the left at 270°', async () => {
    const left = await render(LOOK_A, 90);
    const right = await render(LOOK_A, 270);
    const leftBox = await subjectBox(left);
    const centre = leftBox.left + leftBox.width / 2;
    const head = await headRows(left);
    const faceAt90 = await meanXOf(left, LOOK_A.colours.skin, 10, head);
    const faceAt270 = await meanXOf(right, LOOK_A.colours.skin, 10, head);
    expect(faceAt90).toBeGreaterThan(centre + 3);
    expect(faceAt270).toBeLessThan(centre - 3);
  });

  it('moves the one-sided bag and emblem with the angle: seen from the front and right, hidden from the left and back', async () => {
    const accentPixels = async (angle: number) => pixelsNear(await render(LOOK_A, angle), LOOK_A.colours.accent, 10);
    for (const angle of [0, 45, 90, 315]) expect(await accentPixels(angle)).toBeGreaterThan(100);
    for (const angle of [135, 180, 225, 270]) expect(await accentPixels(angle)).toBe(0);
  });

  it('makes an off-model character that differs in every band and in proportions', async () => {
    for (const look of [LOOK_A, randomLook(21), randomLook(22)]) {
      const other = offModelLook(look);
      const measured = await measureFigure(await render(other, 0));
      for (const band of ['hair', 'skin', 'top', 'bottom'] as const) {
        expect(colourDifference(measured!.bands[band]!, look.colours[band])).toBeGreaterThan(15);
      }
      expect(other.hairStyle).not.toBe(look.hairStyle);
      expect(Math.abs(other.proportions.heightToWidth / look.proportions.heightToWidth - 1)).toBeGreaterThan(0.15);
    }
  });

  it('derives a look from a seed: stable per seed, varied across seeds, every colour clear of the backdrop', () => {
    expect(randomLook(5)).toEqual(randomLook(5));
    const tops = new Set(Array.from({ length: 20 }, (_, i) => randomLook(i).colours.top));
    expect(tops.size).toBe(20);
    const backdrop = hexToRgb(BACKGROUND);
    for (let seed = 0; seed < 50; seed += 1) {
      for (const band of BAND_NAMES) {
        const { r, g, b } = hexToRgb(randomLook(seed).colours[band]);
        expect(Math.hypot(r - backdrop.r, g - backdrop.g, b - backdrop.b)).toBeGreaterThan(60);
      }
    }
  });
});
