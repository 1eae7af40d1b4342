/**
 * `analyze-quality` as the real service computes it: from the stored feature vector alone, never from the pixels
 * (docs/services.md). Diversity is the spread of the vector over the size of its mean, magnitude its length per
 * dimension; the score is 0.6 × diversity + 0.4 × magnitude, clamped to [0, 1]. A real embedding's mean sits near
 * zero, so its diversity is large and the score saturates at 1: the reason the library records this score and never
 * gates on it. Being arithmetic over one vector, it costs the service next to nothing, and the stand-in must cost as
 * little, or a benchmark would count a price the real service does not charge.
 */
export interface FeatureQuality {
  qualityScore: number;
  diversityScore: number;
  mean: number;
  std: number;
  min: number;
  max: number;
}

export function featureQuality(features: readonly number[]): FeatureQuality {
  if (features.length === 0) throw new Error('featureQuality needs a non-empty feature vector');
  let sum = 0;
  let sumOfSquares = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const value of features) {
    sum += value;
    sumOfSquares += value * value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const mean = sum / features.length;
  let squaredDeviations = 0;
  for (const value of features) squaredDeviations += (value - mean) ** 2;
  const std = Math.sqrt(squaredDeviations / features.length);
  // The 1e-8 keeps a zero mean from dividing by zero, as the service does.
  const diversityScore = std / (Math.abs(mean) + 1e-8);
  const magnitude = Math.sqrt(sumOfSquares) / features.length;
  const qualityScore = Math.min(1, Math.max(0, 0.6 * diversityScore + 0.4 * magnitude));
  return { qualityScore, diversityScore, mean, std, min, max };
}
