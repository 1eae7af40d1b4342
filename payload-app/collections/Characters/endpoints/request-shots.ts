import type { Endpoint } from 'payload';
import { relationId } from '../../../../common/relation-id';
import { z } from 'zod';
import { findForCaller, HttpError, parseBody, requireRole, respond } from '../../../endpoints/http';
import { limitSpending } from '../../../endpoints/spending-limit';
import { logRun } from '../../../logging';
import { startProductionShot } from '../../../temporal/gateway';

const shotSchema = z
  .object({
    prompt: z.string().trim().min(3, 'prompt is required').max(4000),
    shotType: z.string().max(200).optional(),
    tags: z.string().max(2000).optional(),
    aspectRatio: z.enum(['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9']).optional(),
    variant: z.string().max(100).optional(),
  })
  .strict();
const bodySchema = z.union([shotSchema, z.array(shotSchema).min(1).max(20)]);

/** POST /api/characters/:id/shots — one shot or a list; each becomes its own production-shot workflow. */
export const requestShotsEndpoint: Endpoint = {
  path: '/:id/shots',
  method: 'post',
  handler: (req) =>
    respond(req, async () => {
      const user = requireRole(req, 'admin', 'editor');
      limitSpending(user.id);
      const body = await parseBody(req, bodySchema);
      const character = await findForCaller(req, 'characters', 'character');
      if (character.masterIngest?.status !== 'ready') {
        throw new HttpError(
          409,
          `${character.name} has no ingested master reference (state: ${character.masterIngest?.status ?? 'not_started'}). Upload one and wait for it to be ready.`,
        );
      }
      const core = await req.payload.count({
        collection: 'character-images',
        where: {
          character: { equals: character.id },
          isCoreReference: { equals: true },
          madeForMaster: { equals: relationId(character.masterReferenceImage) ?? -1 },
        },
        req,
        overrideAccess: false,
      });
      if (core.totalDocs === 0)
        throw new HttpError(409, `${character.name} has no approved 360° core set yet. Generate the core set first.`);
      const shots = Array.isArray(body) ? body : [body];
      const runs = await Promise.all(
        shots.map(({ variant, ...shot }) =>
          startProductionShot(
            { characterDocId: character.id, characterId: character.characterId, ...shot, requestedBy: user.email ?? String(user.id) },
            variant,
          ),
        ),
      );
      for (const run of runs) logRun(req.payload, 'production shot started', run, { characterId: character.characterId, userId: user.id });
      return Response.json({ runs }, { status: 201 });
    }),
};
