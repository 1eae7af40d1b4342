import {
  CancellationScope,
  ChildWorkflowCancellationType,
  ChildWorkflowFailure,
  condition,
  defineQuery,
  isCancellation,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  upsertMemo,
  upsertSearchAttributes,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { CoreSetBatchActivities } from '../../activities/core-set-batch/activities';
import {
  CORE_SET_ANGLES,
  PROGRESS_QUERY,
  searchAttributes,
  workflowIds,
  type BatchCharacterProgress,
  type BatchCharacterState,
  type CoreSetBatchInput,
  type CoreSetBatchProgress,
  type CoreSetProgress,
  type CoreSetRunReading,
} from '../../contracts';
import { GenerationSlots, type GenerationSlot } from '../concurrency';
import type { coreSetWorkflow } from '../core-set/workflow';
import { describeFailure } from '../failure-message';
import { acceptedAngles, countBatch, estimateSecondsLeft, remainingGenerations, spentUsd } from './time-left';

export const coreSetBatchProgressQuery = defineQuery<CoreSetBatchProgress>(PROGRESS_QUERY);

const { readCoreSetRuns } = proxyActivities<CoreSetBatchActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', maximumAttempts: 3 },
});

const DEFAULT_MAX_RUNNING = 10;
const DEFAULT_PROGRESS_POLL_MS = 10_000;
/**
 * While every run left only waits for people, progress is read this seldom: reviews can take days, and a reading
 * every 10 s for 72 h would outgrow a workflow history (~11 events each). Own runs still wake the batch when they end.
 */
const WAITING_FOR_REVIEW_POLL_MS = 5 * 60_000;
const FINAL = new Set<BatchCharacterState>(['skipped', 'complete', 'incomplete', 'failed', 'cancelled']);
const isFinal = (entry: BatchCharacterProgress) => FINAL.has(entry.state);

/**
 * Core sets for many characters (docs/decisions.md, "Batches"): each character's run is a child workflow with the
 * character's usual core-set id, so a batch never runs a second core set beside one already running; it follows that
 * one instead (and leaves it running when the batch is cancelled: it is not the batch's). Progress is read from the
 * children's own queries, since a workflow cannot query another; the Web UI shows it as the run's memo.
 */
