import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';
import {
  REVIEW_DECISIONS,
  REVIEW_SIGNALS,
  REVIEW_UPDATE,
  type ReviewDecisionKind,
  type ReviewSignalPayload,
  type ReviewUpdatePayload,
  type ReviewUpdateResult,
} from '../../contracts';

export const approveSignal = defineSignal<[ReviewSignalPayload]>(REVIEW_SIGNALS.approve);
export const retrySignal = defineSignal<[ReviewSignalPayload]>(REVIEW_SIGNALS.retry);
export const rejectSignal = defineSignal<[ReviewSignalPayload]>(REVIEW_SIGNALS.reject);
export const reviewUpdate = defineUpdate<ReviewUpdateResult, [ReviewUpdatePayload]>(REVIEW_UPDATE);

/** A decision as the inbox keeps it until the waiting branch takes it. */
export interface ReviewDecision extends ReviewSignalPayload {
  decision: ReviewDecisionKind;
}

/**
 * Decisions arrive as signals (CLI) or as an Update (admin). Either way they are kept per image id until the
 * waiting branch of the workflow takes them; a decision for an image nobody waits for is ignored (signals) or
 * refused by the validator (Update), so a stale button press cannot affect a later attempt.
 */
export class ReviewInbox {
  private readonly awaiting = new Set<string>();
  private readonly decisions = new Map<string, ReviewDecision>();

  install(): void {
    const accept = (decision: ReviewDecisionKind) => (payload: ReviewSignalPayload) => {
      const key = String(payload?.imageId ?? '');
      if (this.awaiting.has(key) && !this.decisions.has(key)) this.decisions.set(key, { ...payload, decision });
    };
    setHandler(approveSignal, accept('approve'));
    setHandler(retrySignal, accept('retry'));
    setHandler(rejectSignal, accept('reject'));
    setHandler(
      reviewUpdate,
      (payload) => {
        accept(payload.decision)(payload);
        return { accepted: true as const };
      },
      {
        // Validators must be synchronous and must not change state.
        validator: (payload) => {
          if (!payload || !REVIEW_DECISIONS.includes(payload.decision)) throw new Error('decision must be approve, retry or reject');
          if (typeof payload.reviewer !== 'string' || payload.reviewer.length === 0) throw new Error('reviewer is required');
          const key = String(payload.imageId ?? '');
          if (!this.awaiting.has(key)) throw new Error(`image ${key} is not awaiting review in this run`);
          if (this.decisions.has(key)) throw new Error(`image ${key} already has a decision`);
        },
      },
    );
  }

  /** Waits for a decision on one image; undefined when the timeout passes first. */
  async waitFor(imageId: string | number, timeoutMs: number): Promise<ReviewDecision | undefined> {
    const key = String(imageId);
    this.awaiting.add(key);
    try {
      const decided = await condition(() => this.decisions.has(key), timeoutMs);
      return decided ? this.decisions.get(key) : undefined;
    } finally {
      this.awaiting.delete(key);
      this.decisions.delete(key);
    }
  }
}
