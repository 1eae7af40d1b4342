import type { Endpoint } from 'payload';
import { z } from 'zod';
import type { RunCostRecord } from '../../../../contracts';
import { HttpError, parseBody, requireRole, respond } from '../../../endpoints/http';
import { recordRunCost } from '../../GenerationRuns/record-run-cost';

const bodySchema: z.ZodType<RunCostRecord> = z.strictObject({
  workflowId: z.string().min(1),
  runId: z.string().min(1),
  outcome: z.string().nullable(),
  stage: z.enum(['core-set', 'production-shot']),
  costUsd: z.number().finite().nonnegative(),
  attempts: z.number().int().nonnegative(),
  unpricedAttempts: z.number().int().nonnegative(),
});

/**
 * POST /api/characters/:id/run-cost — the worker records what a run spent, and the character's totals are summed
 * again from every run (GenerationRuns/record-run-cost.ts). One request instead of the four REST calls the worker
 * made itself, and the totals are written in the character's turn, so runs ending together all count.
 */
export const runCostEndpoint: Endpoint = {
  path: '/:id/run-cost',
  method: 'post',
  handler: (req) =>
    respond(req, async () => {
      requireRole(req, 'service');
      const id = String(req.routeParams?.id ?? '');
      const costs = await recordRunCost(req, id, await parseBody(req, bodySchema));
      if (costs === 'not_found') throw new HttpError(404, `No character ${id}.`);
      return Response.json({ id, costs });
    }),
};
