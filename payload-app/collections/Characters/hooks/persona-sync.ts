import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeChangeHook } from 'payload';
import { signalPersonaChanged, startPersonaRemoval } from '../../../temporal/gateway';

/** The fields that make up the persona document sent to PathRAG (persona/format.ts decides their order). */
export const PERSONA_FIELDS = [
  'name', 'characterId', 'project', 'role', 'biography', 'personality', 'skills', 'relationships', 'physicalDescription', 'clothing', 'voice',
] as const;

function personaOf(doc: Record<string, unknown> | undefined): string {
  if (!doc) return '';
  const relationships = Array.isArray(doc.relationships)
    ? doc.relationships.map((entry) => {
        const { name, relation, notes } = (entry ?? {}) as Record<string, unknown>;
        return { name, relation, notes };
      })
    : doc.relationships;
  return JSON.stringify(PERSONA_FIELDS.map((field) => (field === 'relationships' ? relationships : (doc[field] ?? null))));
}

/** Marks the sync pending in the same write, so the admin shows that the knowledge base is behind. */
export const markPersonaPending: CollectionBeforeChangeHook = ({ data, originalDoc, operation }) => {
  if (operation === 'create' || personaOf({ ...originalDoc, ...data }) !== personaOf(originalDoc)) {
    data.personaSync = { ...(originalDoc?.personaSync ?? {}), status: 'pending' };
  }
  return data;
};

/**
 * Signals the character's persona-sync workflow and returns at once: the save never waits on PathRAG, and not
 * on Temporal either (the signal is sent in the background; a failure is logged and the status stays pending).
 */
export const signalPersonaChange: CollectionAfterChangeHook = ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'create' && personaOf(doc) === personaOf(previousDoc)) return doc;
  void signalPersonaChanged({ characterDocId: doc.id, characterId: doc.characterId }).catch((error: unknown) => {
    req.payload.logger.error({ msg: 'could not signal the persona sync; it stays pending until the next save', characterId: doc.characterId, err: error });
  });
  return doc;
};

export const removePersonaFromKnowledgeBase: CollectionAfterDeleteHook = ({ doc, req }) => {
  void startPersonaRemoval(doc.characterId, doc.name).catch((error: unknown) => {
    req.payload.logger.error({ msg: 'could not start the persona removal', characterId: doc.characterId, err: error });
  });
  return doc;
};
