import { fileURLToPath } from 'node:url';
import type { GeminiStandInOptions } from '../local-services/gemini/server';
import type { RunningServer } from '../local-services/http/http-server';
import { startTsxChild } from './tsx-child';

const ENTRY = fileURLToPath(new URL('./stand-ins-entry.ts', import.meta.url));

export interface StandInsOptions {
  dinoDataDir: string;
  pathragDataDir: string;
  /** Seeds the analysis stand-in's fault draws. */
  seed?: number;
  gemini: GeminiStandInOptions;
}

export interface StandInsAddresses {
  dino: string;
  gemini: string;
  pathrag: string;
}

/**
 * The analysis, image-model and PathRAG stand-ins in one process beside the test, as the real services are beside the
 * worker: inside Jest's vm context their pixel work ran many times slower than it does anywhere else, and it held up
 * the test process's own requests while it ran (tsx-child.ts). Tests reach them only over HTTP, as before.
 */
export async function startStandInsProcess(options: StandInsOptions): Promise<Record<keyof StandInsAddresses, RunningServer>> {
  const running = startTsxChild<StandInsAddresses>(ENTRY, options);
  const addresses = await running.message.catch(async (error: unknown) => {
    await running.stop();
    throw error;
  });
  let stopped: Promise<void> | undefined;
  const server = (url: string): RunningServer => ({
    url,
    port: Number(new URL(url).port),
    close: () => (stopped ??= running.stop()),
  });
  return { dino: server(addresses.dino), gemini: server(addresses.gemini), pathrag: server(addresses.pathrag) };
}
