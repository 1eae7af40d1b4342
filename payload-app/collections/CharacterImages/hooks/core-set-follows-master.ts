import type { CollectionBeforeChangeHook } from 'payload';
import { relationId, sameRelation } from '../../../../common/relation-id';
import { madeForEarlierMasterReason } from '../../../../contracts';

/**
 * Only images made for the character's current master join its core set. Checked here, in the save itself, rather
 * than by each writer beforehand: a worker saving an angle and a reviewer approving one both write
 * `isCoreReference`, and a master replaced between their read and their write would otherwise slip an image of the
 * old master into the new set. A new core image made for an earlier master is stored retired; an update that would
 * make such an image a core reference leaves it out. Images from before lineage was recorded (no `madeForMaster`)
 * are taken as they come. The master ingest retires the images already stored when the master changes.
 */
export const coreSetFollowsMaster: CollectionBeforeChangeHook = async ({ data, originalDoc, operation, req }) => {
  const image = { ...(originalDoc ?? {}), ...data };
  if (image.kind !== 'core' || relationId(image.madeForMaster) === undefined) return data;
  // An update that leaves the image out of the core set changes nothing this rule guards: no read needed.
  if (operation !== 'create' && image.isCoreReference !== true) return data;
  const characterId = relationId(image.character);
  if (characterId === undefined) return data;
  const character = await req.payload.findByID({
    collection: 'characters',
    id: characterId,
    depth: 0,
    select: { masterReferenceImage: true },
    req,
    overrideAccess: true,
  });
  if (sameRelation(character.masterReferenceImage, image.madeForMaster)) return data;
  const alreadyRetired = Boolean((image.retired as { at?: unknown } | undefined)?.at);
  return {
    ...data,
    isCoreReference: false,
    ...(alreadyRetired
      ? {}
      : {
          retired: {
            at: new Date().toISOString(),
            reason: madeForEarlierMasterReason(relationId(image.madeForMaster), relationId(character.masterReferenceImage)),
          },
        }),
  };
};
