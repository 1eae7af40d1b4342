import { createHash } from 'node:crypto';
import type { BatchCharacter } from '../../contracts';

/**
 * The same selection of characters is the same batch: a double click or a retried call joins the one running. The key
 * is made of the characters' `characterId` slugs, the names every other workflow id uses, not of database ids: those
 * start at 1 in every database, so two apps on one Temporal (the tests' systems) shared batch ids and one joined the
 * other's batch.
 */
export function batchSelectionKey(characters: Array<Pick<BatchCharacter, 'characterId' | 'characterDocId'>>): string {
  const names = characters.map((character) => character.characterId || `#${String(character.characterDocId)}`);
  const canonical = JSON.stringify([...new Set(names)].sort());
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
