import { fileURLToPath } from 'node:url';
import { startTsxChild } from '../test-system/tsx-child';
import type { GateOutcome } from './gate';
import type { GateRunOptions } from './run';

const ENTRY = fileURLToPath(new URL('./child-process-entry.ts', import.meta.url));

/**
 * `runGate` in a Node process of its own, for callers inside Jest: there the painter's and our measures' pixel loops
 * ran 12–17× slower (test-system/tsx-child.ts says why), and the gate test's two minutes became more than its twenty.
 */
export async function runGateInChildProcess(options: Omit<GateRunOptions, 'onOutcome' | 'methods'>): Promise<GateOutcome[]> {
  return startTsxChild<GateOutcome[]>(ENTRY, options).message;
}
