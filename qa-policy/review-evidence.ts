import { proposeBands, type CalibrationSample } from './calibration';

/** A decided core image, as the evidence needs it. */
export interface DecidedImage {
  engineId: string;
  angle: number;
  consistencyScore: number;
  decision: 'approved' | 'rejected';
}

export interface AngleEvidence {
  engineId: string;
  angle: number;
  approved: number[];
  rejected: number[];
  /** The lower bar the decisions suggest, or null with the reason there is none yet. */
  suggestedMin: number | null;
  reason: string;
}

/** Both kinds of decision are needed before a bar is suggested: one kind alone says nothing about where to cut. */
export const MIN_DECISIONS_EACH = 3;

/**
 * Reviewer decisions are labels: approved images are the character at that view, rejected ones are not (or not
 * well enough). Per engine and angle, the bar they suggest sits midway between the highest rejected and the lowest
 * approved score, when the two are apart.
 */
export function reviewEvidence(images: DecidedImage[]): AngleEvidence[] {
  const groups = new Map<string, DecidedImage[]>();
  for (const image of images) {
    const key = `${image.engineId}\u0000${image.angle}`;
    groups.set(key, [...(groups.get(key) ?? []), image]);
  }
  return [...groups.values()]
    .map((group) => {
      const { engineId, angle } = group[0]!;
      const approved = group
        .filter((image) => image.decision === 'approved')
        .map((image) => image.consistencyScore)
        .sort((a, b) => a - b);
      const rejected = group
        .filter((image) => image.decision === 'rejected')
        .map((image) => image.consistencyScore)
        .sort((a, b) => a - b);
      if (approved.length < MIN_DECISIONS_EACH || rejected.length < MIN_DECISIONS_EACH) {
        return {
          engineId,
          angle,
          approved,
          rejected,
          suggestedMin: null,
          reason: `needs ${MIN_DECISIONS_EACH} approved and ${MIN_DECISIONS_EACH} rejected images`,
        };
      }
      const samples: CalibrationSample[] = [
        ...approved.map((score) => ({ angle, label: 'same' as const, score })),
        ...rejected.map((score) => ({ angle, label: 'other' as const, score })),
      ];
      const [band] = proposeBands(samples);
      if (!band || band.reviewUntilCalibrated) {
        return {
          engineId,
          angle,
          approved,
          rejected,
          suggestedMin: null,
          reason: 'approved and rejected scores overlap: no bar separates them',
        };
      }
      return {
        engineId,
        angle,
        approved,
        rejected,
        suggestedMin: band.minConsistency,
        reason: `midway between ${rejected.at(-1)} (highest rejected) and ${approved[0]} (lowest approved)`,
      };
    })
    .sort((a, b) => a.engineId.localeCompare(b.engineId) || a.angle - b.angle);
}
