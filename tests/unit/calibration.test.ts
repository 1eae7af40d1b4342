import { proposeBands, type CalibrationSample } from '../../qa-policy/calibration';
import { reviewEvidence } from '../../qa-policy/review-evidence';

const samples = (angle: number, label: CalibrationSample['label'], scores: number[]) => scores.map((score) => ({ angle, label, score }));

describe('proposeBands', () => {
  it('puts each bar midway between the classes it separates, and reports how the band judges its own samples', () => {
    const [band] = proposeBands([
      ...samples(90, 'same', [80, 85, 92]),
      ...samples(90, 'other', [40, 60]),
      ...samples(90, 'wrong-view', [98, 99]),
    ]);
    expect(band).toMatchObject({ angle: 90, minConsistency: 70, maxConsistency: 95, reviewUntilCalibrated: false, characterFloor: null });
    expect(band!.confusion).toEqual({ samePassed: 3, sameFlagged: 0, wrongViewPassed: 0, otherPassed: 0 });
  });

  it('keeps wrong views below the right view out with the lower bar, and reads the gap above other characters as the wrong view', () => {
    const [band] = proposeBands([
      ...samples(0, 'same', [99, 99.5]),
      ...samples(0, 'wrong-view', [82, 95]),
      ...samples(0, 'other', [50, 66]),
    ]);
    expect(band).toMatchObject({ minConsistency: 97, maxConsistency: null, characterFloor: 74 });
  });

  it('sends an angle whose classes overlap to review, with a lower bar that still never passes another character', () => {
    const [band] = proposeBands([...samples(180, 'same', [55, 70]), ...samples(180, 'other', [49, 66])]);
    expect(band!.reviewUntilCalibrated).toBe(true);
    expect(band!.minConsistency).toBeGreaterThan(66);
    expect(band!.calibrationNote).toMatch(/overlap/);
  });
});

describe('reviewEvidence', () => {
  const decided = (angle: number, decision: 'approved' | 'rejected', scores: number[]) =>
    scores.map((consistencyScore) => ({ engineId: 'e', angle, consistencyScore, decision }));

  it('suggests the bar between rejected and approved scores once there are three of each', () => {
    const [entry] = reviewEvidence([...decided(90, 'approved', [80, 84, 90]), ...decided(90, 'rejected', [50, 61, 70])]);
    expect(entry).toMatchObject({ engineId: 'e', angle: 90, suggestedMin: 75, approved: [80, 84, 90], rejected: [50, 61, 70] });
  });

  it('suggests nothing from too few decisions or from overlapping ones', () => {
    expect(reviewEvidence([...decided(0, 'approved', [90, 91, 92]), ...decided(0, 'rejected', [50, 60])])[0]!.suggestedMin).toBeNull();
    expect(reviewEvidence([...decided(0, 'approved', [70, 91, 92]), ...decided(0, 'rejected', [50, 60, 80])])[0]!.reason).toMatch(
      /overlap/,
    );
  });
});
