import { Context } from '@temporalio/activity';
import { PROGRESS_QUERY, type CoreSetProgress, type CoreSetRunReading } from '../../contracts';

/** Well inside the activity's 30 s start-to-close, which reads several runs at once. */
const PROGRESS_QUERY_DEADLINE_MS = 5_000;

/**
 * What a batch reads about the core-set runs it started or follows: whether each runs, and its live progress (angles
 * waiting for review, cost so far). Read with the worker's own Temporal client: a workflow cannot query another.
 */
export function createCoreSetBatchActivities() {
  return {
    async readCoreSetRuns(input: { workflowIds: string[] }): Promise<CoreSetRunReading[]> {
      const { client } = Context.current();
      return Promise.all(
        input.workflowIds.map(async (workflowId): Promise<CoreSetRunReading> => {
          const handle = client.workflow.getHandle(workflowId);
          const description = await handle.describe().catch((error: Error) => {
            if (error.name === 'WorkflowNotFoundError') return null;
            throw error;
          });
          if (!description) return { workflowId, execution: 'NOT_FOUND', progress: null };
          // A closed run answers the query too (replayed); a run no worker answers (gone, or shutting down, as this one
          // may be) would hold the query, and this activity, open: its progress is unknown this round, which is no error.
          const progress = await client
            .withDeadline(Date.now() + PROGRESS_QUERY_DEADLINE_MS, () => handle.query<CoreSetProgress>(PROGRESS_QUERY))
            .catch(() => null);
          return { workflowId, runId: description.runId, execution: description.status.name, progress };
        }),
      );
    },
  };
}

export type CoreSetBatchActivities = ReturnType<typeof createCoreSetBatchActivities>;
