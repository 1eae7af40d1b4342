import sharp from 'sharp';
import { computeEmbedding, cosineSimilarity, measureQuality, type QualityReport } from '../../image-analysis';
import { offModelLook, randomLook, renderCharacter } from '../../local-services/gemini/renderer';

/** Crafted images through the quality checks: each defect fails its own check, with the measured value in the note. */
describe('measureQuality', () => {
  const look = randomLook(11);
  let reference: Buffer;
  let good: Buffer;

  beforeAll(async () => {
    reference = await renderCharacter(look, 0, { aspectRatio: '3:4', seed: 1 });
    good = await renderCharacter(look, 45, { aspectRatio: '3:4', seed: 2 });
  });

  const failed = (report: QualityReport) => report.checks.filter((check) => !check.passed).map((check) => check.id);

  it('passes a good shot on every check', async () => {
    const report = await measureQuality(good, { expectedAspectRatio: 3 / 4, referenceImages: [reference] });
    expect(failed(report)).toEqual([]);
    expect(report.score).toBe(100);
  });

  it('measures the same against a reference it has profiled before as against one it has not', async () => {
    const other = await renderCharacter(randomLook(12), 0, { aspectRatio: '3:4', seed: 1 });
    const fresh = await measureQuality(good, { expectedAspectRatio: 3 / 4, referenceImages: [Buffer.from(other)] });
    const again = await measureQuality(good, { expectedAspectRatio: 3 / 4, referenceImages: [Buffer.from(other)] });
    expect(again).toEqual(fresh);
    // A different reference is profiled afresh, not served from the cache.
    const versusOwn = await measureQuality(good, { expectedAspectRatio: 3 / 4, referenceImages: [reference] });
    expect(versusOwn).not.toEqual(fresh);
  });

  it('fails a blurred shot on sharpness relative to the references', async () => {
    const blurred = await sharp(good).blur(6).png().toBuffer();
    const report = await measureQuality(blurred, { referenceImages: [reference] });
    expect(failed(report)).toContain('sharpness');
    expect(report.checks.find((check) => check.id === 'sharpness')!.note).toMatch(
      /^blurred: [\d.]+% of the edge contrast survives a re-blur/,
    );
    expect(report.score).toBeLessThan(100);
  });

  it('scores a blank image 0 and says why', async () => {
    const blank = await sharp({ create: { width: 864, height: 1184, channels: 3, background: '#efede8' } })
      .png()
      .toBuffer();
    const report = await measureQuality(blank, { referenceImages: [reference] });
    expect(failed(report)).toContain('blank');
    expect(report.score).toBe(0);
  });

  it('fails an off-palette figure on palette drift', async () => {
    const offPalette = await renderCharacter(offModelLook(look), 45, { aspectRatio: '3:4', seed: 2 });
    const report = await measureQuality(offPalette, { referenceImages: [reference] });
    expect(failed(report)).toContain('palette');
    expect(report.checks.find((check) => check.id === 'palette')!.note).toMatch(
      /off-palette: [\d.]+% of the subject is in colours the references do not show/,
    );
  });

  it('fails a figure cut off by the frame', async () => {
    const meta = await sharp(good).metadata();
    const cropped = await sharp(good)
      .extract({ left: 0, top: 0, width: meta.width!, height: Math.round(meta.height! * 0.6) })
      .png()
      .toBuffer();
    const report = await measureQuality(cropped);
    expect(failed(report)).toContain('cropped');
    expect(report.checks.find((check) => check.id === 'cropped')!.note).toMatch(/touches the bottom edge/);
  });

  it('fails two figures in one image', async () => {
    const figure = await sharp(good).resize(432, 1184).png().toBuffer();
    const pair = await sharp({ create: { width: 1300, height: 1184, channels: 3, background: '#efede8' } })
      .composite([
        { input: figure, left: 60, top: 0 },
        { input: figure, left: 760, top: 0 },
      ])
      .png()
      .toBuffer();
    const report = await measureQuality(pair);
    expect(failed(report)).toContain('several_figures');
  });

  it('flags an echoed reference', async () => {
    const report = await measureQuality(reference, { referenceImages: [reference] });
    expect(failed(report)).toEqual(['echo']);
  });

  it('checks the requested aspect ratio', async () => {
    const report = await measureQuality(good, { expectedAspectRatio: 16 / 9 });
    expect(failed(report)).toContain('aspect');
  });
});

describe('classical embedding', () => {
  it('ranks the same character at another angle above another character, and unrelated images near 0', async () => {
    const look = randomLook(21);
    const master = (await computeEmbedding(await renderCharacter(look, 0, { seed: 1 }))).vector;
    const sameSide = (await computeEmbedding(await renderCharacter(look, 90, { seed: 2 }))).vector;
    const other = (await computeEmbedding(await renderCharacter(randomLook(99), 90, { seed: 2 }))).vector;
    const offModel = (await computeEmbedding(await renderCharacter(offModelLook(look), 0, { seed: 2 }))).vector;
    expect(cosineSimilarity(master, sameSide)).toBeGreaterThan(cosineSimilarity(master, other));
    expect(cosineSimilarity(master, offModel)).toBeLessThan(0.6);
    const noise = await sharp(Buffer.from(Array.from({ length: 256 * 256 * 3 }, (_, i) => (i * 7919) % 251)), {
      raw: { width: 256, height: 256, channels: 3 },
    })
      .png()
      .toBuffer();
    // Far below the lowest classical bar (68.9 at 270°).
    expect(Math.abs(cosineSimilarity(master, (await computeEmbedding(noise)).vector))).toBeLessThan(0.45);
  });
});
