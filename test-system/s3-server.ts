import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { freePort, waitFor } from './ports';

export interface S3Server {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The app's S3_* settings for this bucket (payload-app/config.ts). */
  appEnv(): Record<string, string>;
  /** A client for the test's own look into the bucket. */
  client(): S3Client;
  /** Every object key in the bucket. */
  keys(): Promise<string[]>;
  stop(): Promise<void>;
}

export interface S3ServerOptions {
  /** The versitygw binary (`ensure_versitygw` in scripts/lib.sh exports VERSITYGW_PATH). */
  binaryPath: string | undefined;
  /** A folder under which the server keeps its buckets. */
  dir: string;
  bucket?: string;
}

/** versitygw (an S3-compatible server over a folder) on a free loopback port, with one empty bucket made. */
export async function startS3Server({ binaryPath, dir, bucket = 'media' }: S3ServerOptions): Promise<S3Server> {
  if (!binaryPath) throw new Error('VERSITYGW_PATH is not set: run through `npm test` (scripts/lib.sh ensure_versitygw).');
  const root = await mkdtemp(path.join(dir, 's3-'));
  const objects = path.join(root, 'buckets');
  await mkdir(objects);
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const region = 'us-east-1';
  const accessKeyId = `test${randomBytes(6).toString('hex')}`;
  const secretAccessKey = randomBytes(24).toString('hex');
  let output = '';
  const server = spawn(binaryPath, ['--port', `127.0.0.1:${port}`, '--region', region, 'posix', objects], {
    env: { ...process.env, ROOT_ACCESS_KEY: accessKeyId, ROOT_SECRET_KEY: secretAccessKey },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => server.once('exit', resolve));

  const clients: S3Client[] = [];
  const client = (): S3Client => {
    const made = new S3Client({ endpoint, region, forcePathStyle: true, credentials: { accessKeyId, secretAccessKey } });
    clients.push(made);
    return made;
  };
  const admin = client();

  async function stop(): Promise<void> {
    for (const made of clients) made.destroy();
    if (!server.pid || server.exitCode !== null) return;
    process.kill(-server.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    if (server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
  }

  try {
    await waitFor(
      'versitygw to make the bucket',
      async () => {
        if (server.exitCode !== null) throw new Error(`versitygw exited (${server.exitCode})`);
        await admin.send(new CreateBucketCommand({ Bucket: bucket }));
        return true;
      },
      30_000,
      100,
    );
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- versitygw output ---\n${output}`);
  }

  return {
    endpoint,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    appEnv: () => ({
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_REGION: region,
      S3_ACCESS_KEY_ID: accessKeyId,
      S3_SECRET_ACCESS_KEY: secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    }),
    client,
    async keys() {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await admin.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys;
    },
    stop,
  };
}
