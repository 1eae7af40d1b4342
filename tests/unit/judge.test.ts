import { consistencyFromCosine } from '../../contracts';
import { judgeCandidate } from '../../workflows/judge';

const rules = { minConsistency: 55, minQuality: 60, echoCosine: 0.97, engineId: 'engine-a' };

describe('judgeCandidate', () => {
  it('passes a candidate at or above every threshold', () => {
    expect(judgeCandidate({ cosine: 0.55, consistencyScore: 55, qualityScore: 60, qualityNotes: [] }, rules)).toEqual({ passed: true, notes: [] });
  });

  it('fails below the angle threshold and says by how much, naming the engine', () => {
    const verdict = judgeCandidate({ cosine: 0.41, consistencyScore: 41, qualityScore: 90, qualityNotes: [] }, rules);
    expect(verdict.passed).toBe(false);
    expect(verdict.notes[0]).toBe('Consistency 41.0 is below the threshold 55 (engine engine-a).');
  });

  it('treats a near-copy of the reference as an echo, not a pass', () => {
    const verdict = judgeCandidate({ cosine: 0.985, consistencyScore: 98.5, qualityScore: 90, qualityNotes: [] }, rules);
    expect(verdict.passed).toBe(false);
    expect(verdict.notes.join(' ')).toMatch(/echoed/);
  });

  it('never passes automatically when the engine has no threshold', () => {
    const verdict = judgeCandidate({ cosine: 0.9, consistencyScore: 90, qualityScore: 90, qualityNotes: [] }, { ...rules, minConsistency: null });
    expect(verdict.passed).toBe(false);
    expect(verdict.notes[0]).toMatch(/No consistency threshold/);
  });

  it('carries the failed quality checks into the notes', () => {
    const verdict = judgeCandidate({ cosine: 0.7, consistencyScore: 70, qualityScore: 40, qualityNotes: ['blurred: sharpness 12'] }, rules);
    expect(verdict.notes).toEqual(['Quality 40.0 is below the threshold 60.', 'blurred: sharpness 12']);
  });
});

describe('consistencyFromCosine', () => {
  it('is 100 × max(0, cosine) with one decimal', () => {
    expect(consistencyFromCosine(0.7234)).toBe(72.3);
    expect(consistencyFromCosine(-0.2)).toBe(0);
    expect(consistencyFromCosine(1)).toBe(100);
  });
});
