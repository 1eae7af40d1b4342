import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The app vouches for the Payload user behind a review decision. Anyone who reaches the Temporal frontend can send
 * a signal or an Update naming any `reviewerUserId`; only a decision the app signed is recorded as that user's. The
 * key is derived from the worker's API key, the one secret the app and the worker already share. During a key
 * rotation the app holds two keys and signs with both (the signatures joined by "."), so a worker on either key
 * recognises the decision. docs/decisions.md, "Review identity".
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

function signature(sharedSecret: string, fields: AttestedFields): string {
  return createHmac('sha256', signingKey(sharedSecret)).update(message(fields)).digest('base64url');
}

/** One signature per key the app holds (base64url has no "."). */
export function attestReviewDecision(sharedSecrets: string | readonly string[], fields: AttestedFields): string {
  return [sharedSecrets]
    .flat()
    .map((secret) => signature(secret, fields))
    .join('.');
}

export function isAttestedReviewDecision(
  sharedSecret: string | undefined,
  fields: AttestedFields,
  attestation: string | undefined,
): boolean {
  if (!sharedSecret || !attestation) return false;
  const expected = Buffer.from(signature(sharedSecret, fields));
  return attestation.split('.').some((part) => {
    const given = Buffer.from(part);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

/** How a decision nobody vouched for is shown: what the operator typed, marked as coming through Temporal. */
export function operatorLabel(reviewer: string): string {
  return `via Temporal, by ${reviewer.trim() || 'an unnamed operator'}`;
}
