import sharp from 'sharp';
import { MAX_IMAGE_PIXELS } from '../../contracts';
import type { UploadFormat } from './safe-filename';

/**
 * An upload as the library keeps it: EXIF, XMP and IPTC (camera, GPS, author) removed, and an EXIF orientation
 * applied to the pixels first so the picture still stands the right way. Stored originals are what the app serves
 * and what the image model receives as a reference, so nothing private leaves the system. A file without such
 * metadata is kept byte for byte; one with it is re-encoded: lossless for PNG, at quality 95 for WebP, and at quality
 * 95 with full chroma for JPEG. The colour profile is kept: it is how the pixels are meant to look.
 */
export async function withoutPrivateMetadata(bytes: Buffer, format: UploadFormat): Promise<Buffer> {
  const metadata = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
  const carriesPrivateData = Boolean(metadata.exif || metadata.xmp || metadata.iptc) || (metadata.orientation ?? 1) > 1;
  if (!carriesPrivateData) return bytes;
  const upright = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).rotate().keepIccProfile();
  if (format === 'png') return upright.png().toBuffer();
  if (format === 'webp') return upright.webp({ quality: 95 }).toBuffer();
  return upright.jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer();
}
