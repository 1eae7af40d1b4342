import { z } from 'zod';
import { optionalPositiveNumber } from '../common/env-values';
import { DEFAULT_TASK_QUEUE } from '../contracts';
import { DEFAULT_IMAGE_WORK_CONCURRENCY } from './image-work-worker';
import { DEFAULT_STORED_FILE_CACHE_MB } from './process-workers';

/** Environment of a worker process, parsed once at start-up. Secrets are never logged. */
const schema = z.object({
  TEMPORAL_ADDRESS: z.string().default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default(DEFAULT_TASK_QUEUE),
  TEMPORAL_UI_URL: z.string().url().default('http://localhost:8233'),
  /** A bundle made by workers/build-bundle.ts; without it the worker bundles the workflows at start. */
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
  PAYLOAD_URL: z.string().url().default('http://127.0.0.1:3000'),
  WORKER_API_KEY: z.string().min(24, 'WORKER_API_KEY (the service user API key) is required'),
  DINO_BASE_URL: z.string().url().default('http://127.0.0.1:3012'),
  DINO_API_KEY: z.string().optional(),
  GEMINI_API_KEY: z.string().min(1, 'GEMINI_API_KEY is required (any value for the local stand-in)'),
  GEMINI_IMAGE_MODEL: z.string().default('gemini-3.1-flash-image'),
  /** Unset = Google's endpoint; the local stand-in otherwise. */
  GEMINI_BASE_URL: z.string().url().optional(),
  PATHRAG_BASE_URL: z.string().url().default('http://127.0.0.1:3014'),
  PATHRAG_API_KEY: z.string().optional(),
  MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().positive().default(16),
  /**
   * Image-work activities this worker runs at once (the image-work queue). Each holds its picture's bytes while it
   * waits for a measurement thread; the decoding and measuring happen on MEASUREMENT_THREADS, one picture per thread.
   */
  IMAGE_WORK_CONCURRENCY: z.coerce.number().int().positive().default(DEFAULT_IMAGE_WORK_CONCURRENCY),
  /**
   * Threads that run the pixel measurement (image-analysis/measurement-threads.ts). Each keeps a V8 heap and decoded
   * pixels of its own: with two, the worker's peak with three core sets in flight rose by about 130 MB, with one by
   * about 30 MB (bench/README.md); on a machine with more cores and memory, raise it with IMAGE_WORK_CONCURRENCY.
   */
  MEASUREMENT_THREADS: z.coerce.number().int().positive().default(1),
  /** Megabytes of just-stored or just-read image files kept so this process does not download them again (0: off). */
  STORED_FILE_CACHE_MB: z.coerce.number().nonnegative().default(DEFAULT_STORED_FILE_CACHE_MB),
  /**
   * The image model's quota, requests a minute, for all workers together (Temporal enforces it on the model's task
   * queue). Give every worker the same value, a little under the account's quota. Unset: no limit (the stand-in).
   */
  MODEL_REQUESTS_PER_MINUTE: optionalPositiveNumber(),
  /** Model calls one worker process runs at once (each mostly waits for the model). */
  MAX_CONCURRENT_MODEL_CALLS: z.coerce.number().int().positive().default(16),
  /**
   * Where this process records analysis uploads whose id is not yet on their media, so the next worker process can
   * clean up after one that died (activities/support/pending-analysis-uploads.ts). Must be on this host's own disk.
   * Unset: a folder in the system's temporary directory named for this system's Payload and analysis service.
   */
  WORKER_STATE_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z
    .string()
    .default('INFO')
    .transform((level) => level.toUpperCase())
    .pipe(z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'])),
  LOG_FORMAT: z.enum(['json', 'text']).default('json'),
  /** host:port of a Prometheus `/metrics` endpoint with the SDK's metrics; off when unset. One port per worker. */
  WORKER_METRICS_ADDRESS: z
    .string()
    .regex(/^(\[[0-9a-fA-F:]+\]|[^:\s]+):\d{1,5}$/, 'host:port, e.g. 127.0.0.1:9464')
    .optional(),
});

export type WorkerConfig = z.infer<typeof schema>;

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid worker configuration: ${problems}`);
  }
  return parsed.data;
}
