import { describe, expect, it } from '@jest/globals';
import { featureQuality } from '../../local-services/dino/feature-quality';

describe("the analysis stand-in's analyze-quality formula", () => {
  it('weighs diversity (std over |mean|) and magnitude (length per dimension) 0.6 : 0.4', () => {
    // mean 2.5, std √1.25, length √30 over 4 dimensions
    const quality = featureQuality([1, 2, 3, 4]);
    expect(quality.mean).toBeCloseTo(2.5, 12);
    expect(quality.std).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(quality.diversityScore).toBeCloseTo(Math.sqrt(1.25) / 2.5, 7);
    expect(quality.qualityScore).toBeCloseTo(0.6 * (Math.sqrt(1.25) / 2.5) + 0.4 * (Math.sqrt(30) / 4), 7);
    expect([quality.min, quality.max]).toEqual([1, 4]);
  });

  it('saturates at 1 for a vector whose mean is near zero, as real embeddings are', () => {
    const zeroMean = Array.from({ length: 768 }, (_, i) => Math.sin(i * 1.7) * 0.8);
    const quality = featureQuality(zeroMean);
    expect(Math.abs(quality.mean)).toBeLessThan(0.01);
    expect(quality.diversityScore).toBeGreaterThan(10);
    expect(quality.qualityScore).toBe(1);
  });

  it('stays below 1 for a flat vector far from zero, and is 0 for a vector of zeros', () => {
    expect(featureQuality(Array.from({ length: 768 }, () => 0.5)).qualityScore).toBeCloseTo((0.4 * 0.5) / Math.sqrt(768), 9);
    expect(featureQuality([0, 0, 0]).qualityScore).toBe(0);
  });

  it('refuses an empty vector rather than answering NaN', () => {
    expect(() => featureQuality([])).toThrow(/non-empty/);
  });
});
