import { commitTransaction, initTransaction, killTransaction, type Endpoint, type PayloadRequest } from 'payload';
import { z } from 'zod';
import { HttpError, parseBody, requireRole, respond } from '../../../endpoints/http';
import { oneAtATimePerKey } from '../../../endpoints/one-at-a-time';
import { isOrderedGroup, statesAfter } from '../run-state-order';

const GROUPS = ['masterIngest', 'coreSet', 'personaSync', 'costs'] as const;
type Group = (typeof GROUPS)[number];

const groupSchema = z.record(z.string(), z.unknown());
const bodySchema = z
  .strictObject({
    masterIngest: groupSchema.optional(),
    coreSet: groupSchema.optional(),
    personaSync: groupSchema.optional(),
    costs: groupSchema.optional(),
    lastError: z.string().nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to record');

type PipelineState = z.infer<typeof bodySchema>;

// In this process, writes to one character wait for each other: FerretDB (the MongoDB tier's server) has no
// transactions and applies every update by reading the document and writing it back whole, so two updates of one
// document at the same moment keep only one of them. Across app processes the transaction (inTransaction) keeps them
// apart, where the database has one.
const oneWritePerCharacter = oneAtATimePerKey();

/**
 * PATCH /api/characters/:id/pipeline-state — the worker records a run's state on its character (the master's ingest,
 * the core set, the persona sync, the spend), and only that.
 *
 * Payload's own update writes the whole document as it was read when the request began, so two runs recording at
 * the same moment could put each other's group back to an older value (a master that was ready read "processing"
 * again while its persona sync recorded). Here the sent values are merged into their groups as stored and only those
 * groups are written, one character's writes after one another.
 *
 * A state older than the one the same run has already recorded (an attempt that timed out in the worker and was
 * retried, whose first request Payload finished later) is not written. The answer names it as `stale`, with 200: the
 * run's newer state is already there, so the worker has nothing to retry.
 */
export const pipelineStateEndpoint: Endpoint = {
  path: '/:id/pipeline-state',
  method: 'patch',
  handler: (req) =>
    respond(req, async () => {
      requireRole(req, 'service');
      const id = String(req.routeParams?.id ?? '');
      const state: PipelineState = await parseBody(req, bodySchema);
      return oneWritePerCharacter(id, () => inTransaction(req, () => record(req, id, state)));
    }),
};

async function record(req: PayloadRequest, id: string, state: PipelineState): Promise<Response> {
  const stored = await req.payload.db.findOne<Record<string, unknown> & { id: string | number }>({
    collection: 'characters',
    where: { id: { equals: id } },
    req,
  });
  if (!stored) throw new HttpError(404, `No character ${id}.`);
  const sent = GROUPS.filter((group) => state[group] !== undefined);
  const stale = sent.filter((group) => isOlderThanStored(group, state[group]!, stored[group]));
  if (stale.length > 0) {
    req.payload.logger.info({ msg: 'stale run state not recorded', characterDocId: id, state });
    return Response.json({ id, recorded: [], stale });
  }
  const data: Record<string, unknown> = {};
  for (const group of sent) data[group] = { ...asGroup(stored[group]), ...state[group] };
  if (state.lastError !== undefined) data.lastError = state.lastError;
  // The document's own time moves as with Payload's update: the reconciler (payload-app/jobs/reconcile.ts) leaves
  // alone a state changed within the last minute, and the admin's list shows it as the last change.
  data.updatedAt = new Date().toISOString();
  await req.payload.db.updateOne({ collection: 'characters', id, data, returning: false, req });
  return Response.json({ id, recorded: sent, stale: [] });
}

/**
 * The read and the write in one transaction where the database has them (MongoDB as a replica set, SQLite), so
 * another app process writing the same character at the same moment makes one of the two fail and be retried
 * rather than be lost.
 */
async function inTransaction(req: PayloadRequest, work: () => Promise<Response>): Promise<Response> {
  const started = await initTransaction(req);
  try {
    const response = await work();
    if (started) await commitTransaction(req);
    return response;
  } catch (error) {
    if (started) await killTransaction(req);
    throw error;
  }
}

/** Whether the same run has already recorded a later state of this group. */
function isOlderThanStored(group: Group, sent: Record<string, unknown>, stored: unknown): boolean {
  const { status, runId } = sent;
  const current = asGroup(stored);
  if (!isOrderedGroup(group) || typeof status !== 'string' || typeof runId !== 'string' || current.runId !== runId) return false;
  return typeof current.status === 'string' && statesAfter(group, status).includes(current.status);
}

function asGroup(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
