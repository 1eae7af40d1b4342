import type { Endpoint, PayloadRequest } from 'payload';
import { z } from 'zod';
import { MAX_PAGE_SIZE, type BatchCharacter } from '../../../../contracts';
import { appConfig } from '../../../config';
import { HttpError, parseBody, requireRole, respond } from '../../../endpoints/http';
import { limitSpending } from '../../../endpoints/spending-limit';
import { cancelCoreSetBatch, listCoreSetBatches, readCoreSetBatch, startCoreSetBatch } from '../../../temporal/gateway';

const RECENT_BATCHES = 10;
const batchIdSchema = z.string().regex(/^[0-9a-f]{16}$/);

const bodySchema = z
  .object({
    characterIds: z
      .array(z.union([z.string().min(1), z.number().int()]))
      .min(1)
      .max(MAX_PAGE_SIZE),
  })
  .strict();

/** Each selected character, with the reason it is skipped when nothing can be generated for it yet. */
async function batchCharacters(req: PayloadRequest, ids: Array<string | number>): Promise<BatchCharacter[]> {
  const found = await req.payload.find({
    collection: 'characters',
    where: { id: { in: ids } },
    depth: 0,
    limit: ids.length,
    pagination: false,
    req,
    overrideAccess: false,
  });
  const byId = new Map(found.docs.map((doc) => [String(doc.id), doc]));
  return [...new Set(ids.map(String))].map((id): BatchCharacter => {
    const character = byId.get(id);
    if (!character) return { characterDocId: id, characterId: '', name: `#${id}`, skipReason: `No character ${id}.` };
    const master = character.masterIngest?.status ?? 'not_started';
    return {
      characterDocId: character.id,
      characterId: character.characterId,
      name: character.name,
      ...(master === 'ready' ? {} : { skipReason: `No ingested master reference (${master}).` }),
    };
  });
}

/**
 * POST /api/characters/core-set-batch {characterIds} — editors and admins start one batch of core sets (or join the
 * one running for the same selection). Characters without an ingested master are listed as skipped. 201 started,
 * 200 joined, 409 when no selected character can run.
 */
export const startCoreSetBatchEndpoint: Endpoint = {
  path: '/core-set-batch',
  method: 'post',
  handler: (req) =>
    respond(req, async () => {
      const user = requireRole(req, 'admin', 'editor');
      limitSpending(user.id);
      const { characterIds } = await parseBody(req, bodySchema);
      const characters = await batchCharacters(req, characterIds);
      const skipped = characters.filter((character) => character.skipReason);
      if (skipped.length === characters.length) {
        throw new HttpError(409, `Nothing to run: ${skipped.map((character) => `${character.name}: ${character.skipReason}`).join('; ')}`);
      }
      const config = appConfig();
      const run = await startCoreSetBatch({
        characters,
        modelRequestsPerMinute: config.MODEL_REQUESTS_PER_MINUTE ?? null,
        maxRunning: config.BATCH_MAX_RUNNING_CORE_SETS,
        requestedBy: user.email ?? String(user.id),
      });
      const skippedList = skipped.map(({ characterDocId, name, skipReason }) => ({ characterDocId, name, reason: skipReason }));
      return Response.json({ ...run, skipped: skippedList }, { status: run.joinedExisting ? 200 : 201 });
    }),
};

/** GET /api/characters/core-set-batch — the newest batches with their progress; any signed-in role. */
export const listCoreSetBatchesEndpoint: Endpoint = {
  path: '/core-set-batch',
  method: 'get',
  handler: (req) =>
    respond(req, async () => {
      requireRole(req, 'admin', 'editor', 'reviewer', 'viewer');
      return Response.json({ batches: await listCoreSetBatches(RECENT_BATCHES) });
    }),
};

/** GET /api/characters/core-set-batch/:batchId — one batch's progress. */
export const readCoreSetBatchEndpoint: Endpoint = {
  path: '/core-set-batch/:batchId',
  method: 'get',
  handler: (req) =>
    respond(req, async () => {
      requireRole(req, 'admin', 'editor', 'reviewer', 'viewer');
      const batch = await readCoreSetBatch(parseBatchId(req));
      if (!batch) throw new HttpError(404, 'No such batch.');
      return Response.json(batch);
    }),
};

/** POST /api/characters/core-set-batch/:batchId/cancel — editors and admins; 409 when it no longer runs. */
export const cancelCoreSetBatchEndpoint: Endpoint = {
  path: '/core-set-batch/:batchId/cancel',
  method: 'post',
  handler: (req) =>
    respond(req, async () => {
      requireRole(req, 'admin', 'editor');
      const batchId = parseBatchId(req);
      if (!(await cancelCoreSetBatch(batchId))) throw new HttpError(409, 'The batch is not running.');
      return Response.json({ batchId, cancelRequested: true }, { status: 202 });
    }),
};

function parseBatchId(req: PayloadRequest): string {
  const parsed = batchIdSchema.safeParse(req.routeParams?.batchId);
  if (!parsed.success) throw new HttpError(404, 'No such batch.');
  return parsed.data;
}
