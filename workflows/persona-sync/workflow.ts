import {
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { PersonaSyncActivities } from '../../activities/persona-sync/activities';
import {
  PERSONA_CHANGED_SIGNAL,
  PROGRESS_QUERY,
  searchAttributes,
  type PersonaChangedSignal,
  type PersonaRemoveInput,
  type PersonaSyncInput,
  type PersonaSyncProgress,
} from '../../contracts';
import { describeFailure } from '../failure-message';

const DEFAULT_DEBOUNCE_MS = 2_000;

export const personaChangedSignal = defineSignal<[PersonaChangedSignal]>(PERSONA_CHANGED_SIGNAL);
export const personaSyncProgressQuery = defineQuery<PersonaSyncProgress>(PROGRESS_QUERY);

const activities = proxyActivities<PersonaSyncActivities>({
  // PathRAG's proxy gives up on /insert at 60 s while the service keeps working: allow longer and retry (a resend
  // of identical text is a no-op there, so retries are safe).
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '15s',
  // No attempt limit: a sync waits out a PathRAG outage and catches up when it returns.
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '30s' },
});

/** Bounded history: after this many syncs the run continues as new with the same id. */
const SYNCS_PER_RUN = 50;
/** Events after which a run continues as new even below its sync count (each burst of signals adds events). */
const MAX_HISTORY_EVENTS = 2_000;

/**
 * One per character (`persona-sync:<characterId>`), started or signalled by every persona save (signal-with-start).
 * It waits until the persona stops changing, then sends the formatted text to PathRAG unless its hash is the one
 * already sent; saves never wait for any of this. With nothing pending it completes; the next save starts it again.
 */
export async function personaSyncWorkflow(input: PersonaSyncInput): Promise<PersonaSyncProgress> {
  const debounceMs = input.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const progress: PersonaSyncProgress = { state: 'debouncing', changesSeen: 0, syncs: 0 };
  let pending = 0;
  setHandler(personaChangedSignal, () => {
    pending++;
    progress.changesSeen++;
  });
  setHandler(personaSyncProgressQuery, () => progress);

  // Signal-with-start delivers the first signal before the workflow code runs; the start itself also counts.
  pending = Math.max(pending, 1);
  while (pending > 0) {
    progress.state = 'debouncing';
    // Quiet period: every new signal restarts the wait.
    for (;;) {
      const seen = pending;
      const changedAgain = await condition(() => pending !== seen, debounceMs);
      if (!changedAgain) break;
    }
    pending = 0;
    progress.state = 'syncing';
    try {
      const result = await activities.syncPersona({ characterDocId: input.characterDocId });
      progress.state = result.inserted ? 'synced' : 'unchanged';
      progress.lastHash = result.hash;
      progress.error = undefined;
    } catch (error) {
      // Unreachable for transient errors (they retry without limit); a permanent one is recorded and the run
      // waits for the next change rather than failing the character's sync for good.
      progress.state = 'failed';
      progress.error = describeFailure(error);
      await activities.recordPersonaSyncFailure({ characterDocId: input.characterDocId, error: progress.error });
    }
    progress.syncs++;
    upsertSearchAttributes([{ key: searchAttributes.status, value: progress.state }]);
    // A busy character's run starts afresh before its history grows large: by count, or when the server suggests it.
    const { continueAsNewSuggested, historyLength } = workflowInfo();
    if (pending > 0 && (progress.syncs >= SYNCS_PER_RUN || continueAsNewSuggested || historyLength > MAX_HISTORY_EVENTS)) {
      await continueAsNew<typeof personaSyncWorkflow>(input);
    }
  }
  return progress;
}

/** Removes the character's entity from the knowledge base after the character is deleted. */
export async function personaRemoveWorkflow(input: PersonaRemoveInput): Promise<void> {
  await activities.removePersonaEntity({ characterName: input.characterName });
}
