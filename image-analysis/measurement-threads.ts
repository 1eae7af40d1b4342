import { Worker } from 'node:worker_threads';
import { UndecodableImageError } from './decode';
import type { QualityOptions, QualityReport } from './quality';

export type MeasureQuality = (bytes: Buffer, options?: QualityOptions) => Promise<QualityReport>;

export interface MeasurementJob {
  id: number;
  bytes: Uint8Array;
  references: Uint8Array[];
  options: Omit<QualityOptions, 'referenceImages'>;
}

export type MeasurementAnswer = { id: number; report: QualityReport } | { id: number; error: { name: string; message: string } };

export interface MeasurementThreads {
  /** measureQuality on one of the threads; answers exactly as measureQuality would, errors included. */
  measure: MeasureQuality;
  /** Ends the threads; measurements not yet answered are rejected. */
  close(): Promise<void>;
}

export interface MeasurementThreadOptions {
  size: number;
  /** The thread's entry: measurement-thread.ts, or its compiled .js beside the worker's bundle. */
  threadFile: URL;
  /** The threads' node options; by default the process's own (through tsx, its loader too). */
  execArgv?: string[];
}

/**
 * A thread's V8 heap. A measurement's pixels are short-lived typed arrays, so a small young generation only collects
 * them sooner; the old generation's cap is far above what a measurement keeps (a 39-megapixel picture, near the
 * largest the library accepts, measures on a thread with it). A thread past it ends, and the measurement it held fails
 * and is retried. What threads cost in memory is mostly their number: see MEASUREMENT_THREADS (workers/config.ts).
 */
const THREAD_HEAP_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 };

interface Job {
  job: MeasurementJob;
  resolve(report: QualityReport): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  running?: Job;
}

/**
 * The pixel measurement's CPU work on threads of its own. On the worker's main thread a measurement (a few hundred
 * milliseconds of decoding and fitting, much of it plain JavaScript) held up everything else the process does: the
 * analysis service's answer registerCandidate waits for, Payload writes, Temporal's task completions. Measurements
 * beyond the threads wait their turn, so the threads also bound how many images are decoded at once.
 */
export function startMeasurementThreads({ size, threadFile, execArgv }: MeasurementThreadOptions): MeasurementThreads {
  const threads: Thread[] = [];
  const waiting: Job[] = [];
  let nextId = 1;
  let closed = false;

  function dispatch(thread: Thread): void {
    const job = waiting.shift();
    if (!job) {
      // An idle thread must not keep the process alive once the workers have shut down.
      thread.worker.unref();
      return;
    }
    thread.running = job;
    thread.worker.ref();
    thread.worker.postMessage(job.job);
  }

  function spawn(): Thread {
    const thread: Thread = { worker: new Worker(threadFile, { resourceLimits: THREAD_HEAP_LIMITS, ...(execArgv ? { execArgv } : {}) }) };
    thread.worker.unref();
    thread.worker.on('message', (answer: MeasurementAnswer) => {
      const running = thread.running;
      if (!running || running.job.id !== answer.id) return;
      thread.running = undefined;
      if ('report' in answer) running.resolve(answer.report);
      else running.reject(rebuiltError(answer.error));
      dispatch(thread);
    });
    const lost = (why: string) => {
      const index = threads.indexOf(thread);
      if (index < 0) return;
      threads.splice(index, 1);
      thread.running?.reject(new Error(`The measurement thread stopped (${why}); the measurement can be tried again.`));
      // Replaced at once only for measurements already waiting, each of which a failed start fails in turn; otherwise
      // on the next measurement. A thread that cannot start at all (its file missing) then fails measurements, it
      // does not respawn in a loop.
      if (!closed && waiting.length > 0) dispatch(added());
    };
    thread.worker.on('error', (error) => lost(error.message));
    thread.worker.on('exit', (code) => lost(`exit code ${code}`));
    return thread;
  }

  function added(): Thread {
    const thread = spawn();
    threads.push(thread);
    return thread;
  }

  for (let index = 0; index < size; index++) added();

  return {
    measure(bytes, options = {}) {
      if (closed) return Promise.reject(new Error('The measurement threads are closed.'));
      const { referenceImages = [], ...rest } = options;
      return new Promise<QualityReport>((resolve, reject) => {
        waiting.push({ job: { id: nextId++, bytes, references: referenceImages, options: rest }, resolve, reject });
        while (threads.length < size) added();
        const idle = threads.find((thread) => !thread.running);
        if (idle) dispatch(idle);
      });
    },
    async close() {
      closed = true;
      for (const job of waiting.splice(0)) job.reject(new Error('The measurement threads are closed.'));
      const ending = threads.splice(0);
      for (const thread of ending) thread.running?.reject(new Error('The measurement threads are closed.'));
      await Promise.all(ending.map((thread) => thread.worker.terminate()));
    },
  };
}

function rebuiltError({ name, message }: { name: string; message: string }): Error {
  if (name === 'UndecodableImageError') return new UndecodableImageError(message);
  const error = new Error(message);
  error.name = name;
  return error;
}
