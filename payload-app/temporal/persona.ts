import { WorkflowIdReusePolicy } from '@temporalio/client';
import { PERSONA_CHANGED_SIGNAL, searchAttributes, workflowIds, type PersonaChangedSignal, type PersonaSyncInput } from '../../contracts';
import { appConfig } from '../config';
import { signalWithStartWorkflow, startWorkflow } from './start';

/** signal-with-start: joins the character's running sync (restarting its debounce) or starts a new one. */
export async function signalPersonaChanged(input: PersonaSyncInput): Promise<void> {
  await signalWithStartWorkflow<'personaSyncWorkflow', [PersonaChangedSignal]>('personaSyncWorkflow', {
    taskQueue: appConfig().TEMPORAL_TASK_QUEUE,
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
  await startWorkflow('personaRemoveWorkflow', {
    taskQueue: appConfig().TEMPORAL_TASK_QUEUE,
    workflowId: workflowIds.personaRemove(characterId),
    args: [{ characterName }],
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
  });
}
