import sharp from 'sharp';

/**
 * The worker decodes each image once (a candidate, then its references), so libvips' operation cache (up to 50 MB
 * by default) only holds memory that is never asked for again; and one libvips thread per image is enough when the
 * image-work queue already decodes a few images at once on a machine of a few cores.
 */
export function boundSharpMemory(): void {
  sharp.cache(false);
  sharp.concurrency(1);
}
