import type { Endpoint } from 'payload';
import { z } from 'zod';
import { isCoreSetAngle } from '../../../../contracts';
import { findForCaller, HttpError, parseBody, requireRole, respond } from '../../../endpoints/http';
import { limitSpending } from '../../../endpoints/spending-limit';
import { logRun } from '../../../logging';
import { startCoreSet } from '../../../temporal/gateway';

const bodySchema = z
  .object({
    angles: z.array(z.number().int().refine(isCoreSetAngle, 'angle must be one of 0, 45, …, 315')).min(1).optional(),
    thresholdOverride: z.number().min(0).max(100).optional(),
    maxAttempts: z.number().int().min(1).max(10).optional(),
  })
  .strict();

/** POST /api/characters/:id/core-set — editors and admins start (or join) the character's 360° turnaround. */
export const startCoreSetEndpoint: Endpoint = {
  path: '/:id/core-set',
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
      const run = await startCoreSet({
        characterDocId: character.id,
        characterId: character.characterId,
        ...body,
        requestedBy: user.email ?? String(user.id),
      });
      logRun(req.payload, run.joinedExisting ? 'core set joined' : 'core set started', run, {
        characterId: character.characterId,
        userId: user.id,
      });
      return Response.json(run, { status: run.joinedExisting ? 200 : 201 });
    }),
};
