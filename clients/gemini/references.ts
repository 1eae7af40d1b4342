import sharp, { type Metadata } from 'sharp';
import { PermanentServiceError } from '../errors';
import { MAX_IMAGE_PIXELS } from '../../contracts';
import type { ReferenceImage } from './types';

/** Every reference costs input tokens and travels as base64: about 1024 px is what the model uses anyway. */
export const MAX_REFERENCE_SIDE = 1024;

export interface PreparedReference {
  mimeType: 'image/png' | 'image/jpeg';
  /** Base64 without a `data:` prefix, as the API wants it. */
  data: string;
}

/** Downscales to ≤ 1024 px on the long side; PNG and JPEG already small enough are sent as they are. */
export async function prepareReference(reference: ReferenceImage, index: number): Promise<PreparedReference> {
  let metadata: Metadata;
  try {
    metadata = await sharp(reference.bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
  } catch (error) {
    throw new PermanentServiceError(`Reference image ${index + 1} (${reference.label}) is not a readable image.`, {
      service: 'gemini',
      code: 'invalid_image',
      cause: error,
    });
  }
  const { width = 0, height = 0, format, orientation } = metadata;
  const keepsFormat = format === 'png' || format === 'jpeg';
  const needsRotation = orientation !== undefined && orientation > 1;
  if (keepsFormat && !needsRotation && Math.max(width, height) <= MAX_REFERENCE_SIDE) {
    return { mimeType: format === 'png' ? 'image/png' : 'image/jpeg', data: reference.bytes.toString('base64') };
  }
  try {
    const resized = sharp(reference.bytes, { limitInputPixels: MAX_IMAGE_PIXELS })
      .rotate()
      .resize({ width: MAX_REFERENCE_SIDE, height: MAX_REFERENCE_SIDE, fit: 'inside', withoutEnlargement: true });
    const bytes = format === 'jpeg' ? await resized.jpeg({ quality: 92 }).toBuffer() : await resized.png().toBuffer();
    return { mimeType: format === 'jpeg' ? 'image/jpeg' : 'image/png', data: bytes.toString('base64') };
  } catch (error) {
    throw new PermanentServiceError(`Reference image ${index + 1} (${reference.label}) could not be decoded: ${(error as Error).message}`, {
      service: 'gemini',
      code: 'invalid_image',
      cause: error,
    });
  }
}

/** "Image 1 is the master reference of the character." — one line per reference, in the order they are sent. */
export function referenceLabels(references: ReferenceImage[]): string {
  return references.map((reference, index) => `Image ${index + 1} is ${reference.label.trim().replace(/\.$/, '')}.`).join('\n');
}
