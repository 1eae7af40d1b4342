import type { CollectionAfterChangeHook } from 'payload';
import { relationId, sameRelation } from '../../../../common/relation-id';
import { queueMasterIngestJob } from '../../../jobs/queue';

/**
 * Queues the master-reference workflow's start after the master changed, in the save's own transaction (the
 * outbox, payload-app/jobs): the save and the need to ingest commit together, and the job runner starts the
 * workflow, retrying while Temporal is away. The workflow's first step still reads the character through REST
 * (committed data) and ends `superseded` if the character no longer points at this media.
 */
export const startMasterIngest: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  const mediaId = relationId(doc.masterReferenceImage);
  if (mediaId === undefined || sameRelation(doc.masterReferenceImage, previousDoc?.masterReferenceImage)) return doc;
  await queueMasterIngestJob(req, { characterDocId: String(doc.id), characterId: doc.characterId, mediaId: String(mediaId) });
  return doc;
};
