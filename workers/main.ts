import { NativeConnection } from '@temporalio/worker';
import type { ActivityDeps } from '../activities';
import { createDinoClient } from '../clients/dino';
import { createImageModelClient } from '../clients/gemini';
import { createPathragClient } from '../clients/pathrag';
import { createPayloadRestClient } from '../clients/payload/client';
import { imageWorkTaskQueue, modelTaskQueueFor } from '../contracts';
import { loadWorkerConfig } from './config';
import { createModelWorker, createWorker } from './create-worker';
import { createImageWorkWorker } from './image-work-worker';
import { boundSharpMemory } from './sharp-memory';
import { checkDependencies } from './startup-checks';

/** The worker process: `npm run worker`. Run more of them to scale out; they share the task queue. */
const config = loadWorkerConfig();
boundSharpMemory();
const payload = createPayloadRestClient({ baseUrl: config.PAYLOAD_URL, apiKey: config.WORKER_API_KEY });
const dino = createDinoClient({ baseUrl: config.DINO_BASE_URL, apiKey: config.DINO_API_KEY });
const pathrag = createPathragClient({ baseUrl: config.PATHRAG_BASE_URL, apiKey: config.PATHRAG_API_KEY });
const imageModel = createImageModelClient({
  apiKey: config.GEMINI_API_KEY,
  model: config.GEMINI_IMAGE_MODEL,
  baseUrl: config.GEMINI_BASE_URL,
});

await checkDependencies({ payloadUrl: config.PAYLOAD_URL, apiKey: config.WORKER_API_KEY, dino, imageModel });

const deps: ActivityDeps = {
  payload,
  dino,
  imageModel,
  pathrag,
  imageModelId: config.GEMINI_IMAGE_MODEL,
  temporalUiUrl: config.TEMPORAL_UI_URL,
  namespace: config.TEMPORAL_NAMESPACE,
  reviewAttestationKey: config.WORKER_API_KEY,
};
const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
const worker = await createWorker({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  workflowBundlePath: config.WORKFLOW_BUNDLE_PATH,
  maxConcurrentActivityTaskExecutions: config.MAX_CONCURRENT_ACTIVITIES,
  deps,
});
const imageWorker = await createImageWorkWorker({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  concurrency: config.IMAGE_WORK_CONCURRENCY,
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
const workers = [worker, imageWorker, modelWorker];
const modelRate = config.MODEL_REQUESTS_PER_MINUTE ? `${config.MODEL_REQUESTS_PER_MINUTE} requests/minute` : 'no rate limit';
const queue = config.TEMPORAL_TASK_QUEUE;
console.log(
  `worker polling task queues "${queue}", "${imageWorkTaskQueue(queue)}" and "${modelTaskQueueFor(queue)}" (${modelRate}) on ${config.TEMPORAL_ADDRESS}`,
);
// run() resolves after SIGINT/SIGTERM once in-flight tasks finish (the SDK installs the signal handlers on each).
const runs = workers.map((each) => each.run());
try {
  await Promise.all(runs);
} catch (error) {
  // One worker failing must not leave the process half alive, polling some queues only.
  for (const each of workers) if (each.getState() === 'RUNNING') each.shutdown();
  await Promise.allSettled(runs);
  throw error;
}
await connection.close();
