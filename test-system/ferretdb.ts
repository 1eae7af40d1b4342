import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { freePort, waitForPort } from './ports';

export interface FerretDbServer {
  /** `mongodb://127.0.0.1:PORT`, without a database name. */
  url: string;
  stop(): Promise<void>;
}

/** FerretDB v1 (built by `ensure_ferretdb` in scripts/lib.sh) on its own SQLite folder in `dir`, on a free port. */
export async function startFerretDb(options: { binaryPath: string | undefined; dir: string }): Promise<FerretDbServer> {
  if (!options.binaryPath) throw new Error('FERRETDB_PATH is not set: run through `npm run test:mongodb`.');
  const dataDir = path.join(options.dir, 'ferretdb-data');
  const stateDir = path.join(options.dir, 'ferretdb-state');
  await Promise.all([mkdir(dataDir, { recursive: true }), mkdir(stateDir, { recursive: true })]);
  const port = await freePort();
  const server = spawn(
    options.binaryPath,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${stateDir}`,
      '--telemetry=disable',
      // Its metrics server would take the fixed port 8088, so a second FerretDB on the machine could not start.
      '--debug-addr=-',
      '--log-level=error',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], detached: true },
  );
  const exited = new Promise((resolve) => server.once('exit', resolve));
  await waitForPort('127.0.0.1', port, 30_000);
  return {
    url: `mongodb://127.0.0.1:${port}`,
    async stop() {
      if (!server.pid || server.exitCode !== null) return;
      process.kill(-server.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      if (server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
    },
  };
}