export async function coreSetBatchWorkflow(input: CoreSetBatchInput): Promise<CoreSetBatchProgress> {
  const entries = input.characters.map((character): BatchCharacterProgress => ({
    characterDocId: character.characterDocId,
    characterId: character.characterId,
    name: character.name,
    state: character.skipReason ? 'skipped' : 'queued',
    ...(character.skipReason ? { reason: character.skipReason } : {}),
    angles: CORE_SET_ANGLES.length,
    anglesAccepted: 0,
    remainingGenerations: character.skipReason ? 0 : CORE_SET_ANGLES.length,
    spentUsd: 0,
  }));
  const progress: CoreSetBatchProgress = {
    status: 'running',
    characters: entries,
    counts: countBatch(entries),
    spentUsd: 0,
    remainingGenerations: 0,
    modelRequestsPerMinute: input.modelRequestsPerMinute,
    estimatedSecondsLeft: input.modelRequestsPerMinute === null ? null : 0,
    updatedAt: new Date().toISOString(),
  };
  setHandler(coreSetBatchProgressQuery, () => progress);
  const slots = new GenerationSlots(input.maxRunning ?? DEFAULT_MAX_RUNNING);
  const heldSlots = new Map<BatchCharacterProgress, GenerationSlot>();
  let memo = '';
  publish();

  let allSettled = false;
  const settled = Promise.all(entries.filter((entry) => !isFinal(entry)).map(runOne)).then(() => {
    allSettled = true;
  });
  try {
    const pollMs = input.progressPollMs ?? DEFAULT_PROGRESS_POLL_MS;
    while (!allSettled) {
      const onlyReviewsLeft = entries.every((entry) => isFinal(entry) || entry.state === 'awaiting_review');
      await condition(() => allSettled, onlyReviewsLeft ? Math.max(pollMs, WAITING_FOR_REVIEW_POLL_MS) : pollMs);
      if (!allSettled) await refresh();
    }
    progress.status = 'finished';
  } catch (error) {
    if (!isCancellation(error)) throw error;
    // Children are cancelled with the batch and end clean (their state on the character, their cost); wait for them.
    await CancellationScope.nonCancellable(() => settled);
    progress.status = 'cancelled';
    publish();
    upsertSearchAttributes([{ key: searchAttributes.status, value: 'cancelled' }]);
    throw error;
  }
  publish();
  upsertSearchAttributes([{ key: searchAttributes.status, value: 'finished' }]);
  return progress;

  /** Starts the character's core set as a child (or follows the run already going) and waits until it ends. */
  async function runOne(entry: BatchCharacterProgress): Promise<void> {
    try {
      heldSlots.set(entry, await Promise.race([slots.take(), CancellationScope.current().cancelRequested]));
      entry.workflowId = workflowIds.coreSet(entry.characterId);
      const child = await startCoreSet(entry);
      if (child) {
        entry.state = 'running';
        entry.runId = child.firstExecutionRunId;
        publish();
        applyOutcome(entry, await child.result());
      } else {
        entry.followed = true;
        entry.state = 'running';
        releaseSlot(entry);
        publish();
        await condition(() => isFinal(entry));
      }
    } catch (error) {
      if (!isCancellation(error)) {
        entry.state = 'failed';
        entry.reason = innermostMessage(error);
      } else if (entry.followed) {
        entry.reason = 'Still running: the batch followed this run, which it did not start, and leaves it running.';
      } else {
        const batchCancelled = CancellationScope.current().consideredCancelled;
        if (!entry.runId) entry.reason = 'Not started: the batch was cancelled.';
        else entry.reason = batchCancelled ? 'Cancelled with the batch.' : 'The run was cancelled.';
        entry.state = 'cancelled';
      }
    } finally {
      releaseSlot(entry);
      if (isFinal(entry)) entry.remainingGenerations = 0;
      publish();
    }
  }

  async function startCoreSet(entry: BatchCharacterProgress) {
    try {
      return await startChild<typeof coreSetWorkflow>('coreSetWorkflow', {
        workflowId: entry.workflowId!,
        args: [{ characterDocId: entry.characterDocId, characterId: entry.characterId, requestedBy: input.requestedBy }],
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
        // A terminated batch still cancels its runs, so each records its state and cost.
        parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
        cancellationType: ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED,
        typedSearchAttributes: [
          { key: searchAttributes.characterId, value: entry.characterId },
          { key: searchAttributes.stage, value: 'core-set' },
          { key: searchAttributes.status, value: 'running' },
        ],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return null;
      throw error;
    }
  }

  /** Live state of the runs still going: review, cost so far, and how a followed run ended. */
  async function refresh(): Promise<void> {
    const watched = entries.filter((entry) => entry.workflowId && !isFinal(entry));
    if (watched.length === 0) return;
    let readings: CoreSetRunReading[];
    try {
      readings = await readCoreSetRuns({ workflowIds: watched.map((entry) => entry.workflowId!) });
    } catch (error) {
      if (isCancellation(error)) throw error;
      return; // Progress is a view: a failed reading waits for the next round.
    }
    for (const reading of readings) {
      const entry = watched.find((candidate) => candidate.workflowId === reading.workflowId);
      if (!entry || isFinal(entry)) continue;
      if (entry.followed) entry.runId = reading.runId;
      if (reading.progress) applyLive(entry, reading.progress);
      if (entry.followed && reading.execution !== 'RUNNING') applyFollowedEnd(entry, reading);
      if (entry.state === 'awaiting_review') releaseSlot(entry);
    }
    publish();
  }

  function applyLive(entry: BatchCharacterProgress, run: CoreSetProgress): void {
    entry.state = run.status === 'awaiting_review' ? 'awaiting_review' : 'running';
    entry.angles = run.angles.length || entry.angles;
    entry.anglesAccepted = acceptedAngles(run);
    entry.remainingGenerations = remainingGenerations(entry.angles, run);
    entry.spentUsd = spentUsd(run);
  }

  function applyFollowedEnd(entry: BatchCharacterProgress, reading: CoreSetRunReading): void {
    if (reading.execution === 'COMPLETED' && reading.progress) return applyOutcome(entry, reading.progress);
    entry.state = ['CANCELLED', 'TERMINATED'].includes(reading.execution) ? 'cancelled' : 'failed';
    entry.reason = reading.failure ?? `The run ended ${reading.execution.toLowerCase()}.`;
  }

  function applyOutcome(entry: BatchCharacterProgress, run: CoreSetProgress): void {
    applyLive(entry, run);
    entry.state = run.status === 'complete' ? 'complete' : run.status === 'failed' ? 'failed' : 'incomplete';
    const unsettled = run.angles.filter((angle) => angle.state !== 'passed' && angle.state !== 'approved');
    if (unsettled.length > 0) entry.reason = unsettled.map((angle) => `${angle.angle}°: ${angle.state}`).join(', ');
  }

  function releaseSlot(entry: BatchCharacterProgress): void {
    heldSlots.get(entry)?.release();
    heldSlots.delete(entry);
  }

  /** Recomputes the totals; the one-line summary goes to the memo, which the Web UI shows without a query. */
  function publish(): void {
    progress.counts = countBatch(entries);
    progress.spentUsd = Math.round(entries.reduce((sum, entry) => sum + entry.spentUsd, 0) * 10_000) / 10_000;
    progress.remainingGenerations = entries.reduce((sum, entry) => sum + entry.remainingGenerations, 0);
    progress.estimatedSecondsLeft =
      input.modelRequestsPerMinute === null ? null : estimateSecondsLeft(progress.remainingGenerations, input.modelRequestsPerMinute);
    progress.updatedAt = new Date().toISOString();
    const { counts } = progress;
    const line =
      `${progress.status}: ${counts.done}/${counts.total} done, ${counts.inReview} in review, ${counts.running} running, ` +
      `${counts.queued} queued, ${counts.incomplete} incomplete, ${counts.failed} failed, ${counts.cancelled} cancelled, ` +
      `${counts.skipped} skipped; $${progress.spentUsd.toFixed(2)} spent`;
    if (line !== memo) {
      memo = line;
      upsertMemo({ progress: line });
    }
  }
}

/** A child's failure carries the reason in its cause ("Child Workflow execution failed" says nothing). */
function innermostMessage(error: unknown): string {
  let current = error;
  while (current instanceof ChildWorkflowFailure && current.cause) current = current.cause;
  return describeFailure(current);
}
