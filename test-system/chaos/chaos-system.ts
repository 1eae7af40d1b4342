import { mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startTestSystem, type TestSystem } from '../system';
import { startTemporalDevServer, type TemporalDevServer } from '../temporal-dev-server';
import { workerProcess, type WorkerProcess } from '../worker-process';

export interface ChaosSystem {
  system: TestSystem;
  temporalServer: TemporalDevServer;
  worker: WorkerProcess;
  /**
   * Where its data lives: the databases, the stand-ins' files, the worker's whole output (worker.log, written as it
   * comes) and, after saveLogs, Payload's.
   */
  dir: string;
  saveLogs(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole system with every process a chaos run may kill under its control: a Temporal dev server of its own (never
 * one shared with other tests), the Payload app, and the worker as a real process. The stand-ins run in this process.
 */
export async function startChaosSystem(options: {
  cliPath: string | undefined;
  workflowBundlePath: string;
  tmpDir: string;
  seed: number;
  geminiLatencyMs: number;
}): Promise<ChaosSystem> {
  const dir = await mkdtemp(path.join(options.tmpDir, 'chaos-'));
  const temporalServer = await startTemporalDevServer({ cliPath: options.cliPath, dir });
  let system: TestSystem;
  try {
    system = await startTestSystem({
      temporalAddress: temporalServer.address,
      workflowBundlePath: options.workflowBundlePath,
      tmpDir: dir,
      geminiLatencyMs: options.geminiLatencyMs,
      seed: options.seed,
    });
  } catch (error) {
    await temporalServer.stop();
    throw error;
  }
  const worker = workerProcess(() => system.spawnWorkerProcess(), { logFile: path.join(dir, 'worker.log') });
  worker.start();
  return {
    system,
    temporalServer,
    worker,
    dir,
    async saveLogs() {
      await writeFile(path.join(dir, 'payload.log'), system.payload.logs());
    },
    async stop() {
      await worker.stop();
      await system.stop();
      await temporalServer.stop();
    },
  };
}
