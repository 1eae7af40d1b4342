import type { Endpoint } from 'payload';
import { PROGRESS_QUERY, runsOfCharacterQuery, searchAttributes, temporalUiLink } from '../../../../contracts';
import { appConfig } from '../../../config';
import { HttpError, requireRole, respond } from '../../../endpoints/http';
import { temporalClient } from '../../../temporal/client';

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
      const character = await req.payload.findByID({ collection: 'characters', id, depth: 1, req, overrideAccess: false }).catch(() => null);
      if (!character) throw new HttpError(404, `No character ${id}.`);
      const config = appConfig();
      let runs: unknown[] = [];
      let temporalError: string | undefined;
      try {
        const client = await temporalClient();
        const listed = [];
        // No ORDER BY: the dev server's SQLite visibility store does not support it; sort here instead.
        for await (const run of client.workflow.list({ query: runsOfCharacterQuery(character.characterId), pageSize: 100 })) {
          listed.push(run);
          if (listed.length >= 200) break;
        }
        listed.sort((a, b) => b.startTime.getTime() - a.startTime.getTime());
        listed.splice(RECENT_RUNS);
        runs = await Promise.all(
          listed.map(async (run) => ({
            workflowId: run.workflowId,
            runId: run.runId,
            type: run.type,
            status: run.status.name,
            stage: run.searchAttributes?.[searchAttributes.stage.name]?.[0] ?? null,
            pipelineStatus: run.searchAttributes?.[searchAttributes.status.name]?.[0] ?? null,
            startTime: run.startTime,
            closeTime: run.closeTime ?? null,
            url: temporalUiLink(config.TEMPORAL_UI_URL, config.TEMPORAL_NAMESPACE, run.workflowId, run.runId),
            progress:
              run.status.name === 'RUNNING' && run.type !== 'masterReferenceWorkflow'
                ? await client.workflow.getHandle(run.workflowId, run.runId).query(PROGRESS_QUERY).catch(() => null)
                : null,
          })),
        );
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
