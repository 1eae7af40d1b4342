import type { CollectionAfterChangeHook } from 'payload';

/**
 * After a run's spend is written, the character's totals are recomputed from every run and every accepted image, in
 * the same request, so the last writer always writes a complete sum (concurrent runs never add to a stale number).
 * Done here rather than by the worker: over REST it took five requests one after the other at the end of every run,
 * and the worker's page cap (1000 runs) would have cut the sum short for a character with a long history.
 */
export const recomputeCharacterCosts: CollectionAfterChangeHook = async ({ doc, req }) => {
  const characterId = typeof doc.character === 'object' && doc.character !== null ? doc.character.id : doc.character;
  if (characterId === undefined || characterId === null) return doc;
  const runs = await req.payload.find({
    collection: 'generation-runs',
    where: { character: { equals: characterId } },
    select: { costUsd: true },
    pagination: false,
    depth: 0,
    req,
  });
  const totalUsd = runs.docs.reduce((sum, run) => sum + (typeof run.costUsd === 'number' ? run.costUsd : 0), 0);
  const { totalDocs: acceptedImages } = await req.payload.count({
    collection: 'character-images',
    where: {
      character: { equals: characterId },
      or: [{ dinoProcessingStatus: { equals: 'validation_success' } }, { 'review.status': { equals: 'approved' } }],
    },
    req,
  });
  // Straight to the database, and only the `costs` group: Payload's update writes the whole character as it read it
  // when the request began, and a run ends by writing its final state and this record at the same moment; on MongoDB
  // the full write put the run's state back to "running" (tests/integration/core-set.test.ts caught it). Nothing
  // hooks on `costs`, and it is computed, so skipping validation and hooks loses nothing.
  await req.payload.db.updateOne({
    collection: 'characters',
    id: characterId,
    data: {
      costs: {
        totalUsd: round(totalUsd),
        acceptedImages,
        perAcceptedImageUsd: acceptedImages > 0 ? round(totalUsd / acceptedImages) : null,
      },
    },
    returning: false,
    req,
  });
  return doc;
};

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
