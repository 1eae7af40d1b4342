import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseEnvFor } from './database';
import { freePort, waitFor } from './ports';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface PayloadServer {
  url: string;
  workerApiKey: string;
  adminEmail: string;
  adminPassword: string;
  taskQueue: string;
  dataDir: string;
  logs(): string;
  stop(): Promise<void>;
}

export interface PayloadServerOptions {
  temporalAddress: string;
  /** Where its data folder is made. */
  tmpDir: string;
  /** More environment for the app; it wins over the defaults. */
  env: Record<string, string>;
}

/**
 * The real Payload app (`next start` on the build `npm test` made) on a fresh database (see database.ts), in
 * production mode so a SQLite schema comes from the committed migrations exactly as it does for users.
 */
export async function startPayloadServer({ temporalAddress, tmpDir, env }: PayloadServerOptions): Promise<PayloadServer> {
  const dataDir = await mkdtemp(path.join(tmpDir, 'payload-'));
  const port = await freePort();
  const workerApiKey = randomBytes(24).toString('hex');
  const adminPassword = randomBytes(12).toString('base64url');
  const adminEmail = 'admin@test.local';
  const taskQueue = env.TEMPORAL_TASK_QUEUE ?? `test-${randomBytes(4).toString('hex')}`;
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', path.join(ROOT, 'payload-app'), '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        NODE_ENV: 'production',
        PAYLOAD_SECRET: randomBytes(32).toString('hex'),
        ...databaseEnvFor(dataDir),
        MEDIA_DIR: path.join(dataDir, 'media'),
        PAYLOAD_PUBLIC_SERVER_URL: `http://127.0.0.1:${port}`,
        WORKER_API_KEY: workerApiKey,
        ADMIN_EMAIL: adminEmail,
        ADMIN_PASSWORD: adminPassword,
        TEMPORAL_ADDRESS: temporalAddress,
        TEMPORAL_TASK_QUEUE: taskQueue,
        ...env,
      },
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    // The first request initialises Payload: migrations, the first admin and the worker's service user.
    await waitFor('Payload to answer /api/health', async () => {
      if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output}`);
      const response = await fetch(`${url}/api/health`);
      return response.status === 200 || response.status === 503;
    }, 90_000, 500);
  } catch (error) {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
    throw new Error(`${(error as Error).message}\n--- payload output ---\n${output}`);
  }
  return {
    url,
    workerApiKey,
    adminEmail,
    adminPassword,
    taskQueue,
    dataDir,
    logs: () => output,
    async stop() {
      if (child.exitCode === null && child.pid) {
        process.kill(-child.pid, 'SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      }
    },
  };
}
