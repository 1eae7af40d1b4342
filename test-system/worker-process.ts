import type { ChildProcess } from 'node:child_process';
import { waitFor } from './ports';

export interface WorkerProcess {
  start(): void;
  /** SIGKILL to the worker's process group; resolves once it is gone. */
  kill(): Promise<void>;
  exitedUnexpectedly(): boolean;
  /** The launched process's pid, which is also its process group's id (it starts detached). */
  pid(): number | undefined;
  output(): string;
  stop(): Promise<void>;
}

/** A real worker process (`tsx workers/main.ts`) that can be killed and started again, keeping its output. */
export function workerProcess(spawnWorker: () => ChildProcess): WorkerProcess {
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let stopping = false;
  let output = '';
  const alive = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const killGroup = async () => {
    stopping = true;
    if (alive() && child!.pid) {
      try {
        process.kill(-child!.pid, 'SIGKILL');
      } catch {
        // Gone in between.
      }
    }
    await exited;
  };
  return {
    start() {
      stopping = false;
      const launched = spawnWorker();
      child = launched;
      launched.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      launched.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      exited = new Promise((resolve) => launched.once('exit', () => resolve()));
    },
    kill: killGroup,
    exitedUnexpectedly: () => !stopping && child !== undefined && !alive(),
    pid: () => child?.pid,
    output: () => output,
    stop: killGroup,
  };
}

/**
 * Starts `count` worker processes and resolves once each has logged that it polls all its queues (the worker's
 * "worker polling" line): Temporal hands tasks only to pollers, so a test that counts on every worker starts after it.
 * A worker that exits first fails the wait with its output; all are stopped then.
 */
export async function startPollingWorkers(count: number, spawnWorker: () => ChildProcess, deadlineMs = 180_000): Promise<WorkerProcess[]> {
  const workers = Array.from({ length: count }, () => workerProcess(spawnWorker));
  for (const worker of workers) worker.start();
  try {
    await waitFor(
      `${count} worker process(es) polling`,
      async () => {
        const exited = workers.find((worker) => worker.exitedUnexpectedly());
        if (exited) throw new Error(`a worker exited at start:\n${exited.output()}`);
        return workers.every((worker) => worker.output().includes('worker polling'));
      },
      deadlineMs,
      250,
    );
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.stop()));
    throw error;
  }
  return workers;
}
