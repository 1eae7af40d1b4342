import { CLASSICAL_ENGINE_ID, CORE_SET_ANGLES, DINOV3_ENGINE_ID } from '../../contracts';
import { judgeCandidate } from '../../qa-policy/judge';
import { coreSetRules } from '../../qa-policy/rules';
import { DEFAULT_QA_SETTINGS } from '../../payload-app/globals/QaSettings/defaults';

const judge = (engineId: string, angle: number, cosine: number) =>
  judgeCandidate(
    { cosine, consistencyScore: Math.round(cosine * 1000) / 10, qualityScore: 100, failedChecks: [] },
    coreSetRules(DEFAULT_QA_SETTINGS, engineId, angle),
  );

describe('default QA bands', () => {
  it('never pass a different character of the same style with DINOv3 (published cosines 0.49–0.66), at any angle', () => {
    for (const angle of CORE_SET_ANGLES) {
      for (let cosine = 0.49; cosine <= 0.66001; cosine += 0.01)
        expect({ angle, cosine, passed: judge(DINOV3_ENGINE_ID, angle, cosine).passed }).toEqual({ angle, cosine, passed: false });
    }
  });

  it('send the DINOv3 side and back views to review until they are calibrated, and say so', () => {
    for (const angle of [90, 135, 180, 225, 270]) {
      const verdict = judge(DINOV3_ENGINE_ID, angle, 0.75);
      expect(verdict.reasons).toEqual(['review']);
      expect(verdict.notes[0]).toMatch(new RegExp(`${angle}° view is not calibrated`));
    }
    expect(judge(DINOV3_ENGINE_ID, 0, 0.85).passed).toBe(true);
  });

  it('give the classical engine a band at every angle: an upper bar keeps the front view out of turned angles', () => {
    for (const angle of CORE_SET_ANGLES) {
      const rules = coreSetRules(DEFAULT_QA_SETTINGS, CLASSICAL_ENGINE_ID, angle);
      expect(rules.minConsistency).not.toBeNull();
      expect(rules.reviewReason).toBeNull();
      if (angle !== 0) expect(rules.maxConsistency).toBeLessThan(99);
    }
    expect(judge(CLASSICAL_ENGINE_ID, 180, 0.99).reasons).toEqual(['view']);
    expect(judge(CLASSICAL_ENGINE_ID, 0, 0.9).reasons).toEqual(['view']);
    expect(judge(CLASSICAL_ENGINE_ID, 0, 0.5).reasons).toEqual(['consistency']);
  });
});
