import { NativeConnection } from '@temporalio/worker';
import { createDinoClient } from '../clients/dino';
import { createImageModelClient } from '../clients/gemini';
import { createPathragClient } from '../clients/pathrag';
import { createPayloadRestClient } from '../clients/payload/client';
import { createProcessWorkers, runProcessWorkers } from '../workers/process-workers';
import { GEMINI_KEY, IMAGE_MODEL, type TestSystem } from './system';

export interface KeyedWorker {
  stop(): Promise<void>;
}

/**
 * An in-process worker of the system's task queue that reaches Payload with the API key given, not the one the app
 * was started with: several of them, on different keys, are what a rolling key rotation looks like.
 */
export async function startWorkerWithKey(system: TestSystem, workflowBundlePath: string, apiKey: string): Promise<KeyedWorker> {
  const env = system.workerEnv();
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const workers = await createProcessWorkers({
    connection,
    namespace: 'default',
    taskQueue: system.payload.taskQueue,
    workflowBundlePath,
    deps: {
      payload: createPayloadRestClient({ baseUrl: system.payload.url, apiKey }),
      dino: createDinoClient({ baseUrl: system.dino.url }),
      imageModel: createImageModelClient({ apiKey: GEMINI_KEY, model: IMAGE_MODEL, baseUrl: system.gemini.url }),
      pathrag: createPathragClient({ baseUrl: system.pathrag.url }),
      imageModelId: IMAGE_MODEL,
      temporalUiUrl: 'http://localhost:8233',
      namespace: 'default',
      reviewAttestationKey: apiKey,
    },
  });
  const run = runProcessWorkers(workers);
  return {
    async stop() {
      for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
      await run.catch(() => undefined);
      await connection.close();
    },
  };
}
