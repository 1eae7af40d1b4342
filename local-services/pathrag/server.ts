import { z } from 'zod';
import { json, serveFetchHandler, type FetchHandler, type RunningServer } from '../http/http-server';
import { chunkDocument, rankChunks } from './bm25';
import { openDocumentStore } from './store';

/**
 * A local stand-in for the PathRAG service (docs/services.md): the same routes and shapes, MD5 de-duplication
 * of identical text, BM25 retrieval instead of an LLM, and a /_control API to script faults and outages.
 */
type Fault = { fault: '504' | '500' | 'slow'; delayMs?: number; route?: 'insert' | 'query' | 'health' };

const faultSchema = z.object({
  queue: z.array(
    z.object({
      fault: z.enum(['504', '500', 'slow']),
      delayMs: z.number().optional(),
      route: z.enum(['insert', 'query', 'health']).optional(),
    }),
  ),
});

function errorBody(status: number, message: string, type: string) {
  return json({ error: type, message, timestamp: new Date().toISOString(), type }, status);
}

export async function createPathragStandIn(options: { dataDir: string }): Promise<FetchHandler> {
  const store = await openDocumentStore(options.dataDir);
  const faults: Fault[] = [];
  const stats = { inserts: 0, newDocuments: 0, queries: 0 };
  let healthy = true;

  const takeFault = (route: Fault['route']) => {
    const index = faults.findIndex((fault) => !fault.route || fault.route === route);
    return index >= 0 ? faults.splice(index, 1)[0] : undefined;
  };

  return async (request) => {
    const url = new URL(request.url);
    const route = url.pathname;
    if (route === '/_control/faults') {
      if (request.method === 'DELETE') {
        faults.length = 0;
        return json({ cleared: true });
      }
      const body = faultSchema.parse(await request.json());
      faults.push(...body.queue);
      return json({ queued: faults.length });
    }
    if (route === '/_control/stats')
      return json({ ...stats, documents: store.documents().length, deletedEntities: [...store.deletedEntities()] });
    if (route === '/_control/health') {
      healthy = z.object({ healthy: z.boolean() }).parse(await request.json()).healthy;
      return json({ healthy });
    }
    const name = route === '/insert' ? 'insert' : route === '/query' ? 'query' : route === '/health' ? 'health' : undefined;
    if (!healthy) return json({ status: 'unhealthy', error: 'service unavailable' }, 503);
    const fault = name ? takeFault(name) : undefined;
    if (fault?.fault === '504')
      return new Response('<html><body>504 Gateway Time-out</body></html>', { status: 504, headers: { 'content-type': 'text/html' } });
    if (fault?.fault === '500') return errorBody(500, 'Internal server error', 'InternalError');
    if (fault?.fault === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 5_000));

    if (route === '/health' && request.method === 'GET') {
      return json({
        status: 'healthy',
        service: 'pathrag-stand-in',
        documents: store.documents().length,
        timestamp: new Date().toISOString(),
      });
    }
    if (route === '/insert' && request.method === 'POST') {
      const body = (await request.json().catch(() => null)) as { documents?: unknown } | null;
      const documents = typeof body?.documents === 'string' ? [body.documents] : body?.documents;
      if (!Array.isArray(documents) || documents.length === 0 || !documents.every((d) => typeof d === 'string' && d.trim())) {
        return errorBody(400, "'documents' must be a non-empty string or list of strings", 'ValidationError');
      }
      stats.inserts++;
      const added = await store.insert(documents as string[]);
      stats.newDocuments += added;
      return json(
        { message: 'Documents inserted successfully', document_count: added, timestamp: new Date().toISOString(), result: null },
        201,
      );
    }
    if (route === '/query' && request.method === 'POST') {
      const body = (await request.json().catch(() => null)) as { query?: unknown; params?: { mode?: string; top_k?: number } } | null;
      if (typeof body?.query !== 'string' || !body.query.trim()) return errorBody(400, "'query' is required", 'ValidationError');
      if (body.params?.mode && body.params.mode !== 'hybrid')
        return errorBody(500, `mode ${body.params.mode} is not supported`, 'InternalError');
      stats.queries++;
      const chunks = store.documents().flatMap((doc) => chunkDocument(doc.id, doc.text));
      const ranked = rankChunks(chunks, body.query, Math.min(5, body.params?.top_k ?? 60));
      const headerOf = (documentId: string) =>
        store
          .documents()
          .find((doc) => doc.id === documentId)
          ?.text.split('\n')[0] ?? '';
      const result = ranked.length
        ? ranked.map((chunk) => `From "${headerOf(chunk.documentId)}":\n${chunk.text}`).join('\n\n')
        : 'No information about that was found in the knowledge base.';
      return json({ query: body.query, result, params: body.params ?? {}, timestamp: new Date().toISOString() });
    }
    if (route === '/delete_entity' && request.method === 'DELETE') {
      const body = (await request.json().catch(() => null)) as { entity_name?: unknown } | null;
      if (typeof body?.entity_name !== 'string' || !body.entity_name) return errorBody(400, "'entity_name' is required", 'ValidationError');
      await store.deleteEntity(body.entity_name);
      return json({ message: `Entity ${body.entity_name.toUpperCase()} deleted`, timestamp: new Date().toISOString() });
    }
    return errorBody(404, 'Not found', 'NotFound');
  };
}

export async function startPathragStandIn(options: { port: number; dataDir: string; host?: string }): Promise<RunningServer> {
  return serveFetchHandler(await createPathragStandIn({ dataDir: options.dataDir }), { port: options.port, host: options.host });
}
