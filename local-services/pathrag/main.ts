import { z } from 'zod';
import { startPathragStandIn } from './server';

const config = z
  .object({
    PATHRAG_STANDIN_PORT: z.coerce.number().int().min(0).max(65535).default(3014),
    PATHRAG_STANDIN_HOST: z.string().default('127.0.0.1'),
    PATHRAG_STANDIN_DATA_DIR: z.string().default('.data/pathrag'),
  })
  .parse(process.env);
const server = await startPathragStandIn({
  port: config.PATHRAG_STANDIN_PORT,
  host: config.PATHRAG_STANDIN_HOST,
  dataDir: config.PATHRAG_STANDIN_DATA_DIR,
});
console.log(`PathRAG stand-in (BM25 retrieval) listening on ${server.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
