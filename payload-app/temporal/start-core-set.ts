import { workflowIds, type CoreSetInput } from '../../contracts';
import { temporalClient } from './client';
import { runLink, startPipelineWorkflow, WorkflowIdReusePolicy, type StartedRun } from './start-workflow';

/** A second request while a core set runs returns that run (and says so); a finished core set may run again. */
export async function startCoreSetWorkflow(input: CoreSetInput): Promise<StartedRun & { joinedExisting: boolean }> {
  const workflowId = workflowIds.coreSet(input.characterId);
  const running = await (await temporalClient()).workflow
    .getHandle(workflowId)
    .describe()
    .then((description) => (description.status.name === 'RUNNING' ? description.runId : undefined))
    .catch(() => undefined);
  if (running) return { workflowId, runId: running, url: runLink(workflowId, running), joinedExisting: true };
  const run = await startPipelineWorkflow({
    type: 'coreSetWorkflow',
    workflowId,
    input,
    characterId: input.characterId,
    stage: 'core-set',
    reusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
  });
  return { ...run, joinedExisting: false };
}
