import { loadDinoStandInConfig } from './config';
import { startDinoStandIn } from './server';

/** `tsx local-services/dino/main.ts`: the analysis stand-in as its own process. */
const config = loadDinoStandInConfig();
const server = await startDinoStandIn({
  port: config.DINO_STANDIN_PORT,
  host: config.DINO_STANDIN_HOST,
  dataDir: config.DINO_STANDIN_DATA_DIR,
});
console.log(`analysis stand-in (DINOv3 API, classical engine) listening on ${server.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
