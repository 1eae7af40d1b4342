import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDinoClient } from '../clients/dino';
import { startDinoStandIn } from '../local-services/dino/server';
import type { QaRuleSettings } from '../qa-policy/rules';
import { buildCorpus, type CorpusOptions } from './corpus';
import { createGate, type GateOutcome } from './gate';

export interface GateRunOptions extends CorpusOptions {
  settings: QaRuleSettings;
  /** An analysis service to test against (e.g. the real DINOv3 service); the in-process stand-in when absent. */
  dinoBaseUrl?: string;
  dinoApiKey?: string;
  concurrency?: number;
  onOutcome?: (outcome: GateOutcome, done: number, total: number) => void;
}

/** Builds the corpus and sends every picture through the gate, a few at a time. */
export async function runGate(options: GateRunOptions): Promise<GateOutcome[]> {
  const cases = buildCorpus(options);
  let standIn: Awaited<ReturnType<typeof startDinoStandIn>> | undefined;
  let dataDir: string | undefined;
  if (!options.dinoBaseUrl) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'gate-corpus-'));
    standIn = await startDinoStandIn({ port: 0, dataDir });
  }
  const dino = createDinoClient({ baseUrl: options.dinoBaseUrl ?? standIn!.url, apiKey: options.dinoApiKey });
  const gate = createGate({ dino, settings: options.settings });
  const outcomes: GateOutcome[] = new Array(cases.length);
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      Array.from({ length: options.concurrency ?? 2 }, async () => {
        while (next < cases.length) {
          const index = next++;
          outcomes[index] = await gate.judge(cases[index]!);
          options.onOutcome?.(outcomes[index]!, ++done, cases.length);
        }
      }),
    );
  } finally {
    await standIn?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
  return outcomes;
}
