import { WorkflowIdReusePolicy } from '@temporalio/client';
import { PERSONA_CHANGED_SIGNAL, searchAttributes, workflowIds, type PersonaSyncInput } from '../../contracts';
import { appConfig } from '../config';
import { temporalClient } from './client';

/** signal-with-start: joins the character's running sync (restarting its debounce) or starts a new one. */
export async function signalPersonaSync(input: PersonaSyncInput): Promise<void> {
  const config = appConfig();
  const client = await temporalClient();
  await client.workflow.signalWithStart('personaSyncWorkflow', {
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowId: workflowIds.personaSync(input.characterId),
    args: [input],
    signal: PERSONA_CHANGED_SIGNAL,
    signalArgs: [{ savedAt: new Date().toISOString() }],
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    typedSearchAttributes: [
      { key: searchAttributes.characterId, value: input.characterId },
      { key: searchAttributes.stage, value: 'persona-sync' },
      { key: searchAttributes.status, value: 'pending' },
    ],
  });
}

export async function startPersonaRemoval(characterId: string, characterName: string): Promise<void> {
  const config = appConfig();
  const client = await temporalClient();
  await client.workflow.start('personaRemoveWorkflow', {
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowId: workflowIds.personaRemove(characterId),
    args: [{ characterName }],
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
  });
}
