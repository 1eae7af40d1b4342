import {
  PROGRESS_QUERY,
  runsOfCharacterQuery,
  searchAttributes,
  type CoreSetProgress,
  type PersonaSyncProgress,
  type ProductionShotProgress,
} from '../../contracts';
import { temporalClient } from './client';
import { runLink, type WorkflowName } from './start';

/** What the progress query of a running pipeline workflow answers. */
export type RunProgress = CoreSetProgress | ProductionShotProgress | PersonaSyncProgress;

export interface CharacterRun {
  workflowId: string;
  runId: string;
  type: string;
  status: string;
  stage: string | null;
  pipelineStatus: string | null;
  startTime: Date;
  closeTime: Date | null;
  url: string;
  progress: RunProgress | null;
}

/** Visibility pages are scanned up to this many runs before the newest are picked. */
const SCANNED_RUNS = 200;
/** The panel shows image progress; a master ingest is shown from the character's own fields. */
const WITHOUT_PROGRESS: WorkflowName = 'masterReferenceWorkflow';

/** A query waits for a worker to answer it: with none polling, the panel shows the run without its progress. */
const PROGRESS_QUERY_DEADLINE_MS = 3_000;

/** The character's newest runs, with the live progress of those still running. */
export async function listCharacterRuns(characterId: string, limit: number): Promise<CharacterRun[]> {
  const client = await temporalClient();
  const listed = [];
  // No ORDER BY: the dev server's SQLite visibility store does not support it; sort here instead.
  for await (const run of client.workflow.list({ query: runsOfCharacterQuery(characterId), pageSize: 100 })) {
    listed.push(run);
    if (listed.length >= SCANNED_RUNS) break;
  }
  listed.sort((a, b) => b.startTime.getTime() - a.startTime.getTime());
  listed.splice(limit);
  return Promise.all(
    listed.map(async (run) => ({
      workflowId: run.workflowId,
      runId: run.runId,
      type: run.type,
      status: run.status.name,
      stage: run.typedSearchAttributes.get(searchAttributes.stage) ?? null,
      pipelineStatus: run.typedSearchAttributes.get(searchAttributes.status) ?? null,
      startTime: run.startTime,
      closeTime: run.closeTime ?? null,
      url: runLink(run.workflowId, run.runId),
      progress:
        run.status.name === 'RUNNING' && run.type !== WITHOUT_PROGRESS
          ? await client
              .withDeadline(Date.now() + PROGRESS_QUERY_DEADLINE_MS, () =>
                client.workflow.getHandle(run.workflowId, run.runId).query<RunProgress>(PROGRESS_QUERY),
              )
              .catch(() => null)
          : null,
    })),
  );
}
