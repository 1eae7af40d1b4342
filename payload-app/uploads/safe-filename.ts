import { createHash } from 'node:crypto';

/**
 * Characters kept of a name's stem. Payload appends `-<w>x<h>` for each image size and `-<n>` on a clash, and file
 * systems allow 255 bytes: 48 characters of any script (at most 4 bytes each) leave room for all of it.
 */
const MAX_STEM_CHARACTERS = 48;

export const EXTENSION_OF_FORMAT = { png: 'png', jpeg: 'jpg', webp: 'webp' } as const;
export type UploadFormat = keyof typeof EXTENSION_OF_FORMAT;

/**
 * A name safe on disk and in URLs, in the writer's own script: letters and digits of any script are kept, anything
 * else becomes a dash, the extension follows the sniffed format. A shortened name ends with a hash of the original,
 * so two long names that share their beginning stay two names; Payload numbers any remaining clash.
 */
export function safeUploadFilename(original: string, format: UploadFormat): string {
  const base = original.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[^.]*$/, '');
  const cleaned = stem.replace(/[^\p{L}\p{M}\p{N}_]+/gu, '-').replace(/^-+|-+$/g, '');
  const characters = [...cleaned];
  const extension = EXTENSION_OF_FORMAT[format];
  if (characters.length > 0 && characters.length <= MAX_STEM_CHARACTERS) return `${cleaned}.${extension}`;
  const digest = createHash('sha256').update(original).digest('hex').slice(0, 10);
  const kept = characters.slice(0, MAX_STEM_CHARACTERS).join('').replace(/-+$/, '');
  return `${kept || 'upload'}-${digest}.${extension}`;
}
