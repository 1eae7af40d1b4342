/** The query every pipeline workflow answers with its live progress (see workflow-types.ts for the shapes). */
export const PROGRESS_QUERY = 'progress';

/** Sent (with signal-with-start) on every persona save; restarts the sync's debounce. */
export const PERSONA_CHANGED_SIGNAL = 'personaChanged';

export interface PersonaChangedSignal {
  savedAt: string;
}
