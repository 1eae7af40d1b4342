import type { Endpoint } from 'payload';
import { z } from 'zod';
import { HttpError, parseBody, requireRole, respond } from '../../../endpoints/http';

const groupSchema = z.record(z.string(), z.unknown());
const bodySchema = z
  .strictObject({
    masterIngest: groupSchema.optional(),
    coreSet: groupSchema.optional(),
    personaSync: groupSchema.optional(),
    lastError: z.string().nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to record');

type PipelineState = z.infer<typeof bodySchema>;
const GROUPS = ['masterIngest', 'coreSet', 'personaSync'] as const;

/**
 * PATCH /api/characters/:id/pipeline-state — the worker records a run's state on its character (the master's ingest,
 * the core set, the persona sync), and only that. Payload's own update writes the whole document as it was read when
 * the request began, so two runs recording at the same moment could put each other's group back to an older value
 * (on MongoDB a master that was ready read "processing" again while its persona sync recorded). Here each sent group
 * is merged into its stored values and written alone, straight to the database; the other groups and fields are not
 * touched. Nothing hooks on these groups, and only the service writes them.
 */
export const pipelineStateEndpoint: Endpoint = {
  path: '/:id/pipeline-state',
  method: 'patch',
  handler: (req) =>
    respond(req, async () => {
      requireRole(req, 'service');
      const id = String(req.routeParams?.id ?? '');
      const state: PipelineState = await parseBody(req, bodySchema);
      const sent = GROUPS.filter((group) => state[group] !== undefined);
      const stored = await req.payload
        .findByID({
          collection: 'characters',
          id,
          depth: 0,
          select: Object.fromEntries(sent.map((group) => [group, true])),
          overrideAccess: true,
          req,
        })
        .catch(() => null);
      if (!stored) throw new HttpError(404, `No character ${id}.`);
      const data: Record<string, unknown> = {};
      for (const group of sent) data[group] = { ...((stored[group] as object | null | undefined) ?? {}), ...state[group] };
      if (state.lastError !== undefined) data.lastError = state.lastError;
      await req.payload.db.updateOne({ collection: 'characters', id, data, returning: false, req });
      return Response.json({ id, recorded: Object.keys(data) });
    }),
};
