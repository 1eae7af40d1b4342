import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { DEV_SERVER_SQLITE_FLAGS, SINGLE_PARTITION_DEV_SERVER_FLAGS, searchAttributeFlags } from '../contracts';
import { Connection } from '@temporalio/client';
import { freePort, waitFor, waitForPort } from './ports';

export interface TemporalDevServer {
  address: string;
  pid: number | undefined;
  /** SIGKILL, no clean shutdown; resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and SQLite file, so every run and task queue survives. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The pinned CLI's dev server, headless, on its own SQLite file in `dir`, with the project's search attributes. */
export async function startTemporalDevServer(options: { cliPath: string | undefined; dir: string }): Promise<TemporalDevServer> {
  const cliPath = options.cliPath;
  if (!cliPath) throw new Error('TEMPORAL_CLI_PATH is not set: run through `npm test` or `npm run bench`.');
  const port = await freePort();
  const uiPort = await freePort();
  let server: ChildProcess;
  let exited: Promise<unknown>;

  async function launch(): Promise<void> {
    server = spawn(
      cliPath!,
      [
        ...['server', 'start-dev', '--db-filename', path.join(options.dir, 'temporal.db')],
        ...['--ip', '127.0.0.1', '--port', String(port), '--ui-port', String(uiPort)],
        ...['--headless', '--log-level', 'error', ...searchAttributeFlags(), ...SINGLE_PARTITION_DEV_SERVER_FLAGS],
        ...DEV_SERVER_SQLITE_FLAGS,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'], detached: true },
    );
    const launched = server;
    exited = new Promise((resolve) => launched.once('exit', resolve));
    await waitForPort('127.0.0.1', port, 60_000);
    // The port opens before the frontend is healthy; connecting checks it (GetSystemInfo).
    await waitFor(
      'the Temporal frontend to be healthy',
      async () => {
        const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
        await connection.close();
        return true;
      },
      60_000,
      500,
    );
  }

  const running = () => server.pid !== undefined && server.exitCode === null && server.signalCode === null;
  await launch();
  return {
    address: `127.0.0.1:${port}`,
    get pid() {
      return server.pid;
    },
    async kill() {
      if (running()) process.kill(-server.pid!, 'SIGKILL');
      await exited;
    },
    restart: launch,
    async stop() {
      if (!running()) return;
      try {
        process.kill(-server.pid!, 'SIGTERM');
      } catch {
        return;
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      if (running()) process.kill(-server.pid!, 'SIGKILL');
    },
  };
}
