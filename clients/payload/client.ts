import { FormData, request } from 'undici';
import { z } from 'zod';
import { isTransientStatus, parseRetryAfter, PermanentServiceError, TransientServiceError } from '../errors';
import { toQueryString } from './query-string';

export interface PayloadRestClientOptions {
  /** e.g. http://127.0.0.1:3000 (the Payload app; REST lives under /api). */
  baseUrl: string;
  /** API key of a `users` service account (Payload sends it as `users API-Key <key>`). */
  apiKey: string;
  timeoutMs?: number;
}

export type Where = Record<string, unknown>;

const paginatedSchema = z.object({
  docs: z.array(z.record(z.string(), z.unknown())),
  totalDocs: z.number(),
  hasNextPage: z.boolean().optional(),
});

const docResponseSchema = z.object({ doc: z.record(z.string(), z.unknown()) });
const errorBodySchema = z.object({ errors: z.array(z.object({ message: z.string() })).optional(), message: z.string().optional() });

export type PayloadDoc = Record<string, unknown> & { id: string | number };

/**
 * The worker's view of Payload: REST over HTTP as an API-key service user, so Payload's access control and
 * hooks apply to machine writes too (DESIGN §1). Only the calls the activities need.
 */
export function createPayloadRestClient(options: PayloadRestClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const authHeader = `users API-Key ${options.apiKey}`;

  async function call(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}) {
    const url = `${baseUrl}${path}`;
    let response;
    try {
      response = await request(url, {
        method: method as 'GET',
        headers: {
          authorization: authHeader,
          ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
          ...extraHeaders,
        },
        body: body === undefined ? undefined : body instanceof FormData ? (body as never) : JSON.stringify(body),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      throw new TransientServiceError(`Payload unreachable (${method} ${path}): ${(error as Error).message}`, {
        service: 'payload',
        code: 'network',
        cause: error,
      });
    }
    return response;
  }

  async function json(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await call(method, path, body);
    const text = await response.body.text();
    if (response.statusCode >= 400) throw httpError(method, path, response.statusCode, text, response.headers['retry-after']);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new PermanentServiceError(`Payload answered ${method} ${path} with non-JSON`, { service: 'payload', status: response.statusCode, code: 'bad_response' });
    }
  }

  function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
    const result = schema.safeParse(value);
    if (!result.success) {
      throw new PermanentServiceError(`Unexpected Payload response for ${what}: ${result.error.issues[0]?.message ?? 'invalid'}`, {
        service: 'payload',
        code: 'bad_response',
      });
    }
    return result.data;
  }

  return {
    baseUrl,

    async findById(collection: string, id: string | number, opts: { depth?: number } = {}): Promise<PayloadDoc> {
      const query = toQueryString({ depth: opts.depth ?? 0 });
      const doc = await json('GET', `/api/${collection}/${encodeURIComponent(String(id))}?${query}`);
      return parse(z.record(z.string(), z.unknown()), doc, `${collection}/${id}`) as PayloadDoc;
    },

    async find(collection: string, where: Where, opts: { limit?: number; depth?: number; sort?: string } = {}) {
      const query = toQueryString({ where, limit: opts.limit ?? 100, depth: opts.depth ?? 0, sort: opts.sort });
      const result = parse(paginatedSchema, await json('GET', `/api/${collection}?${query}`), `${collection} list`);
      return { docs: result.docs as PayloadDoc[], totalDocs: result.totalDocs };
    },

    async create(collection: string, data: Record<string, unknown>): Promise<PayloadDoc> {
      const result = parse(docResponseSchema, await json('POST', `/api/${collection}?depth=0`, data), `create ${collection}`);
      return result.doc as PayloadDoc;
    },

    async update(collection: string, id: string | number, data: Record<string, unknown>): Promise<PayloadDoc> {
      const result = parse(docResponseSchema, await json('PATCH', `/api/${collection}/${encodeURIComponent(String(id))}?depth=0`, data), `update ${collection}/${id}`);
      return result.doc as PayloadDoc;
    },

    /** Deletes a document; one that is already gone counts as deleted (retries are safe). */
    async remove(collection: string, id: string | number): Promise<void> {
      try {
        await json('DELETE', `/api/${collection}/${encodeURIComponent(String(id))}`);
      } catch (error) {
        if (error instanceof PermanentServiceError && error.code === 'not_found') return;
        throw error;
      }
    },

    async getGlobal(slug: string): Promise<Record<string, unknown>> {
      return parse(z.record(z.string(), z.unknown()), await json('GET', `/api/globals/${slug}?depth=0`), `global ${slug}`);
    },

    /** Uploads image bytes as a media document (Payload makes its thumbnails with sharp). */
    async uploadMedia(
      bytes: Buffer,
      file: { filename: string; mimeType: string; alt?: string; extra?: Record<string, unknown> },
    ): Promise<PayloadDoc> {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: file.mimeType }), file.filename);
      form.append('_payload', JSON.stringify({ alt: file.alt ?? file.filename, ...file.extra }));
      const response = await call('POST', '/api/media?depth=0', form);
      const text = await response.body.text();
      if (response.statusCode >= 400) throw httpError('POST', '/api/media', response.statusCode, text, response.headers['retry-after']);
      return parse(docResponseSchema, JSON.parse(text), 'media upload').doc as PayloadDoc;
    },

    /** Reads an uploaded file's bytes (files are served behind the media collection's read access). */
    async downloadFile(fileUrl: string, maxBytes: number): Promise<Buffer> {
      const path = fileUrl.startsWith('http') ? new URL(fileUrl).pathname : fileUrl;
      const response = await call('GET', path);
      if (response.statusCode >= 400) {
        const text = await response.body.text();
        throw httpError('GET', path, response.statusCode, text, response.headers['retry-after']);
      }
      const declared = Number(response.headers['content-length'] ?? 0);
      if (declared > maxBytes) {
        await response.body.dump();
        throw new PermanentServiceError(`The file is ${declared} bytes, over the ${maxBytes}-byte limit`, { service: 'payload', code: 'too_large' });
      }
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of response.body) {
        total += (chunk as Buffer).length;
        if (total > maxBytes) {
          throw new PermanentServiceError(`The file is over the ${maxBytes}-byte limit`, { service: 'payload', code: 'too_large' });
        }
        chunks.push(chunk as Buffer);
      }
      return Buffer.concat(chunks);
    },
  };
}

export type PayloadRestClient = ReturnType<typeof createPayloadRestClient>;

function httpError(method: string, path: string, status: number, text: string, retryAfter: string | string[] | undefined) {
  let detail = text.slice(0, 300);
  try {
    const body = errorBodySchema.parse(JSON.parse(text));
    detail = body.errors?.map((e) => e.message).join('; ') || body.message || detail;
  } catch {
    // Not Payload's JSON error shape: keep the raw (truncated) text.
  }
  const message = `Payload ${method} ${path} failed with ${status}: ${detail}`;
  if (isTransientStatus(status)) {
    return new TransientServiceError(message, {
      service: 'payload',
      status,
      code: `http_${status}`,
      retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
    });
  }
  return new PermanentServiceError(message, { service: 'payload', status, code: status === 404 ? 'not_found' : `http_${status}` });
}
