import type { TaskConfig } from 'payload';
import { signalPersonaChanged, startMasterReference, startPersonaRemoval } from '../temporal/gateway';
import { logRun } from '../logging';
import type { MasterIngestJob, PersonaRemovalJob, PersonaSyncJob } from './queue';
import { UNTIL_TEMPORAL_ANSWERS } from './queue';
import { reconcileWithTemporal } from './reconcile';

const text = (name: string, required = true) => ({ name, type: 'text' as const, required });

/** Starts (or joins: the workflow id is deterministic) the ingest of a character's master reference. */
export const startMasterIngestTask: TaskConfig<{ input: MasterIngestJob; output: { workflowId: string } }> = {
  slug: 'startMasterIngest',
  label: 'Start master-reference ingest',
  inputSchema: [text('characterDocId'), text('characterId'), text('mediaId'), text('retireAssetId', false)],
  outputSchema: [text('workflowId')],
  retries: UNTIL_TEMPORAL_ANSWERS,
  handler: async ({ input, req }) => {
    const run = await startMasterReference({
      characterDocId: input.characterDocId,
      characterId: input.characterId,
      mediaId: input.mediaId,
      ...(input.retireAssetId ? { retireAssetId: input.retireAssetId } : {}),
    });
    logRun(req.payload, 'master reference started', run, { characterId: input.characterId, mediaId: input.mediaId });
    return { output: { workflowId: run.workflowId } };
  },
};

/** signal-with-start of the character's persona sync: joins a running sync (restarting its debounce) or starts one. */
export const signalPersonaSyncTask: TaskConfig<{ input: PersonaSyncJob; output: object }> = {
  slug: 'signalPersonaSync',
  label: 'Signal persona sync',
  inputSchema: [text('characterDocId'), text('characterId')],
  retries: UNTIL_TEMPORAL_ANSWERS,
  handler: async ({ input }) => {
    await signalPersonaChanged({ characterDocId: input.characterDocId, characterId: input.characterId });
    return { output: {} };
  },
};

export const startPersonaRemovalTask: TaskConfig<{ input: PersonaRemovalJob; output: object }> = {
  slug: 'startPersonaRemoval',
  label: 'Remove a persona from the knowledge base',
  inputSchema: [text('characterId'), text('characterName')],
  retries: UNTIL_TEMPORAL_ANSWERS,
  handler: async ({ input }) => {
    await startPersonaRemoval(input.characterId, input.characterName);
    return { output: {} };
  },
};

/** Every minute: states on characters that disagree with Temporal are repaired (see reconcile.ts). */
export const reconcileTask: TaskConfig<{ input: object; output: { repaired: number } }> = {
  slug: 'reconcileWithTemporal',
  label: 'Reconcile pipeline states with Temporal',
  schedule: [{ cron: '0 * * * * *', queue: 'temporal-starts' }],
  handler: async ({ req }) => ({ output: { repaired: await reconcileWithTemporal(req) } }),
};
