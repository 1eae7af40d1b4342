import { renderCharacter, randomLook } from '../../local-services/gemini/renderer';
import { createCharacterWithMaster, type CreatedCharacter } from '../characters';
import { waitFor } from '../ports';
import type { ChaosSystem } from './chaos-system';
import { countOutcomes, type ChaosCounts } from './count-outcomes';
import { setTransientFaults } from './fault-rates';
import { planKills, type PlannedKill } from './kill-plan';
import type { ChaosOptions, KillTarget } from './options';
import { scriptedReviewer, type ReviewerTally } from './reviewer';

export interface ChaosResult {
  options: ChaosOptions;
  counts: ChaosCounts;
  killsDone: PlannedKill[];
  /** Processes that died without being killed (e.g. a worker whose start-up checks met a dead app) and were restarted. */
  unplannedRestarts: Record<KillTarget, number>;
  reviews: ReviewerTally;
  workflowIds: string[];
  seconds: number;
}

/**
 * Creates characters with masters, starts their core sets, and while they run kills -9 and restarts the worker, the
 * app and the Temporal server at seeded moments, with transient faults from both services and a scripted reviewer.
 * When every run has ended (or the deadline passed) it counts what was lost, duplicated or orphaned.
 */
export async function runChaos(
  chaos: ChaosSystem,
  options: ChaosOptions,
  log: (line: string) => void = () => undefined,
): Promise<ChaosResult> {
  const { system } = chaos;
  const began = Date.now();
  const deadline = began + options.deadlineMinutes * 60_000;
  await setTransientFaults({ gemini: system.gemini.url, dino: system.dino.url }, options.faultRate);
  const settings = await system.admin.request('POST', '/api/globals/qa-settings', { coreSetConcurrency: options.concurrency });
  if (settings.status !== 200) throw new Error(`QA settings: HTTP ${settings.status} ${JSON.stringify(settings.body)}`);
  const editor = await system.session('editor');
  const reviewer = scriptedReviewer(await system.session('reviewer'), options.seed, options.approveRate);

  const characters: CreatedCharacter[] = [];
  for (let i = 0; i < options.characters; i++) {
    const master = await renderCharacter(randomLook(options.seed + i), 0, { width: 768, height: 1024 });
    const name = `Chaos ${options.seed} ${i + 1}`;
    characters.push(
      await createCharacterWithMaster(editor, { name }, { bytes: master, filename: `chaos-${i + 1}.png`, mimeType: 'image/png' }),
    );
  }
  log(`created ${characters.length} characters; waiting for their masters`);
  await waitFor(
    'every master to be ingested',
    async () => {
      for (const character of characters) {
        const { body } = await editor.request('GET', `/api/characters/${character.id}?depth=0`);
        if (body.masterIngest?.status !== 'ready') return false;
      }
      return true;
    },
    Math.max(0, deadline - Date.now()),
    1_000,
  );

  const workflowIds: string[] = [];
  for (const [index, character] of characters.entries()) {
    // Every second character gets a bar no image reaches, in one attempt: its angles all wait for the reviewer.
    const request = index % 2 === 1 ? { thresholdOverride: 100, maxAttempts: 1 } : {};
    const started = await editor.request('POST', `/api/characters/${character.id}/core-set`, request);
    if (started.status !== 201)
      throw new Error(`core set for ${character.characterId}: HTTP ${started.status} ${JSON.stringify(started.body)}`);
    workflowIds.push(String(started.body.workflowId));
  }
  log(`started ${workflowIds.length} core sets`);

  const plan = planKills(options.seed, options.kills, options.targets, options.killWindowSeconds * 1000);
  const killsDone: PlannedKill[] = [];
  const unplannedRestarts: Record<KillTarget, number> = { worker: 0, payload: 0, temporal: 0 };
  const ended = new Set<string>();
  const chaosStarted = Date.now();
  let killing: KillTarget | undefined;

  const allEnded = () => ended.size === workflowIds.length;
  const killAndRestart = async (kill: PlannedKill) => {
    killing = kill.target;
    log(`+${((Date.now() - chaosStarted) / 1000).toFixed(1)}s kill -9 ${kill.target}, down for ${kill.downMs} ms`);
    await processControl(chaos, kill.target).kill();
    // The downtime is part of the scenario (what a crash-looping process costs), not a wait for a condition.
    await new Promise((resolve) => setTimeout(resolve, kill.downMs));
    await processControl(chaos, kill.target).restart();
    killing = undefined;
    killsDone.push(kill);
  };

  const killer = (async () => {
    for (const kill of plan) {
      await waitUntil(() => allEnded() || Date.now() - chaosStarted >= kill.atMs, deadline);
      if (allEnded()) return;
      await killAndRestart(kill);
    }
  })();

  while (!allEnded() && Date.now() < deadline) {
    if (killing !== 'worker' && chaos.worker.exitedUnexpectedly()) {
      unplannedRestarts.worker++;
      log('the worker exited by itself; starting it again');
      chaos.worker.start();
    }
    if (killing !== 'payload' && system.payload.exitedUnexpectedly()) {
      unplannedRestarts.payload++;
      log('the app exited by itself; starting it again');
      await system.payload.restart().catch((error: Error) => log(`app restart failed: ${error.message.split('\n')[0]}`));
    }
    await reviewer.reviewQueue().catch(() => undefined);
    for (const workflowId of workflowIds) {
      if (ended.has(workflowId)) continue;
      const description = await system.temporal.workflow
        .getHandle(workflowId)
        .describe()
        .catch(() => undefined);
      if (description && description.status.name !== 'RUNNING') ended.add(workflowId);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  await killer;
  log(`${ended.size}/${workflowIds.length} runs ended after ${((Date.now() - chaosStarted) / 1000).toFixed(0)} s; counting`);

  const counts = await countOutcomes({ admin: system.admin, temporal: system.temporal, dinoUrl: system.dino.url, workflowIds });
  return { options, counts, killsDone, unplannedRestarts, reviews: reviewer.tally, workflowIds, seconds: (Date.now() - began) / 1000 };
}

function processControl(chaos: ChaosSystem, target: KillTarget): { kill(): Promise<void>; restart(): Promise<void> } {
  if (target === 'worker') return { kill: () => chaos.worker.kill(), restart: async () => chaos.worker.start() };
  if (target === 'payload') return chaos.system.payload;
  return chaos.temporalServer;
}

async function waitUntil(condition: () => boolean, deadline: number): Promise<void> {
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
}
