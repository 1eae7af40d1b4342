import type { ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { waitFor } from './ports';

export interface WorkerProcess {
  start(): void;
  /** SIGKILL to the worker's process group; resolves once it is gone. */
  kill(): Promise<void>;
  exitedUnexpectedly(): boolean;
  /** The launched process's pid, which is also its process group's id (it starts detached). */
  pid(): number | undefined;
  /** What the worker wrote, its start and its latest part (keptOutput). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * A real worker process (`tsx workers/main.ts`) that can be killed and started again, keeping its output. Given
 * `logFile`, every launch's whole output is also appended there as it arrives (what `output()` leaves out included).
 */
export function workerProcess(spawnWorker: () => ChildProcess, options: { logFile?: string } = {}): WorkerProcess {
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let stopping = false;
  const output = keptOutput();
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
      const log: WriteStream | undefined = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
      const keep = (chunk: Buffer) => {
        output.append(chunk.toString());
        log?.write(chunk);
      };
      launched.stdout?.on('data', keep);
      launched.stderr?.on('data', keep);
      // The log ends when the output does ('close'), which can be after the process has exited.
      launched.once('close', () => log?.end());
      exited = new Promise((resolve) => launched.once('exit', () => resolve()));
    },
    kill: killGroup,
    exitedUnexpectedly: () => !stopping && child !== undefined && !alive(),
    pid: () => child?.pid,
    output: () => output.text(),
    stop: killGroup,
  };
}

/** Characters kept from the start of a worker's output (its start-up lines, which tests wait for) and from its end. */
export const KEPT_OUTPUT = { head: 64 * 1024, tail: 2 * 1024 * 1024 };

/**
 * A worker's output as a test needs it: the start (where the lines a test waits for are) and the latest part (what
 * explains a failure), with what lies between counted but not kept, so a long run under test (the chaos run, a soak)
 * does not grow the test process without bound.
 */
export function keptOutput(limits = KEPT_OUTPUT): { append(text: string): void; text(): string } {
  let head = '';
  let tail = '';
  let left = 0;
  return {
    append(text) {
      const toHead = text.slice(0, Math.max(0, limits.head - head.length));
      head += toHead;
      tail += text.slice(toHead.length);
      // Trimmed when twice the budget, not at every chunk, so appending stays linear.
      if (tail.length > 2 * limits.tail) {
        left += tail.length - limits.tail;
        tail = tail.slice(-limits.tail);
      }
    },
    text() {
      const excess = Math.max(0, tail.length - limits.tail);
      const omitted = left + excess;
      return omitted ? `${head}\n[… ${omitted} characters of output not kept …]\n${tail.slice(excess)}` : head + tail;
    },
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
