import {
  ApplicationFailure,
  CancellationScope,
  patched,
  defineQuery,
  isCancellation,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CostActivities } from '../../activities/costs/activities';
import type { CoreSetActivities } from '../../activities/core-set/activities';
import {
  CORE_SET_ANGLES,
  isCoreSetAngle,
  PROGRESS_QUERY,
  searchAttributes,
  type AngleProgress,
  type CoreSetInput,
  type CoreSetProgress,
} from '../../contracts';
import { GenerationSlots, mapWithConcurrency } from '../concurrency';
import {
  END_OF_RUN_AT_ONCE_PATCH,
  LANES_FAIL_ALONE_PATCH,
  LANES_SETTLE_BEFORE_END_PATCH,
  REVIEW_FREES_SLOT_PATCH,
  RUNNING_STATE_BESIDE_CONTEXT_PATCH,
} from '../patches';
import { bookkeepsLocally, RUN_BOOKKEEPING_OPTIONS } from '../bookkeeping-options';
import { describeFailure } from '../failure-message';
import { ReviewInbox } from '../review/handlers';
import { runAngle } from './angle';

export const coreSetProgressQuery = defineQuery<CoreSetProgress>(PROGRESS_QUERY);

const scheduledActivities = proxyActivities<CoreSetActivities & CostActivities>(RUN_BOOKKEEPING_OPTIONS);
const localActivities = proxyLocalActivities<CoreSetActivities & CostActivities>(RUN_BOOKKEEPING_OPTIONS);

const SETTLED_OK = new Set(['passed', 'approved']);

