import type { PathragClient } from '../../clients/pathrag';
import type { PayloadRestClient } from '../../clients/payload/client';
import { formatPersonaDocument, personaHash, type PersonaInput } from '../../persona';
import { callingRun } from '../support/run-info';

export interface PersonaSyncDeps {
  payload: PayloadRestClient;
  pathrag: PathragClient;
  temporalUiUrl: string;
  namespace: string;
}

export function createPersonaSyncActivities({ payload, pathrag, temporalUiUrl, namespace }: PersonaSyncDeps) {
  async function record(characterDocId: string | number, personaSync: Record<string, unknown>) {
    const { workflowId, runId, workflowUrl } = callingRun(temporalUiUrl, namespace);
    await payload.recordPipelineState(characterDocId, {
      personaSync: { workflowId, runId, workflowUrl, updatedAt: new Date().toISOString(), ...personaSync },
    });
  }

  return {
    /**
     * Formats the persona as it is now (not as it was when the save happened), and skips the insert when the text
     * hashes the same as the last one sent: PathRAG is append-only, so every edit sent adds a document.
     */
    async syncPersona(input: { characterDocId: string | number }): Promise<{ inserted: boolean; hash: string }> {
      const character = (await payload.findById('characters', input.characterDocId)) as unknown as PersonaInput & {
        personaSync?: { documentHash?: string | null; status?: string | null; syncedAt?: string | null } | null;
      };
      const text = formatPersonaDocument(character);
      const hash = personaHash(text);
      const previous = character.personaSync;
      if (previous?.documentHash === hash && previous.status === 'synced') {
        return { inserted: false, hash };
      }
      if (previous?.documentHash === hash && previous.syncedAt) {
        await record(input.characterDocId, { status: 'synced', documentHash: hash, syncedAt: previous.syncedAt, error: null });
        return { inserted: false, hash };
      }
      await record(input.characterDocId, {
        status: 'syncing',
        documentHash: previous?.documentHash ?? null,
        syncedAt: previous?.syncedAt ?? null,
        error: null,
      });
      await pathrag.insert(text);
      await record(input.characterDocId, { status: 'synced', documentHash: hash, syncedAt: new Date().toISOString(), error: null });
      return { inserted: true, hash };
    },

    async recordPersonaSyncFailure(input: { characterDocId: string | number; error: string }): Promise<void> {
      const character = await payload.findById('characters', input.characterDocId);
      const previous = (character.personaSync ?? {}) as Record<string, unknown>;
      await record(input.characterDocId, {
        status: 'failed',
        documentHash: previous.documentHash ?? null,
        syncedAt: previous.syncedAt ?? null,
        error: input.error,
      });
    },

    /** The library upper-cases entity names; deleting removes graph nodes, not the text chunks (spec). */
    async removePersonaEntity(input: { characterName: string }): Promise<void> {
      await pathrag.deleteEntity(input.characterName);
    },
  };
}

export type PersonaSyncActivities = ReturnType<typeof createPersonaSyncActivities>;
