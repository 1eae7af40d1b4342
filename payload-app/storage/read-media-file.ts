import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PayloadRequest } from 'payload';
import type { Media } from '../payload-types';

/**
 * A media file's bytes, read the way Payload's own `GET /api/media/file/:filename` reads them: through the
 * collection's storage handlers (the S3 adapter's) when it has any, else from Payload's upload folder. Callers never
 * assume where files live.
 */
export async function readMediaFile(req: PayloadRequest, media: Media): Promise<Buffer> {
  if (!media.filename) throw new Error(`Media ${media.id} has no file.`);
  const upload = req.payload.collections.media.config.upload;
  for (const handler of upload.handlers ?? []) {
    const response = await handler(req, {
      doc: media,
      headers: new Headers(),
      params: { collection: 'media', filename: media.filename },
    });
    if (!(response instanceof Response)) continue;
    // Anything but the whole file (a 304 or 206 answering the caller's own headers, a 404) is no use here.
    if (response.status !== 200) throw new Error(`Reading media ${media.id} from storage answered ${response.status}.`);
    return Buffer.from(await response.arrayBuffer());
  }
  if (!upload.staticDir) throw new Error('The media collection has neither a storage adapter nor an upload folder.');
  return readFile(path.join(upload.staticDir, path.basename(media.filename)));
}
