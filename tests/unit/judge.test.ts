import { consistencyFromCosine } from '../../contracts';
import { judgeCandidate } from '../../qa-policy/judge';
import { coreSetRules } from '../../qa-policy/rules';

const rules = { minConsistency: 55, minQuality: 60, echoCosine: 0.97, engineId: 'engine-a' };
const measured = (consistencyScore: number, extra: Partial<Parameters<typeof judgeCandidate>[0]> = {}) => ({
  cosine: consistencyScore / 100,
  consistencyScore,
  qualityScore: 90,
  failedChecks: [],
  ...extra,
});

describe('judgeCandidate', () => {
  it('passes a candidate at or above every threshold', () => {
    expect(judgeCandidate(measured(55), rules)).toEqual({ passed: true, reasons: [], notes: [] });
  });

  it('fails below the angle threshold and says by how much, naming the engine', () => {
    const verdict = judgeCandidate(measured(41), rules);
    expect(verdict).toMatchObject({ passed: false, reasons: ['consistency'] });
    expect(verdict.notes[0]).toBe('Consistency 41.0 is below the threshold 55 (engine engine-a).');
  });

  it('fails above the band: the master view returned for a turned angle', () => {
    const verdict = judgeCandidate(measured(96), { ...rules, maxConsistency: 92 });
    expect(verdict.reasons).toEqual(['view']);
    expect(verdict.notes[0]).toMatch(/above 92.*not the view asked for/);
  });

  it('fails a view that does not match an accepted neighbour', () => {
    const verdict = judgeCandidate(
      measured(80, {
        neighbours: [
          { angle: 45, consistencyScore: 88 },
          { angle: 135, consistencyScore: 50 },
        ],
      }),
      { ...rules, minNeighbourConsistency: 70 },
    );
    expect(verdict.reasons).toEqual(['view']);
    expect(verdict.notes[0]).toMatch(/accepted 135° view is 50.0/);
  });

  it('treats a near-copy of the reference as an echo, not a pass', () => {
    const verdict = judgeCandidate(measured(98.5, { cosine: 0.985 }), rules);
    expect(verdict.reasons).toEqual(['echo']);
  });

  it('never passes automatically when the engine has no threshold', () => {
    const verdict = judgeCandidate(measured(90), { ...rules, minConsistency: null });
    expect(verdict.passed).toBe(false);
    expect(verdict.notes[0]).toMatch(/No consistency threshold/);
  });

  it('sends an uncalibrated angle to review even when everything measured passes', () => {
    const verdict = judgeCandidate(measured(90), { ...rules, reviewReason: 'not calibrated' });
    expect(verdict).toEqual({ passed: false, reasons: ['review'], notes: ['not calibrated'] });
  });

  it('fails on any failed quality check, whatever the overall score', () => {
    const verdict = judgeCandidate(
      measured(70, { qualityScore: 90, failedChecks: [{ id: 'cropped', note: 'cropped: the subject touches the left edge' }] }),
      rules,
    );
    expect(verdict.reasons).toEqual(['cropped']);
    expect(verdict.notes).toEqual(['cropped: the subject touches the left edge']);
  });

  it('fails a low overall quality score with its own reason', () => {
    expect(judgeCandidate(measured(70, { qualityScore: 40 }), rules).reasons).toEqual(['quality']);
  });
});

describe('coreSetRules', () => {
  const settings = {
    coreSetThresholds: [
      { engineId: 'e', angle: 90, minConsistency: 70, maxConsistency: 95 },
      { engineId: 'e', angle: 180, minConsistency: 67, reviewUntilCalibrated: true, calibrationNote: 'ranges overlap' },
    ],
    neighbourThresholds: [{ engineId: 'e', minConsistency: 60 }],
  };

  it('reads the band, the neighbour bar and the review flag of the angle and engine', () => {
    expect(coreSetRules(settings, 'e', 90)).toMatchObject({
      minConsistency: 70,
      maxConsistency: 95,
      reviewReason: null,
      minNeighbourConsistency: 60,
    });
    expect(coreSetRules(settings, 'e', 180).reviewReason).toMatch(/180° view is not calibrated for engine "e": ranges overlap/);
  });

  it('lets a run raise the lower bar but never lower it', () => {
    expect(coreSetRules(settings, 'e', 90, 80).minConsistency).toBe(80);
    expect(coreSetRules(settings, 'e', 90, 10).minConsistency).toBe(70);
  });

  it('has no bar for an engine without a row, whatever the override', () => {
    expect(coreSetRules(settings, 'other-engine', 90, 99).minConsistency).toBeNull();
  });
});

describe('consistencyFromCosine', () => {
  it('is 100 × max(0, cosine) with one decimal', () => {
    expect(consistencyFromCosine(0.7234)).toBe(72.3);
    expect(consistencyFromCosine(-0.2)).toBe(0);
    expect(consistencyFromCosine(1)).toBe(100);
  });
});
