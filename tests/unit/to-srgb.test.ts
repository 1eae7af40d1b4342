import sharp from 'sharp';
import { inSrgb } from '../../payload-app/uploads/to-srgb';
import { figurePng } from '../support/images';

describe('inSrgb', () => {
  it('turns a CMYK JPEG into an sRGB one with the same colours', async () => {
    const figure = await figurePng();
    const cmyk = await sharp(figure).toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const converted = await inSrgb(cmyk, 'jpeg');
    const metadata = await sharp(converted).metadata();
    expect({ space: metadata.space, channels: metadata.channels, width: metadata.width, height: metadata.height }).toEqual({
      space: 'srgb',
      channels: 3,
      width: 600,
      height: 800,
    });
    expect(metadata.exif).toBeUndefined();
    // The picture's colours, not CMYK values read as if they were RGB (that would invert them).
    const means = async (image: Buffer) => (await sharp(image).removeAlpha().stats()).channels.map((channel) => channel.mean);
    const [before, after] = [await means(figure), await means(converted)];
    after.forEach((mean, channel) => expect(Math.abs(mean - before[channel]!)).toBeLessThan(12));
  });

  it('returns any other image byte for byte', async () => {
    const figure = await figurePng();
    const jpeg = await sharp(figure).jpeg().toBuffer();
    expect(await inSrgb(jpeg, 'jpeg')).toBe(jpeg);
    expect(await inSrgb(figure, 'png')).toBe(figure);
  });
});
