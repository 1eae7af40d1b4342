import sharp, { type Metadata } from 'sharp';
import { MAX_IMAGE_PIXELS, MAX_UPLOAD_BYTES } from '../../contracts';
import { EXTENSION_OF_FORMAT, type UploadFormat } from './safe-filename';

export type ImageInspection =
  { ok: true; format: UploadFormat; mimeType: string; width: number; height: number } | { ok: false; status: 400 | 413; reason: string };

const MIME_OF_FORMAT: Record<UploadFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };
const ACCEPTED = Object.keys(EXTENSION_OF_FORMAT)
  .map((format) => format.toUpperCase())
  .join(', ');

const isUploadFormat = (format: string | undefined): format is UploadFormat => format !== undefined && format in MIME_OF_FORMAT;

/**
 * What an uploaded file really is, read from its bytes (its name and declared type are the sender's claims). The
 * header gives format and size before any pixel is decoded, so a decompression bomb is refused without being
 * inflated; an accepted file is then decoded whole, at a small size, so a truncated one is refused here too.
 */
export async function inspectUploadedImage(bytes: Buffer): Promise<ImageInspection> {
  if (bytes.length === 0) return { ok: false, status: 400, reason: 'The file is empty (0 bytes).' };
  if (bytes.length > MAX_UPLOAD_BYTES) {
    return {
      ok: false,
      status: 413,
      reason: `The file is ${megabytes(bytes.length)} MB; uploads may be at most ${megabytes(MAX_UPLOAD_BYTES)} MB.`,
    };
  }
  let header: Metadata;
  try {
    header = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, status: 400, reason: `The file is not an image this library accepts (${ACCEPTED}).` };
  }
  if (!isUploadFormat(header.format)) {
    return {
      ok: false,
      status: 400,
      reason: `The file is ${String(header.format ?? 'of an unknown format').toUpperCase()}; only ${ACCEPTED} images are accepted.`,
    };
  }
  // A reference is one picture: an animation has no single view to measure or to draw from (and GIF is refused above).
  if ((header.pages ?? 1) > 1) {
    return {
      ok: false,
      status: 400,
      reason: `The ${header.format.toUpperCase()} file is animated (${header.pages} frames); upload a still image.`,
    };
  }
  const { width = 0, height = 0 } = header;
  if (width * height > MAX_IMAGE_PIXELS) {
    const size = `${width}×${height} (${((width * height) / 1e6).toFixed(0)} megapixels)`;
    return { ok: false, status: 413, reason: `The image is ${size}; images may have at most ${MAX_IMAGE_PIXELS / 1e6} megapixels.` };
  }
  try {
    await sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_IMAGE_PIXELS }).resize(64, 64, { fit: 'inside' }).raw().toBuffer();
  } catch (error) {
    return {
      ok: false,
      status: 400,
      reason: `The ${header.format.toUpperCase()} file is damaged or incomplete (${(error as Error).message}).`,
    };
  }
  return { ok: true, format: header.format, mimeType: MIME_OF_FORMAT[header.format], width, height };
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
}
