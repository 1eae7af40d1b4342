import { z } from 'zod';
import { createHttpTransport } from '../http/transport';

export interface PathragClientOptions {
  baseUrl: string;
  apiKey?: string;
  timeouts?: Partial<Record<'insert' | 'query' | 'other', number>>;
}

// The live service runs a patched build: only route and request field names are reliable, so parse loosely.
const healthSchema = z.looseObject({ status: z.string().optional() });
const insertSchema = z.looseObject({ document_count: z.number().optional(), message: z.string().optional() });
const querySchema = z.looseObject({ result: z.string() });

type QueryParams = { mode: 'hybrid'; top_k: number; only_need_context: boolean; response_type: string };
const DEFAULT_QUERY_PARAMS: QueryParams = { mode: 'hybrid', top_k: 60, only_need_context: false, response_type: 'Multiple Paragraphs' };

/** The PathRAG knowledge service (jomapps/pathrag); see docs/services.md. */
export function createPathragClient(options: PathragClientOptions) {
  // A reverse proxy answers 504 at 60 s while /insert runs an LLM extraction: wait a little longer than that.
  const timeouts = { insert: 90_000, query: 60_000, other: 10_000, ...options.timeouts };
  const http = createHttpTransport({
    service: 'pathrag',
    label: 'PathRAG',
    baseUrl: options.baseUrl,
    headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {},
    timeoutMs: timeouts.other,
    statusCodes: { 400: 'invalid_request' },
  });

  return {
    /** The service answers 503 with status "unhealthy"; that, like no answer at all, reads as not healthy. */
    async health(): Promise<{ healthy: boolean }> {
      try {
        const body = await http.json('GET', '/health', healthSchema);
        return { healthy: body.status === 'healthy' };
      } catch {
        return { healthy: false };
      }
    },

    /** Append-only; identical text is a cheap no-op on the service, so a retried insert is safe. */
    async insert(documents: string | string[]): Promise<{ documentCount: number | null }> {
      const body = await http.json('POST', '/insert', insertSchema, { json: { documents }, timeoutMs: timeouts.insert });
      return { documentCount: body.document_count ?? null };
    },

    async query(question: string, params: Partial<QueryParams> = {}) {
      const body = await http.json('POST', '/query', querySchema, {
        json: { query: question, params: { ...DEFAULT_QUERY_PARAMS, ...params } },
        timeoutMs: timeouts.query,
      });
      return { answer: body.result, raw: body };
    },

    /** 200 also for a name that does not exist; the answer's body is not needed. */
    async deleteEntity(name: string): Promise<void> {
      await http.callOrThrow('DELETE', '/delete_entity', { json: { entity_name: name } });
    },
  };
}

export type PathragClient = ReturnType<typeof createPathragClient>;
