import sharp from 'sharp';
import { withoutPrivateMetadata } from '../../payload-app/uploads/strip-metadata';

/** A landscape photo as a phone stores it: pixels sideways, EXIF orientation 6, a GPS position and an author. */
async function phoneJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 80, height: 60, channels: 3, background: '#c0392b' } })
    .withExif({ IFD0: { Artist: 'Rita Studio' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 54/1 0/1' } })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
}

describe('uploads lose their private metadata', () => {
  it('removes EXIF with its GPS position, after turning the pixels the way the orientation said', async () => {
    const original = await phoneJpeg();
    const before = await sharp(original).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);

    const kept = await sharp(await withoutPrivateMetadata(original, 'jpeg')).metadata();
    expect(kept.format).toBe('jpeg');
    expect(kept.exif).toBeUndefined();
    expect(kept.orientation ?? 1).toBe(1);
    expect([kept.width, kept.height]).toEqual([60, 80]);
  });

  it('keeps a file without such metadata byte for byte', async () => {
    const png = await sharp({ create: { width: 20, height: 30, channels: 4, background: '#ffffff00' } })
      .png()
      .toBuffer();
    expect((await withoutPrivateMetadata(png, 'png')).equals(png)).toBe(true);
  });

  it('keeps the format of a PNG it had to re-encode', async () => {
    const png = await sharp({ create: { width: 20, height: 30, channels: 3, background: '#123456' } })
      .withExif({ IFD0: { Artist: 'Rita Studio' } })
      .png()
      .toBuffer();
    const kept = await sharp(await withoutPrivateMetadata(png, 'png')).metadata();
    expect(kept.format).toBe('png');
    expect(kept.exif).toBeUndefined();
  });
});
