import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { RunningServer } from '../local-services/http/http-server';
import { startPayloadServer, type PayloadServer } from './payload-server';
import { RestSession } from './rest';
import { startS3Server, type S3Server } from './s3-server';
import { startStandInsProcess } from './stand-ins-process';
import { startPollingWorkers, type WorkerProcess } from './worker-process';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// Workers log every state change at INFO; tests only need warnings. The runtime can be installed once per process.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed by another test file in this process.
}
export const IMAGE_MODEL = 'gemini-3.1-flash-image';
export const GEMINI_KEY = 'test-gemini-key';

export interface TestSystem {
  payload: PayloadServer;
  dino: RunningServer;
  gemini: RunningServer;
  pathrag: RunningServer;
  /** The S3-compatible store holding the media, when started with `objectStorage`. */
  s3?: S3Server;
  temporal: Client;
  admin: RestSession;
  session(role: 'editor' | 'reviewer' | 'viewer'): Promise<RestSession>;
  /**
   * The system's worker: a real worker process, polling when this resolves. Not one inside the test process: Jest's vm
   * context runs the worker's pixel work many times slower than production does (tsx-child.ts).
   */
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  /** What the system's worker (started by `startWorker`) has written so far; '' when none runs. */
  workerOutput(): string;
  /** A real worker process (`tsx workers/main.ts`), for tests that kill it; `env` adds to its environment. */
  spawnWorkerProcess(env?: Record<string, string>): ChildProcess;
  workerEnv(): Record<string, string>;
  stop(): Promise<void>;
}

export interface TestSystemOptions {
  /** A running Temporal server (the dev server: the Payload app needs the project's search attributes). */
  temporalAddress: string;
  /** A prebuilt workflow bundle, shared by every worker of the run. */
  workflowBundlePath: string;
  /** Where the stand-ins' and Payload's data folders are made. */
  tmpDir: string;
  geminiLatencyMs?: number;
  /** The image-model stand-in answers 429 beyond this many generateContent requests a minute. */
  geminiRequestsPerMinute?: number;
  /** The model queue's rate for every worker of the system (in-process and spawned). */
  modelRequestsPerMinute?: number;
  /** Seeds the stand-ins' fault draws (and the image model's drawing jitter). */
  seed?: number;
  /** Media in a bucket on versitygw (VERSITYGW_PATH, from `ensure_versitygw`) instead of Payload's local folder. */
  objectStorage?: boolean;
  /** More environment for the app (e.g. PUBLIC_URL). */
  payloadEnv?: Record<string, string>;
}

/** The whole system on loopback: Payload, both stand-ins, and a worker on a task queue of its own. */
export async function startTestSystem(options: TestSystemOptions): Promise<TestSystem> {
  const tmp = await mkdtemp(path.join(options.tmpDir, 'system-'));
  const { dino, gemini, pathrag } = await startStandInsProcess({
    dinoDataDir: path.join(tmp, 'dino'),
    pathragDataDir: path.join(tmp, 'pathrag'),
    seed: options.seed,
    gemini: {
      apiKey: GEMINI_KEY,
      latencyMs: options.geminiLatencyMs ?? 0,
      requestsPerMinute: options.geminiRequestsPerMinute,
      seed: options.seed ?? 7,
    },
  });
  const s3 = options.objectStorage ? await startS3Server({ binaryPath: process.env.VERSITYGW_PATH, dir: tmp }) : undefined;
  const address = options.temporalAddress;
  const payload = await startPayloadServer({
    temporalAddress: address,
    tmpDir: options.tmpDir,
    env: {
      DINO_BASE_URL: dino.url,
      PATHRAG_BASE_URL: pathrag.url,
      // The app estimates a batch's time left from the rate the workers keep: one value for both, as in production.
      ...(options.modelRequestsPerMinute ? { MODEL_REQUESTS_PER_MINUTE: String(options.modelRequestsPerMinute) } : {}),
      ...options.payloadEnv,
    },
    objectStorage: s3,
  });
  const temporal = new Client({ connection: await Connection.connect({ address }) });
  const admin = await RestSession.login(payload.url, payload.adminEmail, payload.adminPassword);
  const sessions = new Map<string, RestSession>();
  let worker: WorkerProcess | undefined;

  const workerEnv = (): Record<string, string> => ({
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: payload.taskQueue,
    WORKFLOW_BUNDLE_PATH: options.workflowBundlePath,
    PAYLOAD_URL: payload.url,
    WORKER_API_KEY: payload.workerApiKey,
    DINO_BASE_URL: dino.url,
    GEMINI_API_KEY: GEMINI_KEY,
    GEMINI_BASE_URL: gemini.url,
    GEMINI_IMAGE_MODEL: IMAGE_MODEL,
    PATHRAG_BASE_URL: pathrag.url,
    ...(options.modelRequestsPerMinute ? { MODEL_REQUESTS_PER_MINUTE: String(options.modelRequestsPerMinute) } : {}),
  });

  const system: TestSystem = {
    payload,
    dino,
    gemini,
    pathrag,
    s3,
    temporal,
    admin,
    workerEnv,
    async session(role) {
      const existing = sessions.get(role);
      if (existing) return existing;
      const email = `${role}-${randomBytes(3).toString('hex')}@test.local`;
      const password = randomBytes(12).toString('hex');
      const created = await admin.request('POST', '/api/users', { email, password, role });
      if (created.status !== 201) throw new Error(`could not create ${role}: ${JSON.stringify(created.body)}`);
      const session = await RestSession.login(payload.url, email, password);
      sessions.set(role, session);
      return session;
    },
    async startWorker() {
      if (worker) return;
      [worker] = await startPollingWorkers(1, () => system.spawnWorkerProcess());
    },
    async stopWorker() {
      await worker?.stop();
      worker = undefined;
    },
    workerOutput: () => worker?.output() ?? '',
    spawnWorkerProcess(env = {}) {
      return spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'workers/main.ts')], {
        cwd: ROOT,
        env: { ...process.env, NODE_OPTIONS: '', ...workerEnv(), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
    },
    async stop() {
      await system.stopWorker();
      await temporal.connection.close();
      await payload.stop();
      await gemini.close();
      await pathrag.close();
      await dino.close();
      await s3?.stop();
    },
  };
  return system;
}
