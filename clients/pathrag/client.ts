import { request } from 'undici';
import { z } from 'zod';
import { isTransientStatus, PermanentServiceError, TransientServiceError } from '../errors';

export interface PathragClientOptions {
  baseUrl: string;
  apiKey?: string;
  timeouts?: Partial<Record<'insert' | 'query' | 'other', number>>;
}

// The live service runs a patched build: only route and request field names are reliable, so parse loosely.
const healthSchema = z.looseObject({ status: z.string().optional() });
const insertSchema = z.looseObject({ document_count: z.number().optional(), message: z.string().optional() });
const querySchema = z.looseObject({ result: z.string() });
const errorSchema = z.looseObject({ message: z.string().optional(), error: z.string().optional() });

/** The PathRAG knowledge service (jomapps/pathrag); see specs/pathrag-service.md. */
export function createPathragClient(options: PathragClientOptions) {
  const base = options.baseUrl.replace(/\/$/, '');
  // A reverse proxy answers 504 at 60 s while /insert runs an LLM extraction: wait a little longer than that.
  const timeouts = { insert: 90_000, query: 60_000, other: 10_000, ...options.timeouts };
  const auth: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};

  async function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, timeoutMs: number, schema: z.ZodType<T>, body?: unknown, okStatuses = [200, 201]): Promise<{ status: number; body: T }> {
    let status: number;
    let text: string;
    try {
      const response = await request(`${base}${path}`, {
        method,
        headers: { ...auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      throw new TransientServiceError(`PathRAG unreachable (${method} ${path}): ${(error as Error).message}`, { service: 'pathrag', code: 'network', cause: error });
    }
    let parsed: unknown = undefined;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Proxies answer 5xx with HTML; that is handled by status below.
    }
    if (!okStatuses.includes(status)) {
      const detail = errorSchema.safeParse(parsed);
      const message = `PathRAG ${method} ${path} failed with ${status}: ${(detail.success && (detail.data.message ?? detail.data.error)) || text.slice(0, 200)}`;
      if (isTransientStatus(status)) throw new TransientServiceError(message, { service: 'pathrag', status, code: `http_${status}` });
      throw new PermanentServiceError(message, { service: 'pathrag', status, code: status === 400 ? 'invalid_request' : `http_${status}` });
    }
    const result = schema.safeParse(parsed);
    if (!result.success) throw new PermanentServiceError(`Unexpected PathRAG response for ${method} ${path}`, { service: 'pathrag', status, code: 'bad_response' });
    return { status, body: result.data };
  }

  return {
    /** 503 with status "unhealthy" is an answer, not an error. */
    async health(): Promise<{ healthy: boolean }> {
      try {
        const { body } = await call('GET', '/health', timeouts.other, healthSchema, undefined, [200, 503]);
        return { healthy: body.status === 'healthy' };
      } catch {
        return { healthy: false };
      }
    },

    /** Append-only; identical text is a cheap no-op on the service, so a retried insert is safe. */
    async insert(documents: string | string[]): Promise<{ documentCount: number | null }> {
      const { body } = await call('POST', '/insert', timeouts.insert, insertSchema, { documents });
      return { documentCount: body.document_count ?? null };
    },

    async query(question: string, params: Partial<{ mode: 'hybrid'; top_k: number; only_need_context: boolean; response_type: string }> = {}) {
      const { body } = await call('POST', '/query', timeouts.query, querySchema, {
        query: question,
        params: { mode: 'hybrid', top_k: 60, only_need_context: false, response_type: 'Multiple Paragraphs', ...params },
      });
      return { answer: body.result, raw: body };
    },

    /** 200 also for a name that does not exist. */
    async deleteEntity(name: string): Promise<void> {
      await call('DELETE', '/delete_entity', timeouts.other, z.unknown(), { entity_name: name });
    },
  };
}

export type PathragClient = ReturnType<typeof createPathragClient>;
