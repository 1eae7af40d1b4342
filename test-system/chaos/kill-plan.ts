import { createRandom } from '../../local-services/gemini/renderer/random';
import type { KillTarget } from './options';

export interface PlannedKill {
  /** Milliseconds after the core sets started. */
  atMs: number;
  target: KillTarget;
  /** How long the process stays dead before it is started again. */
  downMs: number;
}

/** Seeded: the same seed gives the same kills at the same moments. Each target is hit once before any repeats. */
export function planKills(seed: number, kills: number, targets: readonly KillTarget[], windowMs: number): PlannedKill[] {
  const random = createRandom(seed);
  const order: KillTarget[] = [];
  while (order.length < kills) {
    const round = [...targets];
    for (let i = round.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [round[i], round[j]] = [round[j]!, round[i]!];
    }
    order.push(...round.slice(0, kills - order.length));
  }
  const moments = order.map(() => Math.round(random.range(0.05, 1) * windowMs)).sort((a, b) => a - b);
  return order.map((target, index) => ({ atMs: moments[index]!, target, downMs: Math.round(random.range(500, 5_000)) }));
}
