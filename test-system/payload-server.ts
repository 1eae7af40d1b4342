import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseEnvFor } from './database';
import { freePort, waitFor } from './ports';
import type { S3Server } from './s3-server';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface PayloadServer {
  url: string;
  payloadSecret: string;
  workerApiKey: string;
  adminEmail: string;
  adminPassword: string;
  taskQueue: string;
  dataDir: string;
  logs(): string;
  /** SIGKILL, no clean shutdown; resolves once the process is gone. */
  kill(): Promise<void>;
  /**
   * Starts it again on the same port, database, uploads and secrets (sessions stay valid); `envChanges` are applied
   * first and kept (an undefined value removes the variable), as a redeploy with new settings would.
   */
  restart(envChanges?: Record<string, string | undefined>): Promise<void>;
  /** Whether the process exited without being asked to. */
  exitedUnexpectedly(): boolean;
  stop(): Promise<void>;
}

export interface PayloadServerOptions {
  temporalAddress: string;
  /** Where its data folder is made. */
  tmpDir: string;
  /** More environment for the app; it wins over the defaults. */
  env: Record<string, string>;
  /** A stopped server whose database, files and secrets this one starts on, at a new port (a redeploy). */
  restartOf?: PayloadServer;
  /** Keep media in this bucket (Payload's S3 storage adapter) instead of the data folder's `media`. */
  objectStorage?: Pick<S3Server, 'appEnv'>;
}

/**
 * The real Payload app (`next start` on the build `npm test` made) on a fresh database (see database.ts), in
 * production mode so a SQLite schema comes from the committed migrations exactly as it does for users.
 */
export async function startPayloadServer({
  temporalAddress,
  tmpDir,
  env,
  restartOf,
  objectStorage,
}: PayloadServerOptions): Promise<PayloadServer> {
  const dataDir = restartOf?.dataDir ?? (await mkdtemp(path.join(tmpDir, 'payload-')));
  const port = await freePort();
  const payloadSecret = restartOf?.payloadSecret ?? randomBytes(32).toString('hex');
  const workerApiKey = restartOf?.workerApiKey ?? randomBytes(24).toString('hex');
  const adminPassword = restartOf?.adminPassword ?? randomBytes(12).toString('base64url');
  const adminEmail = 'admin@test.local';
  const taskQueue = env.TEMPORAL_TASK_QUEUE ?? restartOf?.taskQueue ?? `test-${randomBytes(4).toString('hex')}`;
  const url = `http://127.0.0.1:${port}`;
  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: '',
    NODE_ENV: 'production' as const,
    PAYLOAD_SECRET: payloadSecret,
    ...databaseEnvFor(dataDir),
    MEDIA_DIR: path.join(dataDir, 'media'),
    WORKER_API_KEY: workerApiKey,
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    ...objectStorage?.appEnv(),
    ...env,
  };
  let output = '';
  let child: ChildProcess;
  let exited: Promise<void>;
  let stopping = false;

  async function launch(): Promise<void> {
    stopping = false;
    child = spawn(
      process.execPath,
      [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', path.join(ROOT, 'payload-app'), '-p', String(port), '-H', '127.0.0.1'],
      { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: appEnv },
    );
    const launched = child;
    launched.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    launched.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise<void>((resolve) => launched.once('exit', () => resolve()));
    try {
      // The first request initialises Payload: migrations, the first admin and the worker's service user.
      await waitFor(
        'Payload to answer /api/health',
        async () => {
          if (launched.exitCode !== null) throw new Error(`next start exited (${launched.exitCode}):\n${output}`);
          const response = await fetch(`${url}/api/health`);
          return response.status === 200 || response.status === 503;
        },
        90_000,
        500,
      );
    } catch (error) {
      // It may have exited on its own already (that is often the error); its output says why.
      if (launched.pid && launched.exitCode === null && launched.signalCode === null) process.kill(-launched.pid, 'SIGKILL');
      throw new Error(`${(error as Error).message}\n--- payload output ---\n${output}`);
    }
  }

  await launch();
  return {
    url,
    payloadSecret,
    workerApiKey,
    adminEmail,
    adminPassword,
    taskQueue,
    dataDir,
    logs: () => output,
    async kill() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
      await exited;
    },
    async restart(envChanges = {}) {
      // A second process on the same port would leave the first running, unowned.
      if (child.exitCode === null && child.signalCode === null) throw new Error('stop or kill the Payload server before restarting it');
      for (const [name, value] of Object.entries(envChanges)) {
        if (value === undefined) delete appEnv[name];
        else appEnv[name] = value;
      }
      await launch();
    },
    exitedUnexpectedly: () => !stopping && (child.exitCode !== null || child.signalCode !== null),
    async stop() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        process.kill(-child.pid, 'SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
      }
    },
  };
}
