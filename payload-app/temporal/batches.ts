import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy, WorkflowNotFoundError } from '@temporalio/client';
import { PROGRESS_QUERY, searchAttributes, workflowIds, type CoreSetBatchInput, type CoreSetBatchProgress } from '../../contracts';
import { appConfig } from '../config';
import { batchSelectionKey } from './batch-selection-key';
import { temporalClient } from './client';
import { runLink, runningRunId, startedRun, startWorkflow, type StartedRun } from './start';

const BATCH_PREFIX = workflowIds.coreSetBatch('');

export interface BatchRun extends StartedRun {
  batchId: string;
}

export interface StartedBatch extends BatchRun {
  joinedExisting: boolean;
}

export interface BatchSummary extends BatchRun {
  status: string;
  startTime: Date;
  closeTime: Date | null;
  progress: CoreSetBatchProgress | null;
}

export async function startCoreSetBatch(input: CoreSetBatchInput): Promise<StartedBatch> {
  const batchId = batchSelectionKey(input.characters);
  const workflowId = workflowIds.coreSetBatch(batchId);
  const running = await runningRunId(workflowId);
  if (running) return { batchId, workflowId, runId: running, url: runLink(workflowId, running), joinedExisting: true };
  const run = await startedRun(
    workflowId,
    startWorkflow('coreSetBatchWorkflow', {
      taskQueue: appConfig().TEMPORAL_TASK_QUEUE,
      workflowId,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      typedSearchAttributes: [
        { key: searchAttributes.stage, value: 'core-set-batch' },
        { key: searchAttributes.status, value: 'running' },
      ],
      args: [input],
    }),
  );
  return { ...run, batchId, joinedExisting: false };
}

/** The batch's newest run with its progress (queried, also once it has ended); undefined when there is none. */
export async function readCoreSetBatch(batchId: string): Promise<BatchSummary | undefined> {
  const client = await temporalClient();
  const workflowId = workflowIds.coreSetBatch(batchId);
  const handle = client.workflow.getHandle(workflowId);
  const description = await handle.describe().catch((error: Error) => {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  });
  if (!description) return undefined;
  return {
    batchId,
    workflowId,
    runId: description.runId,
    url: runLink(workflowId, description.runId),
    status: description.status.name,
    startTime: description.startTime,
    closeTime: description.closeTime ?? null,
    progress: await handle.query<CoreSetBatchProgress>(PROGRESS_QUERY).catch(() => null),
  };
}

/** Cancels the batch; its own core sets are cancelled with it (runs it only follows go on). */
export async function cancelCoreSetBatch(batchId: string): Promise<boolean> {
  const client = await temporalClient();
  const handle = client.workflow.getHandle(workflowIds.coreSetBatch(batchId));
  const description = await handle.describe().catch(() => undefined);
  if (description?.status.name !== 'RUNNING') return false;
  await handle.cancel();
  return true;
}

/**
 * The newest batches (running ones with live progress), for the admin's list view: this app's own, the ones on its
 * task queue (apps that share a namespace, a staging beside production or the tests' systems, each keep theirs).
 */
export async function listCoreSetBatches(limit: number): Promise<BatchSummary[]> {
  const client = await temporalClient();
  const query = `${searchAttributes.stage.name} = "core-set-batch" AND TaskQueue = "${appConfig().TEMPORAL_TASK_QUEUE}"`;
  const listed = [];
  for await (const run of client.workflow.list({ query, pageSize: 100 })) {
    listed.push(run);
    if (listed.length >= 200) break;
  }
  // No ORDER BY: the dev server's SQLite visibility store does not support it.
  listed.sort((a, b) => b.startTime.getTime() - a.startTime.getTime());
  return Promise.all(
    listed.slice(0, limit).map(async (run) => ({
      batchId: run.workflowId.slice(BATCH_PREFIX.length),
      workflowId: run.workflowId,
      runId: run.runId,
      url: runLink(run.workflowId, run.runId),
      status: run.status.name,
      startTime: run.startTime,
      closeTime: run.closeTime ?? null,
      progress: await client.workflow
        .getHandle(run.workflowId, run.runId)
        .query<CoreSetBatchProgress>(PROGRESS_QUERY)
        .catch(() => null),
    })),
  );
}
