/** Okapi BM25 over text chunks: real retrieval for the stand-in's /query. */
export interface Chunk {
  documentId: string;
  text: string;
}

const K1 = 1.2;
const B = 0.75;

export function tokenize(text: string): string[] {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 1);
}

export function rankChunks(chunks: Chunk[], query: string, topK: number): Array<Chunk & { score: number }> {
  const terms = [...new Set(tokenize(query))];
  if (terms.length === 0 || chunks.length === 0) return [];
  const tokenized = chunks.map((chunk) => tokenize(chunk.text));
  const avgLength = tokenized.reduce((sum, tokens) => sum + tokens.length, 0) / tokenized.length || 1;
  const documentFrequency = new Map<string, number>();
  for (const tokens of tokenized) for (const term of new Set(tokens)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  return chunks
    .map((chunk, index) => {
      const tokens = tokenized[index]!;
      let score = 0;
      for (const term of terms) {
        const tf = tokens.filter((token) => token === term).length;
        if (tf === 0) continue;
        const df = documentFrequency.get(term) ?? 0;
        const idf = Math.log(1 + (chunks.length - df + 0.5) / (df + 0.5));
        score += idf * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * tokens.length) / avgLength)));
      }
      return { ...chunk, score };
    })
    .filter((chunk) => chunk.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, topK);
}

/** Paragraphs, and long paragraphs split into sentence groups of about 600 characters. */
export function chunkDocument(documentId: string, text: string): Chunk[] {
  const chunks: Chunk[] = [];
  for (const paragraph of text.split(/\n{2,}/)) {
    const sentences = paragraph.match(/[^.!?\n]+[.!?]*\s*/g) ?? [paragraph];
    let current = '';
    for (const sentence of sentences) {
      if (current.length + sentence.length > 600 && current) {
        chunks.push({ documentId, text: current.trim() });
        current = '';
      }
      current += sentence;
    }
    if (current.trim()) chunks.push({ documentId, text: current.trim() });
  }
  return chunks;
}
