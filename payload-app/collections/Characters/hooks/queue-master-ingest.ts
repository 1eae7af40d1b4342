import type { CollectionBeforeChangeHook } from 'payload';
import { relationId, sameRelation } from '../../../../common/relation-id';

/**
 * When the master reference is set or replaced, the character's ingest state resets to `queued` in the same
 * write, so nobody sees the previous image's "ready" next to the new image.
 */
export const queueMasterIngest: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  if (!('masterReferenceImage' in data)) return data;
  if (sameRelation(data.masterReferenceImage, originalDoc?.masterReferenceImage)) return data;
  const mediaId = relationId(data.masterReferenceImage);
  data.masterIngest =
    mediaId === undefined ? { status: 'not_started' } : { status: 'queued', mediaId: String(mediaId), queuedAt: new Date().toISOString() };
  return data;
};
