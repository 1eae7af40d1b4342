import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload';
import { oneWritePerCharacter } from './one-write-per-character';
import { isOrderedGroup, statesAfter } from './run-state-order';

export const PIPELINE_GROUPS = ['masterIngest', 'coreSet', 'personaSync', 'costs'] as const;
export type PipelineGroup = (typeof PIPELINE_GROUPS)[number];
/** Every field of a character that runs record: the pipeline groups and the last error. */
export const RUN_STATE_FIELDS = [...PIPELINE_GROUPS, 'lastError'] as const;
export type RunStateField = (typeof RUN_STATE_FIELDS)[number];

/** Values of the character's pipeline groups; a value not sent stays as stored. */
export type PipelineState = Partial<Record<PipelineGroup, Record<string, unknown>>> & { lastError?: string | null };

type StoredCharacter = Record<string, unknown> & { id: string | number };

export type RecordOutcome =
  | { recorded: PipelineGroup[]; stale: PipelineGroup[] }
  /** The character is gone. */
  | 'not_found'
  /** `onlyIf` said no to the character as stored: nothing was written. */
  | 'precondition_failed';

/**
 * Records run states on a character and only them: the sent values are merged into their groups as stored and only
 * those groups are written, one character's writes after one another, so two writers at the same moment never put
 * each other's group back to an older value (Payload's own update writes every field as it read it, and a person's
 * save leaves out only the run states it did not change: saves-keep-run-states.ts).
 *
 * A state older than the one the same run has already recorded (an attempt retried after its first request was
 * finished late) is not written and comes back as `stale`. `onlyIf` sees the character as stored, inside the same
 * order and transaction, and decides whether to write at all: a repair that is right only while the state it repairs
 * is still there.
 */
export function recordPipelineState(
  req: PayloadRequest,
  id: string,
  state: PipelineState,
): Promise<Exclude<RecordOutcome, 'precondition_failed'>>;
export function recordPipelineState(
  req: PayloadRequest,
  id: string,
  state: PipelineState,
  options: { onlyIf: (stored: StoredCharacter) => boolean },
): Promise<RecordOutcome>;
export function recordPipelineState(
  req: PayloadRequest,
  id: string,
  state: PipelineState,
  options: { onlyIf?: (stored: StoredCharacter) => boolean } = {},
): Promise<RecordOutcome> {
  return oneWritePerCharacter(id, () => recordPipelineStateInTurn(req, id, state, options.onlyIf));
}

/** recordPipelineState for a caller that already holds the character's turn (`oneWritePerCharacter`). */
export function recordPipelineStateInTurn(
  req: PayloadRequest,
  id: string,
  state: PipelineState,
  onlyIf?: (stored: StoredCharacter) => boolean,
): Promise<RecordOutcome> {
  return inTransaction(req, () => record(req, id, state, onlyIf));
}

async function record(
  req: PayloadRequest,
  id: string,
  state: PipelineState,
  onlyIf: ((stored: StoredCharacter) => boolean) | undefined,
): Promise<RecordOutcome> {
  const stored = await req.payload.db.findOne<StoredCharacter>({ collection: 'characters', where: { id: { equals: id } }, req });
  if (!stored) return 'not_found';
  if (onlyIf && !onlyIf(stored)) return 'precondition_failed';
  const sent = PIPELINE_GROUPS.filter((group) => state[group] !== undefined);
  const stale = sent.filter((group) => isOlderThanStored(group, state[group]!, stored[group]));
  if (stale.length > 0) {
    req.payload.logger.info({ msg: 'stale run state not recorded', characterDocId: id, state });
    return { recorded: [], stale };
  }
  const data: Record<string, unknown> = {};
  for (const group of sent) data[group] = { ...asGroup(stored[group]), ...state[group] };
  if (state.lastError !== undefined) data.lastError = state.lastError;
  // The document's own time moves as with Payload's update: the reconciler (payload-app/jobs/reconcile.ts) leaves
  // alone a state changed within the last minute, and the admin's list shows it as the last change.
  data.updatedAt = new Date().toISOString();
  await req.payload.db.updateOne({ collection: 'characters', id, data, returning: false, req });
  return { recorded: sent, stale: [] };
}

/**
 * The read and the write in one transaction where the database has them (MongoDB as a replica set, SQLite), so
 * another app process writing the same character at the same moment makes one of the two fail and be retried
 * rather than be lost. A request already inside a transaction (a job's) writes inside that one.
 */
async function inTransaction<T>(req: PayloadRequest, work: () => Promise<T>): Promise<T> {
  const started = await initTransaction(req);
  try {
    const result = await work();
    if (started) await commitTransaction(req);
    return result;
  } catch (error) {
    if (started) await killTransaction(req);
    throw error;
  }
}

/** Whether the same run has already recorded a later state of this group. */
function isOlderThanStored(group: PipelineGroup, sent: Record<string, unknown>, stored: unknown): boolean {
  const { status, runId } = sent;
  const current = asGroup(stored);
  if (!isOrderedGroup(group) || typeof status !== 'string' || typeof runId !== 'string' || current.runId !== runId) return false;
  return typeof current.status === 'string' && statesAfter(group, status).includes(current.status);
}

export function asGroup(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
