import type { PayloadRequest } from 'payload';
import type { CharacterCosts, RunCostRecord } from '../../../contracts';
import type { Character } from '../../payload-types';
import { oneWritePerCharacter } from '../Characters/one-write-per-character';
import { recordPipelineStateInTurn } from '../Characters/record-pipeline-state';

/**
 * Upserts a run's cost record and writes the character's totals, summed from every run's record and counted from
 * every accepted image, in the character's turn (`oneWritePerCharacter`): two runs of one character that end at the
 * same moment each see the other's record, or one of them would write a total without the other's cost. A retried
 * call finds its run's record by the unique run id and overwrites it, so a run is never counted twice.
 *
 * `not_found` when the character is gone: a run's cost has nowhere to go then.
 */
export function recordRunCost(req: PayloadRequest, characterDocId: string, run: RunCostRecord): Promise<CharacterCosts | 'not_found'> {
  return oneWritePerCharacter(characterDocId, async () => {
    const { payload } = req;
    const character = await payload.db.findOne<Character>({ collection: 'characters', where: { id: { equals: characterDocId } }, req });
    if (!character) return 'not_found';
    const data = { ...run, character: character.id };
    const earlier = await payload.find({
      collection: 'generation-runs',
      where: { runId: { equals: run.runId } },
      limit: 1,
      depth: 0,
      pagination: false,
      req,
      overrideAccess: true,
    });
    if (earlier.docs[0]) {
      await payload.update({ collection: 'generation-runs', id: earlier.docs[0].id, data, depth: 0, req, overrideAccess: true });
    } else {
      await payload.create({ collection: 'generation-runs', data, depth: 0, req, overrideAccess: true });
    }
    const [runs, accepted] = await Promise.all([
      payload.find({
        collection: 'generation-runs',
        where: { character: { equals: character.id } },
        select: { costUsd: true },
        depth: 0,
        pagination: false,
        req,
        overrideAccess: true,
      }),
      payload.count({
        collection: 'character-images',
        where: {
          character: { equals: character.id },
          or: [{ dinoProcessingStatus: { equals: 'validation_success' } }, { 'review.status': { equals: 'approved' } }],
        },
        req,
        overrideAccess: true,
      }),
    ]);
    const totalUsd = runs.docs.reduce((sum, doc) => sum + (typeof doc.costUsd === 'number' ? doc.costUsd : 0), 0);
    const costs: CharacterCosts = {
      totalUsd: round(totalUsd),
      acceptedImages: accepted.totalDocs,
      perAcceptedImageUsd: accepted.totalDocs > 0 ? round(totalUsd / accepted.totalDocs) : null,
    };
    await recordPipelineStateInTurn(req, characterDocId, { costs });
    return costs;
  });
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
