import { createRandom, seedFrom } from '../../local-services/gemini/renderer/random';
import type { Json } from '../json';
import type { RestSession } from '../rest';

export interface ReviewerTally {
  approved: number;
  rejected: number;
  /** Answers other than "accepted": the app was down, the run was not waiting yet, the decision was stale. */
  notTaken: number;
}

/**
 * A scripted reviewer: decides on every image in the review queue through the app's review endpoint, as a person
 * in the admin would. The decision is seeded by the image id, so a retried call repeats the same decision.
 */
export function scriptedReviewer(reviewer: RestSession, seed: number, approveRate: number) {
  const tally: ReviewerTally = { approved: 0, rejected: 0, notTaken: 0 };
  const decided = new Set<string>();
  return {
    tally,
    /** One pass over the queue; errors (the app is down) end the pass and the next one tries again. */
    async reviewQueue(): Promise<void> {
      const { status, body } = await reviewer.request(
        'GET',
        '/api/character-images?where[review.status][equals]=awaiting_review&limit=100&depth=0',
      );
      if (status !== 200) return;
      for (const image of body.docs as Json[]) {
        const id = String(image.id);
        if (decided.has(id)) continue;
        const decision = createRandom(seedFrom(seed, id)).next() < approveRate ? 'approve' : 'reject';
        const answer = await reviewer.request('POST', `/api/character-images/${id}/review`, {
          decision,
          note: `chaos reviewer (seed ${seed})`,
        });
        if (answer.status === 200) {
          decided.add(id);
          tally[decision === 'approve' ? 'approved' : 'rejected']++;
        } else {
          tally.notTaken++;
        }
      }
    },
  };
}
