import sharp from 'sharp';
import { MAX_IMAGE_PIXELS } from '../contracts';

export class UndecodableImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndecodableImageError';
  }
}

export interface RgbImage {
  /** Interleaved RGB, row-major. */
  data: Uint8Array;
  width: number;
  height: number;
  /** Size of the original file before resizing. */
  originalWidth: number;
  originalHeight: number;
}

/**
 * Decodes fully (a truncated file is an error, not a half-grey image), drops alpha onto white, and fits the long
 * side into `maxSide` so every measurement runs on a known working size.
 */
export async function decodeRgb(bytes: Buffer, maxSide: number): Promise<RgbImage> {
  try {
    const image = sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
    const meta = await image.metadata();
    if (!meta.width || !meta.height) throw new Error('no dimensions');
    const { data, info } = await image
      .flatten({ background: '#ffffff' })
      .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const originalWidth = meta.autoOrient?.width ?? meta.width;
    const originalHeight = meta.autoOrient?.height ?? meta.height;
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
      width: info.width,
      height: info.height,
      originalWidth,
      originalHeight,
    };
  } catch (error) {
    throw new UndecodableImageError(`not a readable image (${(error as Error).message})`);
  }
}

/** Rec. 601 luma of every pixel. */
export function lumaOf(image: RgbImage): Float32Array {
  const luma = new Float32Array(image.width * image.height);
  for (let i = 0, p = 0; i < luma.length; i++, p += 3) {
    luma[i] = 0.299 * image.data[p]! + 0.587 * image.data[p + 1]! + 0.114 * image.data[p + 2]!;
  }
  return luma;
}
