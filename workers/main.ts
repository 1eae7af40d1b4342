import { NativeConnection } from '@temporalio/worker';
import { createDinoClient } from '../clients/dino';
import { createImageModelClient } from '../clients/gemini';
import { createPathragClient } from '../clients/pathrag';
import { createPayloadRestClient } from '../clients/payload/client';
import { loadWorkerConfig } from './config';
import { createWorker } from './create-worker';
import { checkDependencies } from './startup-checks';
import { installTelemetry } from './telemetry';

/** The worker process: `npm run worker`. Run more of them to scale out; they share the task queue. */
const config = loadWorkerConfig();
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

const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
const worker = await createWorker({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  workflowBundlePath: config.WORKFLOW_BUNDLE_PATH,
  maxConcurrentActivityTaskExecutions: config.MAX_CONCURRENT_ACTIVITIES,
  deps: {
    payload,
    dino,
    imageModel,
    pathrag,
    imageModelId: config.GEMINI_IMAGE_MODEL,
    temporalUiUrl: config.TEMPORAL_UI_URL,
    namespace: config.TEMPORAL_NAMESPACE,
    reviewAttestationKey: config.WORKER_API_KEY,
  },
});
log.info('worker polling', {
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  temporalAddress: config.TEMPORAL_ADDRESS,
  ...(config.WORKER_METRICS_ADDRESS ? { metrics: `http://${config.WORKER_METRICS_ADDRESS}/metrics` } : {}),
});
// run() resolves after SIGINT/SIGTERM once in-flight tasks finish (the SDK installs the signal handlers).
await worker.run();
await connection.close();
