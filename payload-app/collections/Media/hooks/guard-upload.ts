import { APIError, type CollectionBeforeOperationHook } from 'payload';
import { inspectUploadedImage } from '../../../uploads/inspect-image';
import { safeUploadFilename } from '../../../uploads/safe-filename';
import { withoutPrivateMetadata } from '../../../uploads/strip-metadata';
import { inSrgb } from '../../../uploads/to-srgb';

/**
 * Runs before Payload stores or resizes anything: a file that is not an acceptable image is refused with one clear
 * answer (400, or 413 for size) and nothing is written. An accepted file keeps its sniffed type and gets a name that is
 * safe on disk whatever its length or script, is converted to sRGB if it came in CMYK, and loses its private metadata
 * (EXIF, GPS) with its orientation applied.
 */
export const guardUpload: CollectionBeforeOperationHook = async ({ args, operation }) => {
  if (operation !== 'create' && operation !== 'update') return args;
  const file = args.req?.file;
  if (!file) return args;
  const inspection = await inspectUploadedImage(file.data);
  if (!inspection.ok) {
    const refusal = new APIError(inspection.reason, inspection.status, undefined, true);
    // Payload shows an error's message only when it has a name, and the production build minifies class names away.
    refusal.name = 'UploadRefused';
    throw refusal;
  }
  file.data = await withoutPrivateMetadata(await inSrgb(file.data, inspection.format), inspection.format);
  file.size = file.data.length;
  file.name = safeUploadFilename(file.name, inspection.format);
  file.mimetype = inspection.mimeType;
  return args;
};
