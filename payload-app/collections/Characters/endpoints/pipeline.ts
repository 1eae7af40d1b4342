import type { Endpoint } from 'payload';
import { HttpError, requireRole, respond } from '../../../endpoints/http';
import { listCharacterRuns, type CharacterRun } from '../../../temporal/gateway';

const RECENT_RUNS = 15;

/**
 * GET /api/characters/:id/pipeline — what the admin's live panel shows: the character's recorded pipeline state
 * and its recent Temporal runs, with the progress query of those still running. Read-only, any signed-in role.
 */
export const pipelineEndpoint: Endpoint = {
  path: '/:id/pipeline',
  method: 'get',
  handler: (req) =>
    respond(req, async () => {
      requireRole(req, 'admin', 'editor', 'reviewer', 'viewer');
      const id = String(req.routeParams?.id ?? '');
      const character = await req.payload
        .findByID({ collection: 'characters', id, depth: 1, req, overrideAccess: false })
        .catch(() => null);
      if (!character) throw new HttpError(404, `No character ${id}.`);
      let runs: CharacterRun[] = [];
      let temporalError: string | undefined;
      try {
        runs = await listCharacterRuns(character.characterId, RECENT_RUNS);
      } catch (error) {
        req.payload.logger.warn({ msg: 'could not list the character runs', err: error });
        temporalError = `Could not read the runs from Temporal: ${(error as Error).message}`;
      }
      const master = typeof character.masterReferenceImage === 'object' ? character.masterReferenceImage : null;
      return Response.json({
        character: {
          id: character.id,
          name: character.name,
          characterId: character.characterId,
          masterIngest: character.masterIngest,
          coreSet: character.coreSet,
          personaSync: character.personaSync,
          costs: character.costs,
          lastError: character.lastError ?? null,
        },
        master: master
          ? {
              id: master.id,
              url: master.url,
              thumbnailUrl: master.sizes?.thumbnail?.url ?? master.url,
              qualityScore: master.qualityScore ?? null,
              dinoProcessingStatus: master.dinoProcessingStatus,
              validationNotes: master.validationNotes ?? null,
            }
          : null,
        runs,
        temporalError,
      });
    }),
};
