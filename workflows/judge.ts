/** What a candidate measured, and the rules it is judged by: pure, so workflows and tests share it. */
export interface CandidateMeasurements {
  cosine: number;
  consistencyScore: number;
  qualityScore: number;
  qualityNotes: string[];
}

export interface JudgingRules {
  /** null when the QA settings have no threshold for this engine (and angle): never passes automatically. */
  minConsistency: number | null;
  minQuality: number;
  echoCosine: number;
  engineId: string;
}

export interface Verdict {
  passed: boolean;
  notes: string[];
}

export function judgeCandidate(measured: CandidateMeasurements, rules: JudgingRules): Verdict {
  const notes: string[] = [];
  if (rules.minConsistency === null) {
    notes.push(`No consistency threshold is configured for engine "${rules.engineId}": a reviewer must decide.`);
  } else if (measured.consistencyScore < rules.minConsistency) {
    notes.push(`Consistency ${measured.consistencyScore.toFixed(1)} is below the threshold ${rules.minConsistency} (engine ${rules.engineId}).`);
  }
  if (measured.cosine >= rules.echoCosine) {
    notes.push(`Cosine ${measured.cosine.toFixed(3)} to the reference is at or above ${rules.echoCosine}: the reference may have been echoed back.`);
  }
  if (measured.qualityScore < rules.minQuality) {
    notes.push(`Quality ${measured.qualityScore.toFixed(1)} is below the threshold ${rules.minQuality}.`);
    notes.push(...measured.qualityNotes);
  }
  return { passed: notes.length === 0, notes };
}
