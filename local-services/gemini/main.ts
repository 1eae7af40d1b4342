import { loadGeminiStandInConfig } from './config';
import { startGeminiStandIn } from './server';

/** `tsx local-services/gemini/main.ts`: the image-model stand-in as its own process (configuration in config.ts). */
const config = loadGeminiStandInConfig();
const server = await startGeminiStandIn(config);
const faults =
  Object.entries(config.faults)
    .map(([fault, rate]) => `${fault}:${rate}`)
    .join(',') || 'none';
console.log(
  `Gemini stand-in listening on ${server.url} (models: ${config.models.join(', ')}; latency ${config.latencyMs} ms; faults ${faults}; ` +
    `quota ${config.requestsPerMinute ? `${config.requestsPerMinute} requests/minute` : 'none'}; ` +
    'callers must send the key from GEMINI_STANDIN_API_KEY)',
);

let closing = false;
const shutdown = (signal: string): void => {
  if (closing) return;
  closing = true;
  console.log(`Gemini stand-in: ${signal}, closing`);
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('Gemini stand-in: close failed', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
