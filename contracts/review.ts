/**
 * Human review: the messages a flagged image's workflow accepts. Plain names and JSON payloads so an operator
 * can send them with the Temporal CLI, e.g.
 *   temporal workflow signal --workflow-id core-set:jax-rivera --name approve \
 *     --input '{"imageId": 12, "reviewer": "ops@studio.example", "note": "back view is right"}'
 * The admin uses the `review` Update instead, which answers at once whether the decision was accepted.
 */
export const REVIEW_DECISIONS = ['approve', 'retry', 'reject'] as const;
export type ReviewDecisionKind = (typeof REVIEW_DECISIONS)[number];

/** One signal per decision, named after it. */
export const REVIEW_SIGNALS = {
  approve: 'approve',
  retry: 'retry',
  reject: 'reject',
} as const satisfies Record<ReviewDecisionKind, string>;
export const REVIEW_UPDATE = 'review';

export interface ReviewSignalPayload {
  /** The character-images document id of the flagged image. */
  imageId: string | number;
  /** Who decided: a label (e-mail or name); `reviewerUserId` links a Payload user when known. */
  reviewer: string;
  reviewerUserId?: string | number;
  /**
   * Set by the app (common/review-attestation.ts): proves `reviewerUserId`. Without a valid one the decision is
   * recorded as an operator's ("via Temporal, by <reviewer>"), never as a Payload user's.
   */
  attestation?: string;
  note?: string;
  /** Only for retry: appended to the generation prompt of the new attempts. */
  promptAdjustment?: string;
}

export interface ReviewUpdatePayload extends ReviewSignalPayload {
  decision: ReviewDecisionKind;
}

/** What the Update answers when the workflow took the decision; a refusal fails the Update instead. */
export interface ReviewUpdateResult {
  accepted: true;
}
