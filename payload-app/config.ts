import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { optionalPositiveNumber } from '../common/env-values';
import { DEFAULT_TASK_QUEUE } from '../contracts';
import { resolvePublicAddress, type PublicAddress } from './public-address';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function isMongoUri(uri: string): boolean {
  return uri.startsWith('mongodb://') || uri.startsWith('mongodb+srv://');
}

/** Environment of the Payload (Next) process, parsed once. Secrets are read here and never logged. */
const schema = z
  .object({
    PAYLOAD_SECRET: z.string().min(16, 'PAYLOAD_SECRET must be at least 16 characters'),
    /** `file:` (SQLite, the embedded default) or `mongodb://` (production). */
    DATABASE_URI: z.string().default(`file:${path.join(projectRoot, '.data', 'payload.db')}`),
    /**
     * A MongoDB-wire server that is not MongoDB. `ferretdb-v1`: no `$lookup`, no transactions, and no projection on
     * `findAndModify` (Payload's login-attempt counter). Unset for real MongoDB, which keeps all three.
     */
    MONGODB_COMPAT: z.enum(['ferretdb-v1']).optional(),
    /** Where uploads are kept when no bucket is configured. */
    MEDIA_DIR: z.string().default(path.join(projectRoot, '.data', 'media')),
    /** An S3-compatible bucket for uploads (Payload's S3 storage adapter); unset = local disk (MEDIA_DIR). */
    S3_BUCKET: z.string().min(1).optional(),
    /** Unset = AWS S3 itself; otherwise the S3-compatible server's URL (MinIO, Ceph, versitygw, R2, …). */
    S3_ENDPOINT: z.string().url().optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    /** Both or neither; neither = the AWS SDK's own credential chain (instance role, AWS_* variables, profile). */
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** Path-style addressing (`endpoint/bucket/key`), which most self-hosted S3-compatible servers need. */
    S3_FORCE_PATH_STYLE: z.stringbool().default(false),
    /**
     * The one public origin (a reverse proxy, a DNS name). Unset: URLs are relative and the admin works at any
     * address of this machine. `PAYLOAD_PUBLIC_SERVER_URL` is read when `PUBLIC_URL` is not set.
     */
    PUBLIC_URL: z.string().url().optional(),
    PAYLOAD_PUBLIC_SERVER_URL: z.string().url().optional(),
    /** Comma-separated further origins people open the admin at (a LAN name DNS knows, a second proxy). */
    ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().url())),
    /** Set by `next start -p` before the config is read. */
    PORT: z.coerce.number().int().positive().default(3000),
    TEMPORAL_ADDRESS: z.string().default('localhost:7233'),
    TEMPORAL_NAMESPACE: z.string().default('default'),
    /** Letters, digits, `.`, `_`, `-`: it is also written into Temporal list filters (a batch list is this queue's). */
    TEMPORAL_TASK_QUEUE: z
      .string()
      .regex(/^[\w.-]+$/, 'letters, digits, ".", "_" and "-" only')
      .default(DEFAULT_TASK_QUEUE),
    TEMPORAL_UI_URL: z.string().url().default('http://localhost:8233'),
    DINO_BASE_URL: z.string().url().default('http://127.0.0.1:3012'),
    DINO_API_KEY: z.string().optional(),
    PATHRAG_BASE_URL: z.string().url().default('http://127.0.0.1:3014'),
    PATHRAG_API_KEY: z.string().optional(),
    /** API key of the worker's service user; the user is created (or its key set) on start when given. */
    WORKER_API_KEY: z.string().min(24).optional(),
    /**
     * During a key rotation only: the key the workers still run with. It is kept on a second system-owned service
     * account so both keys work while workers restart one by one; a start without it disables that account.
     */
    WORKER_API_KEY_PREVIOUS: z.string().min(24).optional(),
    ADMIN_EMAIL: z.string().email().default('admin@example.com'),
    ADMIN_PASSWORD: z.string().min(8).optional(),
    /** Per user: core sets, shots and questions to the knowledge service (each spends money). */
    SPENDING_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(30),
    /**
     * The image model's requests a minute across all workers: a batch's time left is estimated from it. Set it to the
     * workers' own value; unset (as unset on the workers: no limit) a batch shows no time left rather than a guess.
     */
    MODEL_REQUESTS_PER_MINUTE: optionalPositiveNumber(),
    /** At most this many of one batch's core sets generate at once. */
    BATCH_MAX_RUNNING_CORE_SETS: z.coerce.number().int().positive().default(10),
    LOG_LEVEL: z
      .string()
      .default('info')
      .transform((level) => level.toLowerCase())
      .pipe(z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal'])),
    /** `json`: one JSON object a line; `text`: Payload's readable lines. */
    LOG_FORMAT: z.enum(['json', 'text']).default('json'),
    /** GET /api/health runs its dependency checks at most once per this many seconds (0: on every call). */
    HEALTH_CACHE_SECONDS: z.coerce.number().min(0).default(5),
    /** Per account name, on the login endpoint. */
    LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().positive().default(20),
  })
  .refine((env) => !env.MONGODB_COMPAT || isMongoUri(env.DATABASE_URI), {
    path: ['MONGODB_COMPAT'],
    message: 'only applies to a mongodb:// DATABASE_URI',
  })
  // Bucket settings without a bucket would quietly keep media on local disk.
  .refine((env) => Boolean(env.S3_BUCKET) || !(env.S3_ENDPOINT || env.S3_ACCESS_KEY_ID || env.S3_SECRET_ACCESS_KEY), {
    path: ['S3_BUCKET'],
    message: 'is required when S3_ENDPOINT or S3 keys are set',
  })
  .refine((env) => Boolean(env.S3_ACCESS_KEY_ID) === Boolean(env.S3_SECRET_ACCESS_KEY), {
    path: ['S3_SECRET_ACCESS_KEY'],
    message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together',
  })
  .refine((env) => !env.WORKER_API_KEY_PREVIOUS || (env.WORKER_API_KEY && env.WORKER_API_KEY !== env.WORKER_API_KEY_PREVIOUS), {
    path: ['WORKER_API_KEY_PREVIOUS'],
    message: 'needs a different WORKER_API_KEY (the new key) beside it',
  });

export type AppConfig = z.infer<typeof schema>;

let cached: AppConfig | undefined;

export function parseAppConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid Payload app configuration: ${problems}`);
  }
  return parsed.data;
}

export function appConfig(): AppConfig {
  cached ??= parseAppConfig(process.env);
  return cached;
}

let publicAddressCache: PublicAddress | undefined;

/** The app's `serverURL`, trusted origins and cookie security, from `PUBLIC_URL`, `ALLOWED_ORIGINS` and `PORT`. */
export function publicAddress(): PublicAddress {
  const config = appConfig();
  publicAddressCache ??= resolvePublicAddress({
    publicUrl: config.PUBLIC_URL ?? config.PAYLOAD_PUBLIC_SERVER_URL,
    allowedOrigins: config.ALLOWED_ORIGINS,
    port: config.PORT,
  });
  return publicAddressCache;
}

export { projectRoot };
