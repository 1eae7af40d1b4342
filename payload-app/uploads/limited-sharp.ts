import sharp, { type SharpOptions } from 'sharp';
import type { SharpDependency } from 'payload';
import { MAX_IMAGE_PIXELS } from '../../contracts';

/**
 * The sharp Payload resizes uploads with, never decoding more than MAX_IMAGE_PIXELS. (The upload's own
 * `constructorOptions` would do the same, but they make Payload re-encode every original, losing JPEG quality.)
 */
export const limitedSharp = ((input?: Parameters<typeof sharp>[0], options?: SharpOptions) =>
  sharp(input as Buffer, { limitInputPixels: MAX_IMAGE_PIXELS, ...options })) as unknown as SharpDependency;
