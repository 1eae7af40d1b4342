import { Context } from '@temporalio/activity';
import { temporalUiLink } from '../../contracts';

/** The calling workflow's ids and Web UI link, recorded on documents so users can open the run. */
export function callingRun(temporalUiUrl: string, namespace: string) {
  const execution = Context.current().info.workflowExecution;
  if (!execution) throw new Error('This activity must be called from a workflow.');
  const { workflowId, runId } = execution;
  return { workflowId, runId, workflowUrl: temporalUiLink(temporalUiUrl, namespace, workflowId, runId) };
}
