/**
 * Why a core image left its character's core set when the master changed. One wording for both places that retire
 * such images (the master ingest's retire pass and the gallery save's own check), so the admin and the API show the
 * same reason whichever of them got there first.
 */
export function madeForEarlierMasterReason(madeForMaster: unknown, currentMaster: unknown): string {
  const media = (id: unknown) => (id === undefined || id === null ? 'unknown' : String(id));
  return `Made for an earlier master reference (media ${media(madeForMaster)}); the character's master is now media ${media(currentMaster)}.`;
}
