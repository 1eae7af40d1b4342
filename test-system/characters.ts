import type { Client } from '@temporalio/client';
import { workflowIds } from '../contracts';
import type { Json } from './json';
import type { RestSession } from './rest';

export interface CreatedCharacter {
  id: number | string;
  characterId: string;
  masterMediaId: number | string;
}

function expectStatus(what: string, response: { status: number; body: unknown }, status: number) {
  if (response.status !== status)
    throw new Error(`${what}: expected HTTP ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
}

/**
 * What an editor does first: create the character, upload the master, point the character at it. Plain errors (not
 * Jest's expect) so the benchmark can use it too.
 */
export async function createCharacterWithMaster(
  editor: RestSession,
  data: Record<string, unknown> & { name: string },
  image: { bytes: Buffer; filename: string; mimeType: string },
): Promise<CreatedCharacter & { doc: Json; media: Json }> {
  const character = await editor.request('POST', '/api/characters', data);
  expectStatus('create character', character, 201);
  const upload = await editor.uploadImage(image.bytes, image.filename, image.mimeType);
  expectStatus('upload master', upload, 201);
  const updated = await editor.request('PATCH', `/api/characters/${character.body.doc.id}`, { masterReferenceImage: upload.body.doc.id });
  expectStatus('set master', updated, 200);
  return {
    id: updated.body.doc.id,
    characterId: updated.body.doc.characterId,
    masterMediaId: upload.body.doc.id,
    doc: updated.body.doc,
    media: upload.body.doc,
  };
}

export async function waitForMasterReady(temporal: Client, character: CreatedCharacter): Promise<void> {
  const result = await workflowResult(temporal, workflowIds.masterReference(character.characterId, character.masterMediaId));
  if (result.status !== 'ready') throw new Error(`master reference ended ${result.status}`);
}

/**
 * The result of a workflow that a save asked for. Saves queue their workflow starts (the outbox) and the app's job
 * runner starts them a moment after the save commits, so the run may not exist yet when the save has answered.
 */
export async function workflowResult(temporal: Client, workflowId: string, timeoutMs = 60_000): Promise<Json> {
  const handle = temporal.workflow.getHandle(workflowId);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await handle.describe();
      break;
    } catch (error) {
      if ((error as Error).name !== 'WorkflowNotFoundError' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return handle.result();
}
