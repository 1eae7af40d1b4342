import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface TsxChild<T> {
  child: ChildProcess;
  /** The child's first IPC message; rejects if it ends before sending one. */
  message: Promise<T>;
  /** SIGTERM, then SIGKILL if it is still there after `graceMs`; resolves once it has ended. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * A TypeScript entry in a Node process of its own, its argument as JSON in argv[2], its answer over IPC.
 *
 * Why a process: Jest runs test code in a vm context, where every read of a global (Math, Number, a typed array's
 * constructor) goes through the context's interceptor instead of V8's inline caches. Pixel loops that read Math ran
 * 8–17× slower there than in a plain Node process (measured: one quality measurement 2.2 s against 0.28 s). Services
 * that production runs in processes of their own, and CPU-heavy harnesses, run here at production speed.
 */
export function startTsxChild<T>(entry: string, argument: unknown): TsxChild<T> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, JSON.stringify(argument)], {
    cwd: PROJECT_ROOT,
    // Jest's --experimental-vm-modules is not the child's business.
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const message = new Promise<T>((resolve, reject) => {
    child.once('message', (value) => resolve(value as T));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`${entry} ended (${signal ?? `code ${code}`}) before answering; its last output:\n${output}`)),
    );
  });
  return {
    child,
    message,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await ended;
      clearTimeout(timer);
    },
  };
}
