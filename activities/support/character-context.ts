import { z } from 'zod';
import type { PayloadRestClient } from '../../clients/payload/client';
import { relationId } from '../../common/relation-id';
import { invalidInput } from '../errors';

const characterSchema = z.object({
  name: z.string(),
  physicalDescription: z.string().nullish(),
  clothing: z.string().nullish(),
  masterReferenceImage: z.unknown(),
  masterIngest: z.object({ status: z.string().nullish(), engineId: z.string().nullish() }).nullish(),
});

/** What generation runs need of a character whose master reference is ingested. */
export interface CharacterContext {
  name: string;
  /** Physical description and clothing on one line, as prompts quote it. */
  lookDescription: string;
  masterMediaId: string | number;
  /** The engine that analysed the master: every score of this character's images must come from it. */
  engineId: string;
}

/** Fails (not retryable) when the character has no master reference ready: a run cannot judge anything without it. */
export async function loadCharacterContext(payload: PayloadRestClient, characterDocId: string | number): Promise<CharacterContext> {
  const character = characterSchema.parse(await payload.findById('characters', characterDocId));
  const masterMediaId = relationId(character.masterReferenceImage);
  const engineId = character.masterIngest?.status === 'ready' ? character.masterIngest.engineId : undefined;
  if (masterMediaId === undefined || !engineId) {
    throw invalidInput(`${character.name} has no ingested master reference yet: upload one and wait for it to be ready.`, 'MasterNotReady');
  }
  return {
    name: character.name,
    lookDescription: [character.physicalDescription, character.clothing].filter(Boolean).join(' ').replace(/\s+/g, ' ').trim(),
    masterMediaId,
    engineId,
  };
}
