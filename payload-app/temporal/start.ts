import {
  WorkflowIdConflictPolicy,
  type WorkflowHandle,
  type WorkflowHandleWithFirstExecutionRunId,
  type WorkflowIdReusePolicy,
  type WorkflowSignalWithStartOptions,
  type WorkflowStartOptions,
} from '@temporalio/client';
import type { WithWorkflowArgs } from '@temporalio/common';
import { searchAttributes, temporalUiLink, type PipelineStage } from '../../contracts';
import type * as workflows from '../../workflows';
import { appConfig } from '../config';
import { temporalClient } from './client';

/** The worker's workflow functions by exported name. */
export type Workflows = typeof workflows;
export type WorkflowName = keyof Workflows;

export interface StartedRun {
  workflowId: string;
  runId: string;
  url: string;
}

/** Starts the workflow exported as `type`: the name, the arguments and the result are checked against that function. */
export async function startWorkflow<N extends WorkflowName>(type: N, options: WorkflowStartOptions<Workflows[N]>) {
  const client = await temporalClient();
  return client.workflow.start<Workflows[N]>(type, options);
}

/** Signals the workflow with `options.workflowId`, starting the one exported as `type` first when none runs. */
export async function signalWithStartWorkflow<N extends WorkflowName, SignalArgs extends unknown[]>(
  type: N,
  options: WithWorkflowArgs<Workflows[N], WorkflowSignalWithStartOptions<SignalArgs>>,
) {
  const client = await temporalClient();
  return client.workflow.signalWithStart<Workflows[N], SignalArgs>(type, options);
}

/**
 * What every pipeline start shares: the configured task queue, the project's search attributes, and joining a
 * running workflow with the same id (USE_EXISTING): that is what makes double clicks and retried requests safe.
 */
export function pipelineStartOptions(options: {
  workflowId: string;
  characterId: string;
  stage: PipelineStage;
  reusePolicy: WorkflowIdReusePolicy;
}) {
  return {
    taskQueue: appConfig().TEMPORAL_TASK_QUEUE,
    workflowId: options.workflowId,
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    workflowIdReusePolicy: options.reusePolicy,
    typedSearchAttributes: [
      { key: searchAttributes.characterId, value: options.characterId },
      { key: searchAttributes.stage, value: options.stage },
      { key: searchAttributes.status, value: 'running' },
    ],
  };
}

/** The run a pipeline start made or joined; a completed run that the reuse policy keeps is the answer itself. */
export async function startedRun(workflowId: string, start: Promise<WorkflowHandleWithFirstExecutionRunId>): Promise<StartedRun> {
  const client = await temporalClient();
  const handle: WorkflowHandle | WorkflowHandleWithFirstExecutionRunId = await start.catch((error: Error) => {
    if (error.name !== 'WorkflowExecutionAlreadyStartedError') throw error;
    return client.workflow.getHandle(workflowId);
  });
  const started = 'firstExecutionRunId' in handle ? handle.firstExecutionRunId : undefined;
  const runId = started || (await handle.describe()).runId;
  return { workflowId, runId, url: runLink(workflowId, runId) };
}

/** The id of the workflow's current run while it runs; undefined when it does not run (or never existed). */
export async function runningRunId(workflowId: string): Promise<string | undefined> {
  const client = await temporalClient();
  return client.workflow
    .getHandle(workflowId)
    .describe()
    .then((description) => (description.status.name === 'RUNNING' ? description.runId : undefined))
    .catch(() => undefined);
}

export function runLink(workflowId: string, runId?: string): string {
  const config = appConfig();
  return temporalUiLink(config.TEMPORAL_UI_URL, config.TEMPORAL_NAMESPACE, workflowId, runId);
}
