import type { PayloadRequest } from 'payload';
import { MAX_JSON_BODY_BYTES } from '../../contracts';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${Math.round(limit / 1024)} KB.`);
  }
}

/**
 * The request body as text, read no further than `maxBytes`: a declared length over it is refused before reading, and
 * an undeclared (chunked) body is cut off as soon as it passes it, so a client cannot make the app buffer gigabytes.
 */
export async function readBodyText(req: PayloadRequest, maxBytes = MAX_JSON_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError(maxBytes);
  const stream = req.body as ReadableStream<Uint8Array> | null | undefined;
  if (!stream) return '';
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
