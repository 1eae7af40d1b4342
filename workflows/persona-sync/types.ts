export interface PersonaSyncInput {
  characterDocId: string | number;
  characterId: string;
  /** How long the persona must stay unchanged before it is sent (a burst of saves becomes one sync). */
  debounceMs?: number;
}

export interface PersonaChangedSignal {
  savedAt: string;
}

export interface PersonaSyncProgress {
  state: 'debouncing' | 'syncing' | 'synced' | 'unchanged' | 'failed';
  changesSeen: number;
  syncs: number;
  lastHash?: string;
  error?: string;
}

export const PERSONA_CHANGED_SIGNAL = 'personaChanged';
export const DEFAULT_PERSONA_DEBOUNCE_MS = 2_000;
