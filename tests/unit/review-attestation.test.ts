import { attestReviewDecision, isAttestedReviewDecision, operatorLabel } from '../../common/review-attestation';

const SECRET = 'a-worker-api-key-of-at-least-24-chars';
const decision = { imageId: 12, decision: 'approve', reviewer: 'rita@studio.example', reviewerUserId: 3 };

describe('review attestation', () => {
  it('accepts what the app signed, with ids given as numbers or strings', () => {
    const attestation = attestReviewDecision(SECRET, decision);
    expect(isAttestedReviewDecision(SECRET, decision, attestation)).toBe(true);
    expect(isAttestedReviewDecision(SECRET, { ...decision, imageId: '12', reviewerUserId: '3' }, attestation)).toBe(true);
  });

  it.each([
    ['another user', { reviewerUserId: 4 }],
    ['another image', { imageId: 13 }],
    ['another decision', { decision: 'reject' }],
    ['another name', { reviewer: 'mallory@studio.example' }],
  ])('refuses a signed decision replayed for %s', (_what, change) => {
    const attestation = attestReviewDecision(SECRET, decision);
    expect(isAttestedReviewDecision(SECRET, { ...decision, ...change }, attestation)).toBe(false);
  });

  it('refuses a missing or forged attestation, and any attestation when the worker has no key', () => {
    expect(isAttestedReviewDecision(SECRET, decision, undefined)).toBe(false);
    expect(isAttestedReviewDecision(SECRET, decision, attestReviewDecision('another-secret-of-24-characters', decision))).toBe(false);
    expect(isAttestedReviewDecision(SECRET, decision, 'short')).toBe(false);
    expect(isAttestedReviewDecision(undefined, decision, attestReviewDecision(SECRET, decision))).toBe(false);
  });

  it('accepts a decision signed during a key rotation with either key, and no other', () => {
    const previous = 'the-previous-worker-api-key-24+';
    const attestation = attestReviewDecision([SECRET, previous], decision);
    expect(isAttestedReviewDecision(SECRET, decision, attestation)).toBe(true);
    expect(isAttestedReviewDecision(previous, decision, attestation)).toBe(true);
    expect(isAttestedReviewDecision('a-third-key-nobody-should-have', decision, attestation)).toBe(false);
    expect(isAttestedReviewDecision(previous, { ...decision, reviewerUserId: 4 }, attestation)).toBe(false);
  });

  it('labels what an operator typed as coming through Temporal', () => {
    expect(operatorLabel('ops@studio.example')).toBe('via Temporal, by ops@studio.example');
    expect(operatorLabel('  ')).toBe('via Temporal, by an unnamed operator');
  });
});
