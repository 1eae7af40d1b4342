import sharp from 'sharp';
import { fitBackground } from '../../image-analysis/background-model';
import { decodeRgb, lumaOf } from '../../image-analysis/decode';
import { prominentPeaks } from '../../image-analysis/figures';
import { blurAmount } from '../../image-analysis/sharpness';
import { subjectMask } from '../../image-analysis/subject-mask';
import { paintBackdrop, type Backdrop } from '../../gate-corpus/backdrops';

/** A plain dark-outlined box on a backdrop: the simplest subject, drawn here with sharp alone. */
async function boxOn(backdrop: Backdrop, box = { left: 100, top: 80, width: 60, height: 140 }) {
  const base = await paintBackdrop(backdrop, 256, 256);
  const figure = await sharp({ create: { width: box.width, height: box.height, channels: 3, background: '#b0303a' } })
    .png()
    .toBuffer();
  return decodeRgb(
    await sharp(base)
      .composite([{ input: figure, left: box.left, top: box.top }])
      .png()
      .toBuffer(),
    256,
  );
}

describe('backdrop model', () => {
  const backdrops: Backdrop[] = [
    { kind: 'plain', colour: '#f4f4f2' },
    { kind: 'gradient', from: '#fbf7ef', to: '#c9c0b0', direction: 'diagonal' },
    { kind: 'vignette', centre: '#3b3530', edge: '#120f0d' },
  ];

  it.each(backdrops)('finds exactly the subject on a %o backdrop', async (backdrop) => {
    const image = await boxOn(backdrop);
    expect(fitBackground(image).smooth).toBe(true);
    const subject = subjectMask(image);
    expect(subject.bbox).toEqual({ left: 100, top: 80, right: 159, bottom: 219 });
    expect(subject.areaFraction).toBeCloseTo((60 * 140) / (256 * 256), 3);
    expect(subject.figureCount).toBe(1);
  });

  it('still sees the framing when the subject covers most of one side', async () => {
    const subject = subjectMask(
      await boxOn(
        { kind: 'gradient', from: '#e9eef7', to: '#c9d3e3', direction: 'vertical' },
        { left: 180, top: 20, width: 76, height: 220 },
      ),
    );
    expect(subject.plainBackground).toBe(true);
    expect(subject.edgeContact.right).toBeGreaterThan(0.8);
  });
});

describe('blurAmount', () => {
  it('grows with the blur, whatever the amount of content', async () => {
    const sharpImage = await sharp(Buffer.from(Array.from({ length: 256 * 256 * 3 }, (_, i) => (Math.floor(i / 3 / 16) % 2 ? 230 : 30))), {
      raw: { width: 256, height: 256, channels: 3 },
    })
      .png()
      .toBuffer();
    const measure = async (sigma: number) => {
      const image = await decodeRgb(sigma ? await sharp(sharpImage).blur(sigma).png().toBuffer() : sharpImage, 256);
      return blurAmount(lumaOf(image), image.width, image.height).blur;
    };
    const values = [await measure(0), await measure(1), await measure(3), await measure(6)];
    expect(values[0]).toBeLessThan(0.2);
    for (let k = 1; k < values.length; k++) expect(values[k]).toBeGreaterThan(values[k - 1]!);
    expect(values[3]).toBeGreaterThan(0.6);
  });
});

describe('prominentPeaks', () => {
  it('counts two equal crests once each and ignores a shoulder', () => {
    expect(prominentPeaks([0, 5, 10, 10, 6, 3, 6, 10, 10, 5, 0], 2)).toBe(2);
    expect(prominentPeaks([0, 4, 4, 4, 9, 10, 9, 4, 4, 0], 2)).toBe(1);
  });

  it('needs a crest to be wide halfway down: a spike of hair is not a head', () => {
    expect(prominentPeaks([0, 8, 8, 8, 8, 14, 8, 8, 8, 8, 0], 3, 3)).toBe(1);
  });
});
