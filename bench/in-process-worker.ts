import { NativeConnection } from '@temporalio/worker';
import { createDinoClient } from '../clients/dino';
import { createImageModelClient } from '../clients/gemini';
import { createPathragClient } from '../clients/pathrag';
import { createPayloadRestClient } from '../clients/payload/client';
import { GEMINI_KEY, IMAGE_MODEL, type TestSystem } from '../test-system/system';
import { createProcessWorkers, runProcessWorkers } from '../workers/process-workers';

/**
 * The production workers inside the bench's own process (BENCH_WORKER=in-process), as every pass before the sixth
 * measured them; the tests no longer run a worker this way (docs/decisions.md: CPU work outside Jest's vm context).
 * Resolves to a function that shuts them down.
 */
export async function startInProcessWorker(system: TestSystem, workflowBundlePath: string): Promise<() => Promise<void>> {
  const connection = await NativeConnection.connect({ address: system.workerEnv().TEMPORAL_ADDRESS });
  const workers = await createProcessWorkers({
    connection,
    namespace: 'default',
    taskQueue: system.payload.taskQueue,
    workflowBundlePath,
    deps: {
      payload: createPayloadRestClient({ baseUrl: system.payload.url, apiKey: system.payload.workerApiKey }),
      dino: createDinoClient({ baseUrl: system.dino.url }),
      imageModel: createImageModelClient({ apiKey: GEMINI_KEY, model: IMAGE_MODEL, baseUrl: system.gemini.url }),
      pathrag: createPathragClient({ baseUrl: system.pathrag.url }),
      imageModelId: IMAGE_MODEL,
      temporalUiUrl: 'http://localhost:8233',
      namespace: 'default',
      reviewAttestationKey: system.payload.workerApiKey,
    },
  });
  const run = runProcessWorkers(workers);
  return async () => {
    for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
    await run.catch(() => undefined);
    await connection.close();
  };
}
