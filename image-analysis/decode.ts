import sharp, { type Metadata } from 'sharp';
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

/**
 * The image fitted into each of `maxSides`, in that order: the same pixels decodeRgb gives for each size. An 8-bit PNG
 * is decoded once and the smaller sizes are resized from its pixels, which libvips does with the same kernel on the
 * same values. Everything else is decoded once per size, because there the two differ: JPEG and WebP shrink while
 * decoding, a 16-bit image is resized before it is reduced to 8 bits, and an EXIF turn is applied inside the pipeline.
 */
export async function decodeRgbAtSizes(bytes: Buffer, maxSides: number[]): Promise<RgbImage[]> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
  } catch (error) {
    throw new UndecodableImageError(`not a readable image (${(error as Error).message})`);
  }
  const decodedOnce = meta.format === 'png' && meta.depth === 'uchar' && (meta.orientation ?? 1) === 1;
  if (!decodedOnce) {
    // One after the other, as before: a large photograph decoded three times at once would hold three pipelines.
    const images: RgbImage[] = [];
    for (const side of maxSides) images.push(await decodeRgb(bytes, side));
    return images;
  }
  const full = await decodeRgb(bytes, Math.max(...maxSides));
  return Promise.all(maxSides.map((side) => resizedRaw(full, side)));
}

async function resizedRaw(full: RgbImage, maxSide: number): Promise<RgbImage> {
  if (full.width <= maxSide && full.height <= maxSide) return full;
  const { data, info } = await sharp(Buffer.from(full.data.buffer, full.data.byteOffset, full.data.length), {
    raw: { width: full.width, height: full.height, channels: 3 },
  })
    .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
    originalWidth: full.originalWidth,
    originalHeight: full.originalHeight,
  };
}

/** Rec. 601 luma of every pixel. */
export function lumaOf(image: RgbImage): Float32Array {
  const luma = new Float32Array(image.width * image.height);
  for (let i = 0, p = 0; i < luma.length; i++, p += 3) {
    luma[i] = 0.299 * image.data[p]! + 0.587 * image.data[p + 1]! + 0.114 * image.data[p + 2]!;
  }
  return luma;
}
