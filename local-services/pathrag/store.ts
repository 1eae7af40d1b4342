import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface StoredDocument {
  id: string;
  text: string;
  insertedAt: string;
}

/** Documents keyed by the MD5 of their exact text, like PathRAG: identical text is stored once. */
export async function openDocumentStore(dataDir: string) {
  const file = path.join(dataDir, 'documents.json');
  await mkdir(dataDir, { recursive: true });
  let state: { documents: StoredDocument[]; deletedEntities: string[] } = { documents: [], deletedEntities: [] };
  try {
    state = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    // First start: empty knowledge base.
  }
  const persist = () => writeFile(file, JSON.stringify(state));
  return {
    documents: () => state.documents,
    deletedEntities: () => new Set(state.deletedEntities),
    async insert(texts: string[]): Promise<number> {
      let added = 0;
      for (const text of texts) {
        const id = createHash('md5').update(text, 'utf8').digest('hex');
        if (state.documents.some((doc) => doc.id === id)) continue;
        state.documents.push({ id, text, insertedAt: new Date().toISOString() });
        added++;
      }
      if (added) await persist();
      return added;
    },
    async deleteEntity(name: string): Promise<void> {
      state.deletedEntities.push(name.toUpperCase());
      await persist();
    },
  };
}
