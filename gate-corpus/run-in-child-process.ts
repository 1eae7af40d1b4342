import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { GateOutcome } from './gate';
import type { GateRunOptions } from './run';

const ENTRY = fileURLToPath(new URL('./child-process-entry.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * `runGate` in a Node process of its own, for callers inside Jest. Jest runs test code in a vm context, where every
 * read of a global (Math, Number, a typed array's constructor) goes through the context's interceptor instead of
 * V8's inline caches. The painter's distance fields and our pixel measures read Math in their inner loops and ran
 * 12–17× slower there than in a plain process: the gate test's two minutes became more than its twenty. A child
 * process runs the same code as the worker does in production, at the worker's speed.
 */
export function runGateInChildProcess(options: Omit<GateRunOptions, 'onOutcome' | 'methods'>): Promise<GateOutcome[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, JSON.stringify(options)], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let outcomes: GateOutcome[] | undefined;
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('message', (message) => {
      outcomes = message as GateOutcome[];
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0 && outcomes) resolve(outcomes);
      else reject(new Error(`the gate run's process ended with ${signal ?? `code ${code}`} and no outcomes; its last output:\n${output}`));
    });
  });
}
