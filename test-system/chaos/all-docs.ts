import type { Json } from '../json';
import type { RestSession } from '../rest';

/** Every document of a collection, page by page (depth 0: relations as ids). */
export async function allDocs(session: RestSession, collection: string, where = ''): Promise<Json[]> {
  const docs: Json[] = [];
  for (let page = 1; ; page++) {
    const { status, body } = await session.request('GET', `/api/${collection}?limit=200&page=${page}&depth=0${where}`);
    if (status !== 200) throw new Error(`reading ${collection}: HTTP ${status} ${JSON.stringify(body)}`);
    docs.push(...(body.docs as Json[]));
    if (!body.hasNextPage) return docs;
  }
}
