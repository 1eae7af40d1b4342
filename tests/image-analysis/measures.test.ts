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

/** sRGB (0–255) of a CIELAB (D65) colour, clamped to the gamut: the inverse of the measurement's own conversion. */
function labToRgb(l: number, a: number, b: number): [number, number, number] {
  const fy = (l + 16) / 116;
  const inverse = (t: number) => (t ** 3 > 216 / 24389 ? t ** 3 : (116 * t - 16) / (24389 / 27));
  const x = 0.95047 * inverse(fy + a / 500);
  const y = inverse(fy);
  const z = 1.08883 * inverse(fy - b / 200);
  const linear = [
    3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
    -0.969266 * x + 1.8760108 * y + 0.041556 * z,
    0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
  ];
  return linear.map((v) => {
    const encoded = v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
    return Math.round(Math.min(1, Math.max(0, encoded)) * 255);
  }) as [number, number, number];
}

describe('backdrop surface', () => {
  // Every term of the surface (1, u, v, u², uv, v², (u² + v²)²) in every channel, so a slip in any one of the
  // fit's normal-equation sums (written out term by term for speed) leaves the fitted surface off somewhere.
  const surface = (u: number, v: number) => {
    const r4 = (u * u + v * v) ** 2;
    return [
      60 + 6 * u - 5 * v + 4 * u * u + 12 * u * v - 4 * v * v + 3 * r4,
      2 + 3 * u + 2 * v - 2 * u * u + 10 * u * v + 1.5 * v * v - r4,
      8 - 3 * u + 4 * v + 2 * u * u - 10 * u * v + 2 * v * v + 2 * r4,
    ] as const;
  };

  it('fits a backdrop that follows its surface exactly, to within the 8-bit rounding, around an off-centre subject', () => {
    const width = 256;
    const height = 192;
    // Off-centre, so the pixels the fit keeps are not symmetric about the centre: on a symmetric set, the sums of odd
    // powers vanish and a slip between two of them would go unseen.
    const box = { left: 20, top: 15, right: 130, bottom: 125 };
    const inBox = (x: number, y: number) => x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
    const data = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const [l, a, b] = surface((2 * x) / (width - 1) - 1, (2 * y) / (height - 1) - 1);
        data.set(inBox(x, y) ? [176, 48, 58] : labToRgb(l, a, b), (y * width + x) * 3);
      }
    }
    const model = fitBackground({ data, width, height, originalWidth: width, originalHeight: height });
    expect(model.smooth).toBe(true);
    let worstBackdrop = 0;
    let closestSubject = Infinity;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const distance = model.distance[y * width + x]!;
        if (inBox(x, y)) closestSubject = Math.min(closestSubject, distance);
        else worstBackdrop = Math.max(worstBackdrop, distance);
      }
    }
    expect(worstBackdrop).toBeLessThan(1.5);
    expect(closestSubject).toBeGreaterThan(30);
    const [l, a, b] = surface((2 * Math.floor(width / 2)) / (width - 1) - 1, (2 * Math.floor(height / 2)) / (height - 1) - 1);
    // The fit's small ridge pulls the surface a little towards zero: within one unit at the centre.
    expect(Math.abs(model.centre.l - l)).toBeLessThan(1);
    expect(Math.abs(model.centre.a - a)).toBeLessThan(1);
    expect(Math.abs(model.centre.b - b)).toBeLessThan(1);
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
