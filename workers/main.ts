import { NativeConnection } from '@temporalio/worker';
import { createDinoClient } from '../clients/dino';
import { createImageModelClient } from '../clients/gemini';
import { createPathragClient } from '../clients/pathrag';
import { createPayloadRestClient } from '../clients/payload/client';
import { modelTaskQueueFor } from '../contracts';
import { loadWorkerConfig } from './config';
import { createModelWorker, createWorker } from './create-worker';
import { checkDependencies } from './startup-checks';

/** The worker process: `npm run worker`. Run more of them to scale out; they share the task queue. */
const config = loadWorkerConfig();
const payload = createPayloadRestClient({ baseUrl: config.PAYLOAD_URL, apiKey: config.WORKER_API_KEY });
const dino = createDinoClient({ baseUrl: config.DINO_BASE_URL, apiKey: config.DINO_API_KEY });
const pathrag = createPathragClient({ baseUrl: config.PATHRAG_BASE_URL, apiKey: config.PATHRAG_API_KEY });
const imageModel = createImageModelClient({
  apiKey: config.GEMINI_API_KEY,
  model: config.GEMINI_IMAGE_MODEL,
  baseUrl: config.GEMINI_BASE_URL,
});

await checkDependencies({ payloadUrl: config.PAYLOAD_URL, apiKey: config.WORKER_API_KEY, dino, imageModel });

const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
const deps = {
  payload,
  dino,
  imageModel,
  pathrag,
  imageModelId: config.GEMINI_IMAGE_MODEL,
  temporalUiUrl: config.TEMPORAL_UI_URL,
  namespace: config.TEMPORAL_NAMESPACE,
  reviewAttestationKey: config.WORKER_API_KEY,
};
const worker = await createWorker({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  workflowBundlePath: config.WORKFLOW_BUNDLE_PATH,
  maxConcurrentActivityTaskExecutions: config.MAX_CONCURRENT_ACTIVITIES,
  deps,
});
const modelWorker = await createModelWorker({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  modelRequestsPerMinute: config.MODEL_REQUESTS_PER_MINUTE,
  maxConcurrentModelCalls: config.MAX_CONCURRENT_MODEL_CALLS,
  deps,
});
const modelRate = config.MODEL_REQUESTS_PER_MINUTE ? `${config.MODEL_REQUESTS_PER_MINUTE} requests/minute` : 'no rate limit';
console.log(
  `worker polling task queues "${config.TEMPORAL_TASK_QUEUE}" and "${modelTaskQueueFor(config.TEMPORAL_TASK_QUEUE)}" (${modelRate}) on ${config.TEMPORAL_ADDRESS}`,
);
// run() resolves after SIGINT/SIGTERM once in-flight tasks finish (the SDK installs the signal handlers on both).
const runs = [worker.run(), modelWorker.run()];
try {
  await Promise.all(runs);
} catch (error) {
  // One worker failing must not leave the process half alive, polling one queue only.
  for (const each of [worker, modelWorker]) if (each.getState() === 'RUNNING') each.shutdown();
  await Promise.allSettled(runs);
  throw error;
}
await connection.close();
