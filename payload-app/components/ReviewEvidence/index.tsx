import { ReviewEvidenceClient } from './ReviewEvidence.client';

/** On the QA settings: what reviewers decided so far, per engine and angle, and the bar it suggests. */
export function ReviewEvidence() {
  return <ReviewEvidenceClient />;
}
