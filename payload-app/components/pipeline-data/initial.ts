import type { Data } from 'payload';
import type { CharacterState } from './types';

/** The recorded pipeline state from the document the page was rendered with, until the first poll answers. */
export function recordedState(data: Data | undefined): CharacterState {
  return {
    masterIngest: data?.masterIngest ?? null,
    coreSet: data?.coreSet ?? null,
    personaSync: data?.personaSync ?? null,
    costs: data?.costs ?? null,
    lastError: data?.lastError ?? null,
  };
}
