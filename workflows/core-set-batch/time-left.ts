import type { AngleProgress, BatchCharacterProgress, BatchCounts, CoreSetProgress } from '../../contracts';

/** Angle states that still need the model: a queued or in-progress angle needs at least one more generation. */
const NEEDS_GENERATION = new Set<AngleProgress['state']>(['queued', 'generating', 'analysing', 'retrying']);
const ACCEPTED = new Set<AngleProgress['state']>(['passed', 'approved']);

/**
 * The time left at the model's rate limit: every remaining generation is one request, and the limit, not our own
 * orchestration, is what bounds a batch's throughput. Whole seconds, rounded up; 0 when nothing is left to generate.
 */
export function estimateSecondsLeft(remainingGenerations: number, requestsPerMinute: number): number {
  if (remainingGenerations <= 0) return 0;
  if (!(requestsPerMinute > 0)) throw new RangeError(`requestsPerMinute must be positive, not ${requestsPerMinute}`);
  return Math.ceil((remainingGenerations * 60) / requestsPerMinute);
}

/**
 * Generations a core set still needs at one attempt per angle: all its angles before it starts, then those not yet
 * settled. Angles waiting for a person need none until the person decides; a retry adds one then.
 */
export function remainingGenerations(angles: number, progress: CoreSetProgress | null): number {
  if (!progress || progress.angles.length === 0) return angles;
  return progress.angles.filter((angle) => NEEDS_GENERATION.has(angle.state)).length;
}

export function acceptedAngles(progress: CoreSetProgress | null): number {
  return progress?.angles.filter((angle) => ACCEPTED.has(angle.state)).length ?? 0;
}

export function spentUsd(progress: CoreSetProgress | null): number {
  return progress?.angles.reduce((sum, angle) => sum + angle.spentUsd, 0) ?? 0;
}

export function countBatch(characters: readonly BatchCharacterProgress[]): BatchCounts {
  const counts: BatchCounts = {
    total: characters.length,
    queued: 0,
    running: 0,
    inReview: 0,
    done: 0,
    incomplete: 0,
    failed: 0,
    cancelled: 0,
    skipped: 0,
  };
  for (const { state } of characters) {
    if (state === 'awaiting_review') counts.inReview++;
    else if (state === 'complete') counts.done++;
    else counts[state]++;
  }
  return counts;
}