/** The 360° turnaround (docs/decisions.md): eight angles in parallel, each gated by consistency with the master. */
export async function coreSetWorkflow(input: CoreSetInput): Promise<CoreSetProgress> {
  const requested = input.angles?.length ? input.angles : [...CORE_SET_ANGLES];
  const angles = [...new Set(requested)].filter(isCoreSetAngle);
  if (angles.length === 0) throw ApplicationFailure.nonRetryable(`No valid angles in ${JSON.stringify(input.angles)}`, 'InvalidInput');

  const progress: CoreSetProgress = {
    characterId: input.characterId,
    status: 'starting',
    angles: angles.map((angle): AngleProgress => ({
      angle,
      state: 'queued',
      attempt: 0,
      consistencyScore: null,
      qualityScore: null,
      threshold: null,
      spentUsd: 0,
      generations: 0,
      unpricedGenerations: 0,
    })),
  };
  setHandler(coreSetProgressQuery, () => progress);
  const inbox = new ReviewInbox();
  inbox.install();
  const lanesFailAlone = patched(LANES_FAIL_ALONE_PATCH);
  const reviewFreesSlot = lanesFailAlone && patched(REVIEW_FREES_SLOT_PATCH);
  const endsAtOnce = lanesFailAlone && patched(END_OF_RUN_AT_ONCE_PATCH);
  const runningBesideContext = lanesFailAlone && patched(RUNNING_STATE_BESIDE_CONTEXT_PATCH);
  const lanesSettleBeforeEnd = reviewFreesSlot && patched(LANES_SETTLE_BEFORE_END_PATCH);
  const activities = bookkeepsLocally(lanesSettleBeforeEnd) ? localActivities : scheduledActivities;
  let costRecorded = false;
  progress.ignoredDecisions = inbox.ignored;

  try {
    const loadContext = () =>
      activities.loadCoreSetContext({
        characterDocId: input.characterDocId,
        maxAttempts: input.maxAttempts,
        thresholdOverride: input.thresholdOverride,
      });
    const recordRunning = () => activities.recordCoreSetState({ characterDocId: input.characterDocId, status: 'running', error: null });
    let context: Awaited<ReturnType<typeof loadContext>>;
    if (runningBesideContext) {
      // Both settle before anything else is written, so a failed load's "failed" state cannot be overtaken by "running".
      const [loaded, running] = await Promise.allSettled([loadContext(), recordRunning()]);
      if (loaded.status === 'rejected') throw loaded.reason;
      if (running.status === 'rejected') throw running.reason;
      context = loaded.value;
      progress.engineId = context.engineId;
      progress.status = 'running';
    } else {
      context = await loadContext();
      progress.engineId = context.engineId;
      progress.status = 'running';
      await recordRunning();
    }

    const onAwaitingReview = async () => {
      // Shown on the character and in the Web UI so reviewers find runs that wait for them.
      if (progress.status === 'awaiting_review') return;
      progress.status = 'awaiting_review';
      upsertSearchAttributes([{ key: searchAttributes.status, value: 'awaiting_review' }]);
      await activities.recordCoreSetState({ characterDocId: input.characterDocId, status: 'awaiting_review', error: null });
    };
    if (reviewFreesSlot) {
      const slots = new GenerationSlots(context.concurrency);
      const lanes = progress.angles.map(async (angle) => {
        const slot = await slots.take();
        await laneFailsAlone(angle, () => runAngle(input, context, angle, inbox, onAwaitingReview, slot));
        slot.release();
      });
      if (lanesSettleBeforeEnd) {
        // A cancellation reaches every lane at once; each discards its candidates and withdraws its flagged image in
        // a non-cancellable scope, and the run may end only when the slowest of them has.
        const settled = await Promise.allSettled(lanes);
        const rejected = settled.find((lane): lane is PromiseRejectedResult => lane.status === 'rejected');
        if (rejected) throw rejected.reason;
      } else {
        await Promise.all(lanes);
      }
    } else {
      await mapWithConcurrency(progress.angles, context.concurrency, (angle) =>
        lanesFailAlone
          ? laneFailsAlone(angle, () => runAngle(input, context, angle, inbox, onAwaitingReview))
          : runAngle(input, context, angle, inbox, onAwaitingReview),
      );
    }

    const unsettled = progress.angles.filter((angle) => !SETTLED_OK.has(angle.state));
    progress.status = unsettled.length === 0 ? 'complete' : 'incomplete';
    const summary = unsettled.map((angle) => `${angle.angle}°: ${angle.state}${angle.reason ? ` (${angle.reason})` : ''}`).join('\n');
    const finalState = activities.recordCoreSetState({
      characterDocId: input.characterDocId,
      status: progress.status,
      error: summary || null,
    });
    if (endsAtOnce) {
      await Promise.all([finalState, recordCost()]);
      costRecorded = true;
    } else {
      await finalState;
    }
    if (!lanesFailAlone) await recordCost();
    upsertSearchAttributes([{ key: searchAttributes.status, value: progress.status }]);
    return progress;
  } catch (error) {
    if (isCancellation(error)) {
      if (lanesFailAlone) {
        progress.status = 'cancelled';
        // The run is cancelled, its bookkeeping is not: the character must not be left showing "running".
        await CancellationScope.nonCancellable(() =>
          activities.recordCoreSetState({ characterDocId: input.characterDocId, status: 'cancelled', error: 'Cancelled.' }),
        );
        upsertSearchAttributes([{ key: searchAttributes.status, value: 'cancelled' }]);
      }
      throw error;
    }
    const message = describeFailure(error);
    progress.status = 'failed';
    await activities.recordCoreSetState({ characterDocId: input.characterDocId, status: 'failed', error: message });
    upsertSearchAttributes([{ key: searchAttributes.status, value: 'failed' }]);
    throw ApplicationFailure.nonRetryable(message, 'CoreSetFailed');
  } finally {
    // Every run keeps its own cost record, failed and cancelled ones included.
    if (lanesFailAlone && !costRecorded) await CancellationScope.nonCancellable(() => recordCost());
  }

  function recordCost() {
    const { workflowId, firstExecutionRunId } = workflowInfo();
    return activities.recordRunCost({
      characterDocId: input.characterDocId,
      workflowId,
      runId: firstExecutionRunId,
      outcome: progress.status,
      stage: 'core-set',
      costUsd: progress.angles.reduce((sum, angle) => sum + angle.spentUsd, 0),
      attempts: progress.angles.reduce((sum, angle) => sum + angle.generations, 0),
      unpricedAttempts: progress.angles.reduce((sum, angle) => sum + angle.unpricedGenerations, 0),
    });
  }
}

/**
 * One angle that fails (a permanent model error, retries exhausted) ends that angle with its reason; the other
 * angles go on and the run ends `incomplete` with a per-angle account.
 */
async function laneFailsAlone(progress: AngleProgress, lane: () => Promise<void>): Promise<void> {
  try {
    await lane();
  } catch (error) {
    if (isCancellation(error)) throw error;
    progress.state = 'failed';
    progress.reason = describeFailure(error);
  }
}
