import sharp from 'sharp';
import { MAX_IMAGE_PIXELS } from '../../contracts';
import { invalidInput } from '../errors';

/** The analysis service refuses files over 50 MB. */
export const MAX_ANALYSIS_BYTES = 50 * 1024 * 1024;

export interface PreparedImage {
  bytes: Buffer;
  mimeType: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

/**
 * Decodes the image fully (a truncated file fails here, not inside the analysis service) and re-encodes it as
 * RGB, because the real service answers 500 for RGBA/CMYK images on its metrics route.
 */
export async function prepareForAnalysis(bytes: Buffer, what: string): Promise<PreparedImage> {
  if (bytes.length === 0) throw invalidInput(`${what} is an empty file.`);
  if (bytes.length > MAX_ANALYSIS_BYTES) {
    throw invalidInput(`${what} is ${(bytes.length / 1e6).toFixed(1)} MB; the analysis service accepts at most 50 MB.`, 'ImageTooLarge');
  }
  try {
    const image = sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_IMAGE_PIXELS });
    const meta = await image.metadata();
    if (!meta.width || !meta.height) throw new Error('no dimensions');
    const isJpeg = meta.format === 'jpeg' && meta.space === 'srgb' && !meta.hasAlpha;
    const { data, info } = isJpeg
      ? await image.rotate().jpeg({ quality: 95 }).toBuffer({ resolveWithObject: true })
      : await image.rotate().flatten({ background: '#ffffff' }).toColourspace('srgb').png().toBuffer({ resolveWithObject: true });
    return { bytes: data, mimeType: isJpeg ? 'image/jpeg' : 'image/png', width: info.width, height: info.height };
  } catch (error) {
    throw invalidInput(`${what} is not a readable image (${(error as Error).message}).`);
  }
}
