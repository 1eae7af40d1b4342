import type { AngleProgress, BatchCharacterProgress, CoreSetProgress } from '../../contracts';
import { countBatch, estimateSecondsLeft, remainingGenerations } from '../../workflows/core-set-batch/time-left';

const angle = (state: AngleProgress['state']): AngleProgress => ({
  angle: 0,
  state,
  attempt: 1,
  consistencyScore: null,
  qualityScore: null,
  threshold: null,
  spentUsd: 0,
  generations: 0,
  unpricedGenerations: 0,
});

const run = (...states: AngleProgress['state'][]): CoreSetProgress => ({
  characterId: 'ada',
  status: 'running',
  angles: states.map(angle),
});

describe('batch time left', () => {
  it('is the remaining generations at the model rate, rounded up to whole seconds', () => {
    expect(estimateSecondsLeft(16, 12)).toBe(80);
    expect(estimateSecondsLeft(400, 60)).toBe(400);
    expect(estimateSecondsLeft(1, 7)).toBe(9);
    expect(estimateSecondsLeft(0, 60)).toBe(0);
  });

  it('refuses a rate that is not positive instead of answering infinity', () => {
    expect(() => estimateSecondsLeft(3, 0)).toThrow(RangeError);
    expect(() => estimateSecondsLeft(3, Number.NaN)).toThrow(RangeError);
    expect(estimateSecondsLeft(0, 0)).toBe(0);
  });

  it('counts every angle of a run not yet started, and only angles still needing the model of one running', () => {
    expect(remainingGenerations(8, null)).toBe(8);
    expect(remainingGenerations(8, run())).toBe(8);
    expect(
      remainingGenerations(8, run('queued', 'generating', 'analysing', 'retrying', 'passed', 'approved', 'awaiting_review', 'failed')),
    ).toBe(4);
  });

  it('counts characters by state, awaiting review as in review and complete as done', () => {
    const entry = (state: BatchCharacterProgress['state']) => ({ state }) as BatchCharacterProgress;
    expect(
      countBatch(
        ['complete', 'awaiting_review', 'awaiting_review', 'skipped', 'failed', 'queued', 'running', 'incomplete', 'cancelled'].map((s) =>
          entry(s as BatchCharacterProgress['state']),
        ),
      ),
    ).toEqual({
      total: 9,
      queued: 1,
      running: 1,
      inReview: 2,
      done: 1,
      incomplete: 1,
      failed: 1,
      cancelled: 1,
      skipped: 1,
    });
  });
});
