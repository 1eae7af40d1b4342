import { LRUCache } from 'lru-cache';
import type { PayloadRestClient } from '../../clients/payload/client';

/** A Payload upload document: its `url` and `filesize` name its stored file. */
export type StoredFileRef = Readonly<Record<string, unknown>>;

/**
 * Stored files this worker process has just written or read, so the next activity on the same process does not
 * download them again: every angle of a core set sends the master to the model and measures its pixels against it,
 * and a candidate is measured right after this process stored it. Shared by the process's three queue workers (the
 * model call stores, the image-work queue measures).
 *
 * Keyed by the file's URL and size. Payload gives each upload a file name of its own and never rewrites a stored file
 * in place (replacing a document's file stores a new name), so the pair names one content; a wrong size can only make
 * a miss. Bounded by bytes; a miss downloads as before, so another worker process simply downloads.
 */
export interface StoredFileCache {
  get(file: StoredFileRef): Buffer | undefined;
  /** Keeps bytes just uploaded or downloaded; ignored when their length is not the document's recorded size. */
  remember(file: StoredFileRef, bytes: Buffer): void;
}

export function createStoredFileCache(maxBytes: number): StoredFileCache {
  const files = new LRUCache<string, Buffer>({ maxSize: maxBytes, sizeCalculation: (bytes) => Math.max(1, bytes.length) });
  const keyOf = (file: StoredFileRef) =>
    typeof file.url === 'string' && file.url && typeof file.filesize === 'number' ? `${file.filesize}:${file.url}` : undefined;
  return {
    get(file) {
      const key = keyOf(file);
      return key === undefined ? undefined : files.get(key);
    },
    remember(file, bytes) {
      const key = keyOf(file);
      // Larger than the whole budget: lru-cache refuses it anyway; say so here for the reader.
      if (key === undefined || bytes.length !== file.filesize || bytes.length > maxBytes) return;
      files.set(key, bytes);
    },
  };
}

/** No caching: what activities built without a process's workers (unit tests, scripts) use. */
export const NO_STORED_FILE_CACHE: StoredFileCache = {
  get: () => undefined,
  remember: () => undefined,
};

/** A media document's stored file: from `cache` when this process holds it, else downloaded and kept there. */
export async function readStoredFile(
  payload: PayloadRestClient,
  cache: StoredFileCache,
  media: StoredFileRef,
  maxBytes: number,
): Promise<Buffer> {
  const kept = cache.get(media);
  if (kept) return kept;
  const bytes = await payload.downloadFile(String(media.url), maxBytes);
  cache.remember(media, bytes);
  return bytes;
}
