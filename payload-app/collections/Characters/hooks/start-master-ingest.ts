import { APIError, type CollectionAfterChangeHook } from 'payload';
import { relationId, sameRelation } from '../../../../common/relation-id';
import { startMasterReference } from '../../../temporal/gateway';

/**
 * Starts the master-reference workflow after the master changed.
 *
 * This hook runs inside the save's transaction, which could still roll back. That is safe because the
 * workflow's first step reads the character through the REST API (committed data only) and ends as
 * `superseded`, without side effects, unless the character really points at this media. If Temporal cannot
 * be reached the save is refused: a master that silently never gets ingested is worse than a clear error.
 */
export const startMasterIngest: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  const mediaId = relationId(doc.masterReferenceImage);
  if (mediaId === undefined || sameRelation(doc.masterReferenceImage, previousDoc?.masterReferenceImage)) return doc;
  try {
    const run = await startMasterReference({
      characterDocId: doc.id,
      characterId: doc.characterId,
      mediaId,
    });
    req.payload.logger.info({ msg: 'master-reference workflow started', workflowId: run.workflowId });
  } catch (error) {
    req.payload.logger.error({ msg: 'could not start master-reference workflow', err: error });
    throw new APIError(
      `The master reference was not saved: the workflow service (Temporal) could not be reached (${(error as Error).message}).`,
      503,
    );
  }
  return doc;
};
