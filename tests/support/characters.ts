import { expect } from '@jest/globals';
import type { Client } from '@temporalio/client';
import { workflowIds } from '../../workflows/config';
import type { RestSession } from './rest';

export interface CreatedCharacter {
  id: number | string;
  characterId: string;
  masterMediaId: number | string;
}

/** What an editor does first: create the character, upload the master, point the character at it. */
export async function createCharacterWithMaster(
  editor: RestSession,
  data: Record<string, unknown> & { name: string },
  image: { bytes: Buffer; filename: string; mimeType: string },
): Promise<CreatedCharacter & { doc: any; media: any }> {
  const character = await editor.request('POST', '/api/characters', data);
  expect(character.status).toBe(201);
  const upload = await editor.uploadImage(image.bytes, image.filename, image.mimeType);
  expect(upload.status).toBe(201);
  const updated = await editor.request('PATCH', `/api/characters/${character.body.doc.id}`, { masterReferenceImage: upload.body.doc.id });
  expect(updated.status).toBe(200);
  return {
    id: updated.body.doc.id,
    characterId: updated.body.doc.characterId,
    masterMediaId: upload.body.doc.id,
    doc: updated.body.doc,
    media: upload.body.doc,
  };
}

export async function waitForMasterReady(temporal: Client, character: CreatedCharacter): Promise<void> {
  const result = await temporal.workflow.getHandle(workflowIds.masterReference(character.characterId, character.masterMediaId)).result();
  expect(result.status).toBe('ready');
}
