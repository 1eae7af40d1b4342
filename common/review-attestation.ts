import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The app vouches for the Payload user behind a review decision. Anyone who reaches the Temporal frontend can send
 * a signal or an Update naming any `reviewerUserId`; only a decision the app signed is recorded as that user's. The
 * key is derived from the worker's API key, the one secret the app and the worker already share (rotating it
 * briefly turns in-flight attested decisions into operator ones, which is safe). docs/decisions.md, "Review identity".
 */
export interface AttestedFields {
  imageId: string | number;
  decision: string;
  reviewer: string;
  reviewerUserId: string | number;
}

function signingKey(sharedSecret: string): Buffer {
  return createHmac('sha256', sharedSecret).update('review-attestation/v1').digest();
}

function message(fields: AttestedFields): string {
  return JSON.stringify([String(fields.imageId), fields.decision, fields.reviewer, String(fields.reviewerUserId)]);
}

export function attestReviewDecision(sharedSecret: string, fields: AttestedFields): string {
  return createHmac('sha256', signingKey(sharedSecret)).update(message(fields)).digest('base64url');
}

export function isAttestedReviewDecision(
  sharedSecret: string | undefined,
  fields: AttestedFields,
  attestation: string | undefined,
): boolean {
  if (!sharedSecret || !attestation) return false;
  const expected = Buffer.from(attestReviewDecision(sharedSecret, fields));
  const given = Buffer.from(attestation);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** How a decision nobody vouched for is shown: what the operator typed, marked as coming through Temporal. */
export function operatorLabel(reviewer: string): string {
  return `via Temporal, by ${reviewer.trim() || 'an unnamed operator'}`;
}
