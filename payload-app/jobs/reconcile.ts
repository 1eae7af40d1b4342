import type { PayloadRequest } from 'payload';
import { relationId } from '../../common/relation-id';
import { workflowIds } from '../../contracts';
import { asGroup, recordPipelineState } from '../collections/Characters/record-pipeline-state';
import { runningRunId } from '../temporal/gateway';
import { queueMasterIngestJob, queuePersonaSyncJob } from './queue';

/** A state this long unchanged, with no run and no queued start behind it, is behind and gets repaired. */
const STALE_MS = 60_000;
const BATCH = 200;

/**
 * Finds pipeline states on characters that disagree with Temporal and repairs them: a master ingest `queued` or
 * `processing` with no run, a persona `pending` with no sync, a core set `running` with no run. The first two are
 * started again (their workflows are idempotent); the last is closed as `incomplete`, since its run is gone.
 * Returns how many states were repaired.
 */
export async function reconcileWithTemporal(req: PayloadRequest): Promise<number> {
  const staleBefore = new Date(Date.now() - STALE_MS).toISOString();
  const pending = await pendingStarts(req);
  let repaired = 0;

  const masters = await req.payload.find({
    collection: 'characters',
    where: { 'masterIngest.status': { in: ['queued', 'processing'] }, updatedAt: { less_than: staleBefore } },
    depth: 0,
    limit: BATCH,
    req,
  });
  for (const character of masters.docs) {
    const mediaId = relationId(character.masterReferenceImage);
    if (mediaId === undefined || pending.has(`startMasterIngest:${character.id}`)) continue;
    if (await runningRunId(workflowIds.masterReference(character.characterId, mediaId))) continue;
    await queueMasterIngestJob(req, { characterDocId: String(character.id), characterId: character.characterId, mediaId: String(mediaId) });
    repaired++;
  }

  const personas = await req.payload.find({
    collection: 'characters',
    where: { 'personaSync.status': { equals: 'pending' }, updatedAt: { less_than: staleBefore } },
    depth: 0,
    limit: BATCH,
    req,
  });
  for (const character of personas.docs) {
    if (pending.has(`signalPersonaSync:${character.id}`)) continue;
    if (await runningRunId(workflowIds.personaSync(character.characterId))) continue;
    await queuePersonaSyncJob(req, { characterDocId: String(character.id), characterId: character.characterId });
    repaired++;
  }

  const coreSets = await req.payload.find({
    collection: 'characters',
    where: { 'coreSet.status': { in: ['running', 'awaiting_review'] }, updatedAt: { less_than: staleBefore } },
    depth: 0,
    limit: BATCH,
    req,
  });
  for (const character of coreSets.docs) {
    const seen = asGroup(character.coreSet);
    if (await runningRunId(workflowIds.coreSet(character.characterId))) continue;
    // Written like a run's own state, and only if the state seen is still there: a new run may have recorded
    // "running" since the character was read, and a run's end may have landed.
    const outcome = await recordPipelineState(
      req,
      String(character.id),
      {
        coreSet: {
          status: 'incomplete',
          error: 'Its run is no longer running and did not record how it ended; start the core set again for the missing angles.',
          updatedAt: new Date().toISOString(),
        },
      },
      {
        onlyIf: (stored) => {
          const current = asGroup(stored.coreSet);
          return current.runId === seen.runId && current.status === seen.status;
        },
      },
    );
    if (typeof outcome !== 'string') repaired++;
  }
  if (repaired > 0) req.payload.logger.info({ msg: 'reconciled pipeline states with Temporal', repaired });
  return repaired;
}

/** Starts already queued and not finished, as `<task>:<characterDocId>`. */
async function pendingStarts(req: PayloadRequest): Promise<Set<string>> {
  const jobs = await req.payload.find({
    collection: 'payload-jobs',
    where: { completedAt: { exists: false }, hasError: { not_equals: true }, taskSlug: { in: ['startMasterIngest', 'signalPersonaSync'] } },
    depth: 0,
    limit: 1000,
    req,
  });
  return new Set(
    jobs.docs.map((job) => `${job.taskSlug}:${String((job.input as { characterDocId?: unknown } | undefined)?.characterDocId ?? '')}`),
  );
}
