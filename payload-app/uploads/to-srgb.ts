import sharp from 'sharp';
import { MAX_IMAGE_PIXELS } from '../../contracts';
import type { UploadFormat } from './safe-filename';

/**
 * A CMYK JPEG (print workflows export them) converted to sRGB. Browsers disagree on how to show CMYK, and the
 * analysis service and the image model expect three colour channels, so the stored original is the sRGB picture.
 * The orientation is applied on the way and no metadata is written (sharp keeps none unless asked), so the later
 * metadata step finds nothing to remove. Any other image is returned as it came.
 */
export async function inSrgb(bytes: Buffer, format: UploadFormat): Promise<Buffer> {
  if (format !== 'jpeg') return bytes;
  const { space } = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
  if (space !== 'cmyk') return bytes;
  return sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS })
    .rotate()
    .toColourspace('srgb')
    .jpeg({ quality: 95, chromaSubsampling: '4:4:4' })
    .toBuffer();
}
