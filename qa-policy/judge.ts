/** What a candidate measured, and the rules it is judged by: pure, so workflows, the gate report and tests share it. */
export interface CandidateMeasurements {
  cosine: number;
  consistencyScore: number;
  qualityScore: number;
  /** Quality checks that failed, each with its plain-words note. */
  failedChecks: Array<{ id: string; note: string }>;
  /** Consistency with already-accepted neighbouring views (θ ± 45°), when there are any. */
  neighbours?: Array<{ angle: number; consistencyScore: number }>;
}

/**
 * A view band: the image must look like the character (at least `minConsistency` against the master) and must not
 * look like the master's own view when another view was asked for (at most `maxConsistency`). Both bounds are per
 * engine and per angle.
 */
export interface JudgingRules {
  /** null when the QA settings have no bar for this engine (and angle): never passes automatically. */
  minConsistency: number | null;
  /** null: no upper bound at this angle. */
  maxConsistency?: number | null;
  /**
   * Below the lower bar but at or above this, an image is still this character, seen from another view (a back view
   * returned for the front): it fails as the wrong view, not as someone else. null when not calibrated.
   */
  characterFloor?: number | null;
  /** Set when this angle is not calibrated for this engine: every image goes to a reviewer, for this reason. */
  reviewReason?: string | null;
  /** Lowest consistency with an accepted neighbouring view (45° away); null when not calibrated. */
  minNeighbourConsistency?: number | null;
  minQuality: number;
  echoCosine: number;
  engineId: string;
}

export interface Verdict {
  passed: boolean;
  /** Short ids of what failed: `consistency`, `view`, `echo`, `review`, `quality` and each failed quality check. */
  reasons: string[];
  notes: string[];
}

export function judgeCandidate(measured: CandidateMeasurements, rules: JudgingRules): Verdict {
  const reasons: string[] = [];
  const notes: string[] = [];
  const fail = (reason: string, note: string) => {
    if (!reasons.includes(reason)) reasons.push(reason);
    notes.push(note);
  };
  const score = measured.consistencyScore.toFixed(1);
  if (rules.minConsistency === null) {
    fail('consistency', `No consistency threshold is configured for engine "${rules.engineId}": a reviewer must decide.`);
  } else if (measured.consistencyScore < rules.minConsistency) {
    if (rules.characterFloor != null && measured.consistencyScore >= rules.characterFloor) {
      fail(
        'view',
        `Consistency ${score} is below the threshold ${rules.minConsistency} but above ${rules.characterFloor}: the character, seen from another view than the one asked for (engine ${rules.engineId}).`,
      );
    } else {
      fail('consistency', `Consistency ${score} is below the threshold ${rules.minConsistency} (engine ${rules.engineId}).`);
    }
  }
  if (rules.maxConsistency != null && measured.consistencyScore > rules.maxConsistency) {
    fail(
      'view',
      `Consistency ${score} is above ${rules.maxConsistency}, the most a view at this angle reaches: it looks like the master's own view, not the view asked for (engine ${rules.engineId}).`,
    );
  }
  if (rules.minNeighbourConsistency != null) {
    for (const neighbour of measured.neighbours ?? []) {
      if (neighbour.consistencyScore < rules.minNeighbourConsistency) {
        fail(
          'view',
          `Consistency with the accepted ${neighbour.angle}° view is ${neighbour.consistencyScore.toFixed(1)}, below ${rules.minNeighbourConsistency}: not the view between its neighbours.`,
        );
      }
    }
  }
  if (measured.cosine >= rules.echoCosine) {
    fail(
      'echo',
      `Cosine ${measured.cosine.toFixed(3)} to the reference is at or above ${rules.echoCosine}: the reference may have been echoed back.`,
    );
  }
  for (const check of measured.failedChecks) fail(check.id, check.note);
  if (measured.qualityScore < rules.minQuality)
    fail('quality', `Quality ${measured.qualityScore.toFixed(1)} is below the threshold ${rules.minQuality}.`);
  if (rules.reviewReason && reasons.length === 0) fail('review', rules.reviewReason);
  return { passed: reasons.length === 0, reasons, notes };
}

/**
 * The judge as it was before view bands, kept for workflow histories recorded with it: replaying such a run must
 * reach the same verdicts, or Temporal cannot resume it (produce-image.ts chooses with `patched`).
 */
export function judgeCandidateBeforeViewBands(
  measured: { cosine: number; consistencyScore: number; qualityScore: number; qualityNotes: string[] },
  rules: Pick<JudgingRules, 'minConsistency' | 'minQuality' | 'echoCosine' | 'engineId'>,
): Verdict {
  const notes: string[] = [];
  const reasons: string[] = [];
  if (rules.minConsistency === null) {
    notes.push(`No consistency threshold is configured for engine "${rules.engineId}": a reviewer must decide.`);
    reasons.push('consistency');
  } else if (measured.consistencyScore < rules.minConsistency) {
    notes.push(
      `Consistency ${measured.consistencyScore.toFixed(1)} is below the threshold ${rules.minConsistency} (engine ${rules.engineId}).`,
    );
    reasons.push('consistency');
  }
  if (measured.cosine >= rules.echoCosine) {
    notes.push(
      `Cosine ${measured.cosine.toFixed(3)} to the reference is at or above ${rules.echoCosine}: the reference may have been echoed back.`,
    );
    reasons.push('echo');
  }
  if (measured.qualityScore < rules.minQuality) {
    notes.push(`Quality ${measured.qualityScore.toFixed(1)} is below the threshold ${rules.minQuality}.`, ...measured.qualityNotes);
    reasons.push('quality');
  }
  return { passed: notes.length === 0, reasons, notes };
}
