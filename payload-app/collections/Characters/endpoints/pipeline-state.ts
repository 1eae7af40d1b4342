import type { Endpoint } from 'payload';
import { z } from 'zod';
import { HttpError, parseBody, requireRole, respond } from '../../../endpoints/http';
import { PIPELINE_GROUPS, recordPipelineState, type PipelineGroup } from '../record-pipeline-state';

const groupSchema = z.record(z.string(), z.unknown()).optional();
// Built from the groups the write knows, so a group added there is accepted here without a second list.
const bodySchema = z
  .strictObject({
    ...(Object.fromEntries(PIPELINE_GROUPS.map((group) => [group, groupSchema])) as Record<PipelineGroup, typeof groupSchema>),
    lastError: z.string().nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to record');

/**
 * PATCH /api/characters/:id/pipeline-state — the worker records a run's state on its character (the master's ingest,
 * the core set, the persona sync, the spend), and only that (record-pipeline-state.ts says how).
 *
 * A state older than the one the same run has already recorded is answered 200 with it named as `stale`: the run's
 * newer state is already there, so the worker has nothing to retry.
 */
export const pipelineStateEndpoint: Endpoint = {
  path: '/:id/pipeline-state',
  method: 'patch',
  handler: (req) =>
    respond(req, async () => {
      requireRole(req, 'service');
      const id = String(req.routeParams?.id ?? '');
      const outcome = await recordPipelineState(req, id, await parseBody(req, bodySchema));
      if (outcome === 'not_found') throw new HttpError(404, `No character ${id}.`);
      return Response.json({ id, ...outcome });
    }),
};
