import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeChangeHook } from 'payload';
import { queuePersonaRemovalJob, queuePersonaSyncJob } from '../../../jobs/queue';

/** The fields that make up the persona document sent to PathRAG (persona/format.ts decides their order). */
export const PERSONA_FIELDS = [
  'name',
  'characterId',
  'project',
  'role',
  'biography',
  'personality',
  'skills',
  'relationships',
  'physicalDescription',
  'clothing',
  'voice',
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
 * Queues the signal to the character's persona-sync workflow in the save's own transaction (the outbox): the save
 * never waits on PathRAG or on Temporal, and a sync is never lost because Temporal was away at that moment.
 */
export const signalPersonaChange: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'create' && personaOf(doc) === personaOf(previousDoc)) return doc;
  await queuePersonaSyncJob(req, { characterDocId: String(doc.id), characterId: doc.characterId });
  return doc;
};

export const removePersonaFromKnowledgeBase: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await queuePersonaRemovalJob(req, { characterId: doc.characterId, characterName: doc.name });
  return doc;
};
