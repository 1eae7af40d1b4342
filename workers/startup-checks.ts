import { request } from 'undici';
import type { DinoClient } from '../clients/dino';
import type { ImageModelClient } from '../clients/gemini';
import { WORKER_SYSTEM_ACCOUNTS } from '../contracts';

/**
 * Fails fast on configuration mistakes (wrong API key, unknown image model) and waits for dependencies that are merely still
 * starting (Payload compiles on first request in development), so a fresh `npm start` does not crash-loop.
 */
export async function checkDependencies(options: {
  payloadUrl: string;
  apiKey: string;
  dino: DinoClient;
  imageModel: ImageModelClient;
  waitMs?: number;
}) {
  const deadline = Date.now() + (options.waitMs ?? 120_000);
  for (;;) {
    try {
      const response = await request(`${options.payloadUrl.replace(/\/$/, '')}/api/users/me`, {
        headers: { authorization: `users API-Key ${options.apiKey}` },
        headersTimeout: 30_000,
      });
      const body = (await response.body.json()) as { user?: { role?: string; systemAccount?: string | null } | null };
      if (response.statusCode === 200 && body.user?.role === 'service' && WORKER_SYSTEM_ACCOUNTS.includes(body.user.systemAccount ?? ''))
        break;
      if (response.statusCode === 200 && body.user?.role === 'service') {
        // A service account the app did not make (an admin gave a person's account the role and a key): refused, so
        // the worker never writes results in someone else's name.
        throw new Error("WORKER_API_KEY is the key of a service user the system did not create: use the worker's own account.");
      }
      if (response.statusCode === 200) {
        throw new Error('WORKER_API_KEY is not the key of a Payload service user: the worker cannot write results.');
      }
    } catch (error) {
      if ((error as Error).message.startsWith('WORKER_API_KEY')) throw error;
      if (Date.now() > deadline) throw new Error(`Payload is not reachable at ${options.payloadUrl}: ${(error as Error).message}`);
    }
    if (Date.now() > deadline) throw new Error(`Payload at ${options.payloadUrl} did not accept the worker's API key.`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const health = await options.dino.health().catch((error: Error) => ({ healthy: false, error: error.message }));
  if (!health.healthy) console.warn('analysis service is not healthy yet; activities will retry until it is');
  // A wrong or retired model id must stop the worker now, not fail every generation later.
  const model = await options.imageModel.checkModel();
  console.log(`image model ${model.name} is available`);
}
