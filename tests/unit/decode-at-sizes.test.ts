import sharp from 'sharp';
import { DRAWING_METHODS } from '../../gate-corpus/drawing-methods';
import { decodeRgb, decodeRgbAtSizes, UndecodableImageError } from '../../image-analysis/decode';

// The pixel checks decode each image at three sizes through decodeRgbAtSizes; their thresholds were calibrated on
// decodeRgb per size. These cases hold the shortcut (one decode of an 8-bit PNG) to giving the very same bytes.
const SIZES = [1024, 16_384, 256];

async function encodings(): Promise<Array<[string, Buffer]>> {
  const cases: Array<[string, Buffer]> = [];
  for (const method of DRAWING_METHODS) {
    const drawn = await method.draw(600, 45, { width: 864, height: 1184 }, 3, '#e9e2d6');
    const opaque = await sharp(drawn).flatten({ background: '#ffffff' }).toBuffer();
    cases.push(
      [`${method.id}: PNG as drawn`, drawn],
      [`${method.id}: PNG with translucent alpha`, await sharp(drawn).ensureAlpha(0.6).png().toBuffer()],
      [`${method.id}: palette PNG`, await sharp(opaque).png({ palette: true }).toBuffer()],
      [`${method.id}: grey PNG`, await sharp(opaque).toColourspace('b-w').png().toBuffer()],
      [`${method.id}: 16-bit PNG`, await sharp(drawn).toColourspace('rgb16').png().toBuffer()],
      [`${method.id}: JPEG`, await sharp(opaque).jpeg({ quality: 88 }).toBuffer()],
      [`${method.id}: JPEG turned by EXIF`, await sharp(opaque).jpeg().withMetadata({ orientation: 6 }).toBuffer()],
      [`${method.id}: WebP`, await sharp(opaque).webp({ quality: 90 }).toBuffer()],
      [`${method.id}: smaller than every size`, await sharp(drawn).resize(200).png().toBuffer()],
      [`${method.id}: wide`, await sharp(drawn).resize(2400, 600, { fit: 'fill' }).png().toBuffer()],
    );
  }
  return cases;
}

describe('decodeRgbAtSizes', () => {
  let cases: Array<[string, Buffer]>;
  beforeAll(async () => {
    cases = await encodings();
  }, 120_000);

  it('gives, for every encoding and size, the same pixels and sizes as decoding at that size', async () => {
    const differing: string[] = [];
    for (const [name, bytes] of cases) {
      const together = await decodeRgbAtSizes(bytes, SIZES);
      for (const [index, side] of SIZES.entries()) {
        const alone = await decodeRgb(bytes, side);
        const got = together[index]!;
        const same =
          got.width === alone.width &&
          got.height === alone.height &&
          got.originalWidth === alone.originalWidth &&
          got.originalHeight === alone.originalHeight &&
          Buffer.compare(Buffer.from(got.data), Buffer.from(alone.data)) === 0;
        if (!same) differing.push(`${name} at ${side}`);
      }
    }
    expect(differing).toEqual([]);
  }, 120_000);

  it('resizes from one decode only where that is exact, and still decodes the rest', async () => {
    // A turned JPEG comes back upright at every size: its EXIF turn was applied in each decode.
    const turned = cases.find(([name]) => name.endsWith('JPEG turned by EXIF'))![1];
    const [working, full] = await decodeRgbAtSizes(turned, [1024, 16_384]);
    expect([full!.width, full!.height]).toEqual([1184, 864]);
    expect(working!.width).toBe(1024);
  });

  it('refuses what is not an image as undecodable', async () => {
    await expect(decodeRgbAtSizes(Buffer.from('not an image'), SIZES)).rejects.toBeInstanceOf(UndecodableImageError);
    const png = cases[0]![1];
    await expect(decodeRgbAtSizes(png.subarray(0, png.length / 2), SIZES)).rejects.toBeInstanceOf(UndecodableImageError);
  });
});
