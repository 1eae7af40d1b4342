import { ApplicationFailure, condition, defineSignal, defineUpdate, patched, setHandler } from '@temporalio/workflow';
import {
  REVIEW_DECISIONS,
  REVIEW_SIGNALS,
  REVIEW_UPDATE,
  type ReviewDecisionKind,
  type ReviewSignalPayload,
  type ReviewUpdatePayload,
  type ReviewUpdateResult,
} from '../../contracts';
import { EARLY_DECISIONS_PATCH } from '../patches';

export const approveSignal = defineSignal<[ReviewSignalPayload]>(REVIEW_SIGNALS.approve);
export const retrySignal = defineSignal<[ReviewSignalPayload]>(REVIEW_SIGNALS.retry);
export const rejectSignal = defineSignal<[ReviewSignalPayload]>(REVIEW_SIGNALS.reject);
export const reviewUpdate = defineUpdate<ReviewUpdateResult, [ReviewUpdatePayload]>(REVIEW_UPDATE);

/** A decision as the inbox keeps it until the waiting branch takes it. */
export interface ReviewDecision extends ReviewSignalPayload {
  decision: ReviewDecisionKind;
}

/** A signalled decision nobody could use, kept for the progress query so an operator can see it was not applied. */
export interface IgnoredDecision {
  imageId: string;
  decision: ReviewDecisionKind;
  reviewer: string;
  reason: string;
}

/** How long (workflow time) an Update for an image the workflow has not heard of yet waits for it to be flagged. */
const UPDATE_WAITS_FOR_FLAGGING_MS = 60_000;
const MAX_KEPT = 50;

/**
 * Decisions arrive as signals (CLI) or as an Update (admin), and are kept per image id until the waiting branch
 * takes them, exactly once. The image becomes visible to reviewers when its save completes, which can be just before
 * the workflow learns its id: a decision in that gap is kept (early) and applied as soon as the image is flagged.
 * A decision for an image this run has finished with is recorded as ignored (signals) or refused (Update).
 */
export class ReviewInbox {
  private readonly awaiting = new Set<string>();
  private readonly flagged = new Set<string>();
  private readonly closed = new Set<string>();
  private readonly decisions = new Map<string, ReviewDecision>();
  private readonly early = new Map<string, ReviewDecision>();
  readonly ignored: IgnoredDecision[] = [];
  private keepsEarly = false;

  install(): void {
    this.keepsEarly = patched(EARLY_DECISIONS_PATCH);
    const accept = (decision: ReviewDecisionKind) => (payload: ReviewSignalPayload) => {
      const key = String(payload?.imageId ?? '');
      const entry = { ...payload, decision };
      if (this.awaiting.has(key) || (this.keepsEarly && this.flagged.has(key))) {
        if (!this.decisions.has(key)) this.decisions.set(key, entry);
        else this.ignore(entry, 'the image already has a decision');
      } else if (this.keepsEarly && !this.closed.has(key)) {
        if (!this.early.has(key) && this.early.size < MAX_KEPT) this.early.set(key, entry);
        else this.ignore(entry, 'a decision for this image is already waiting to be applied');
      } else {
        this.ignore(entry, this.closed.has(key) ? 'this run has finished with the image' : 'the image is not awaiting review in this run');
      }
    };
    setHandler(approveSignal, accept('approve'));
    setHandler(retrySignal, accept('retry'));
    setHandler(rejectSignal, accept('reject'));
    setHandler(
      reviewUpdate,
      async (payload) => {
        const key = String(payload.imageId);
        if (this.keepsEarly && !this.awaiting.has(key) && !this.flagged.has(key)) {
          // The admin shows an image once its save completes; the workflow may learn the id a moment later.
          const flagged = await condition(() => this.flagged.has(key) || this.closed.has(key), UPDATE_WAITS_FOR_FLAGGING_MS);
          if (!flagged || this.closed.has(key))
            throw ApplicationFailure.nonRetryable(`image ${key} is not awaiting review in this run`, 'NotAwaitingReview');
        }
        if (this.decisions.has(key)) throw ApplicationFailure.nonRetryable(`image ${key} already has a decision`, 'AlreadyDecided');
        this.decisions.set(key, { ...payload });
        return { accepted: true as const };
      },
      {
        // Validators must be synchronous and must not change state.
        validator: (payload) => {
          if (!payload || !REVIEW_DECISIONS.includes(payload.decision)) throw new Error('decision must be approve, retry or reject');
          if (typeof payload.reviewer !== 'string' || payload.reviewer.length === 0) throw new Error('reviewer is required');
          const key = String(payload.imageId ?? '');
          if (this.closed.has(key) || (!this.keepsEarly && !this.awaiting.has(key)))
            throw new Error(`image ${key} is not awaiting review in this run`);
          if (this.decisions.has(key) || this.early.has(key)) throw new Error(`image ${key} already has a decision`);
        },
      },
    );
  }

  /**
   * The image is saved and flagged: from now on decisions for it are kept for `waitFor`. Call it as soon as the
   * save returns, before anything else that awaits; an early decision becomes the image's decision here.
   */
  flag(imageId: string | number): void {
    const key = String(imageId);
    this.flagged.add(key);
    const early = this.early.get(key);
    if (early && !this.decisions.has(key)) this.decisions.set(key, early);
    this.early.delete(key);
  }

  /** Waits for a decision on one image; undefined when the timeout passes first. */
  async waitFor(imageId: string | number, timeoutMs: number): Promise<ReviewDecision | undefined> {
    const key = String(imageId);
    this.flag(key);
    this.awaiting.add(key);
    try {
      const decided = await condition(() => this.decisions.has(key), timeoutMs);
      return decided ? this.decisions.get(key) : undefined;
    } finally {
      this.awaiting.delete(key);
      this.flagged.delete(key);
      this.decisions.delete(key);
      this.closed.add(key);
    }
  }

  private ignore(entry: ReviewDecision, reason: string): void {
    if (this.ignored.length >= MAX_KEPT) this.ignored.shift();
    this.ignored.push({ imageId: String(entry.imageId ?? ''), decision: entry.decision, reviewer: String(entry.reviewer ?? ''), reason });
  }
}
