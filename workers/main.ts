import { NativeConnection } from '@temporalio/worker';
import type { ActivityDeps } from '../activities';
import { createDinoClient } from '../clients/dino';
import { createImageModelClient } from '../clients/gemini';
import { createPathragClient } from '../clients/pathrag';
import { createPayloadRestClient } from '../clients/payload/client';
import { imageWorkTaskQueue, modelTaskQueueFor } from '../contracts';
import { startMeasurementThreads } from '../image-analysis';
import { loadWorkerConfig } from './config';
import { startPendingUploadRecord } from './pending-uploads';
import { createProcessWorkers, runProcessWorkers } from './process-workers';
import { boundSharpMemory } from './sharp-memory';
import { checkDependencies } from './startup-checks';
import { installTelemetry } from './telemetry';

/** The worker process: `npm run worker`. Run more of them to scale out; they share the task queue. */
const config = loadWorkerConfig();
boundSharpMemory();
const log = installTelemetry({ logLevel: config.LOG_LEVEL, logFormat: config.LOG_FORMAT, metricsAddress: config.WORKER_METRICS_ADDRESS });
const payload = createPayloadRestClient({ baseUrl: config.PAYLOAD_URL, apiKey: config.WORKER_API_KEY });
const dino = createDinoClient({ baseUrl: config.DINO_BASE_URL, apiKey: config.DINO_API_KEY });
const pathrag = createPathragClient({ baseUrl: config.PATHRAG_BASE_URL, apiKey: config.PATHRAG_API_KEY });
const imageModel = createImageModelClient({
  apiKey: config.GEMINI_API_KEY,
  model: config.GEMINI_IMAGE_MODEL,
  baseUrl: config.GEMINI_BASE_URL,
});

await checkDependencies({ payloadUrl: config.PAYLOAD_URL, apiKey: config.WORKER_API_KEY, dino, imageModel });
const pendingUploads = await startPendingUploadRecord({ config, payload, dino, log });

// Compiled (scripts/compile-worker.sh), the thread's entry sits beside this bundle; run from source through tsx, the
// thread runs the TypeScript file (worker threads inherit tsx's loader).
const measurementThreadFile = import.meta.url.endsWith('.ts')
  ? new URL('../image-analysis/measurement-thread.ts', import.meta.url)
  : new URL('./measurement-thread.js', import.meta.url);
const measurementThreads = startMeasurementThreads({ size: config.MEASUREMENT_THREADS, threadFile: measurementThreadFile });

const deps: ActivityDeps = {
  payload,
  dino,
  imageModel,
  pathrag,
  imageModelId: config.GEMINI_IMAGE_MODEL,
  temporalUiUrl: config.TEMPORAL_UI_URL,
  namespace: config.TEMPORAL_NAMESPACE,
  reviewAttestationKey: config.WORKER_API_KEY,
  pendingUploads,
  measurePixels: measurementThreads.measure,
};
const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
const workers = await createProcessWorkers({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  deps,
  workflowBundlePath: config.WORKFLOW_BUNDLE_PATH,
  maxConcurrentActivities: config.MAX_CONCURRENT_ACTIVITIES,
  imageWorkConcurrency: config.IMAGE_WORK_CONCURRENCY,
  modelRequestsPerMinute: config.MODEL_REQUESTS_PER_MINUTE,
  maxConcurrentModelCalls: config.MAX_CONCURRENT_MODEL_CALLS,
  storedFileCacheBytes: Math.round(config.STORED_FILE_CACHE_MB * 1024 * 1024),
});
const modelRate = config.MODEL_REQUESTS_PER_MINUTE ? `${config.MODEL_REQUESTS_PER_MINUTE} requests/minute` : 'no rate limit';
const queue = config.TEMPORAL_TASK_QUEUE;
log.info('worker polling', {
  taskQueues: [queue, imageWorkTaskQueue(queue), modelTaskQueueFor(queue)],
  modelRate,
  temporalAddress: config.TEMPORAL_ADDRESS,
  ...(config.WORKER_METRICS_ADDRESS ? { metrics: `http://${config.WORKER_METRICS_ADDRESS}/metrics` } : {}),
});
await runProcessWorkers(workers);
await measurementThreads.close();
await connection.close();
