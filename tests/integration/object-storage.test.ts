import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { CORE_SET_ANGLES } from '../../contracts';
import { renderCharacter, randomLook } from '../../local-services/gemini/renderer';
import { createCharacterWithMaster, waitForMasterReady } from '../../test-system/characters';
import type { Json } from '../../test-system/json';
import type { RestSession } from '../../test-system/rest';
import { startTestSystem, type TestSystem } from '../../test-system/system';
import { fromGlobalSetup } from '../support/from-global-setup';

/**
 * Media in an S3-compatible bucket (versitygw, a real S3 API) through Payload's S3 storage adapter: uploads land in
 * the bucket and never on the app's disk, and everything that reads images (the worker's analysis uploads and model
 * references, thumbnails, the turnaround sheet) gets them from there.
 */
describe('object storage', () => {
  let system: TestSystem;
  let editor: RestSession;

  beforeAll(async () => {
    system = await startTestSystem({ ...fromGlobalSetup(), objectStorage: true });
    await system.startWorker();
    editor = await system.session('editor');
  });

  afterAll(async () => {
    await system?.stop();
  });

  const bucket = () => {
    if (!system.s3) throw new Error('the test system was started without object storage');
    return system.s3;
  };
  const localMediaFiles = async () => readdir(path.join(system.payload.dataDir, 'media')).catch(() => [] as string[]);

  async function objectBytes(key: string): Promise<Buffer> {
    const object = await bucket()
      .client()
      .send(new GetObjectCommand({ Bucket: bucket().bucket, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  }

  async function download(session: RestSession, url: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
    const response = await fetch(new URL(url, system.payload.url), { headers: { authorization: session.authorization ?? '' } });
    return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
  }

  it('stores an upload and its thumbnails in the bucket, not on local disk, and serves them behind Payload', async () => {
    const image = await renderCharacter(randomLook(11), 0, { width: 768, height: 1024 });
    const upload = await editor.uploadImage(image, 'bucket-check.png', 'image/png');
    expect(upload.status).toBe(201);
    const doc = upload.body.doc as Json;

    const keys = await bucket().keys();
    expect(keys).toEqual(expect.arrayContaining([doc.filename, doc.sizes.thumbnail.filename, doc.sizes.card.filename]));
    expect(await localMediaFiles()).toEqual([]);

    // Payload's file URL answers from the bucket, behind the collection's read access.
    const served = await download(editor, doc.url);
    expect(served.status).toBe(200);
    expect(served.bytes.equals(await objectBytes(doc.filename))).toBe(true);
    const thumbnail = await download(editor, doc.sizes.thumbnail.url);
    expect(thumbnail.status).toBe(200);
    expect((await sharp(thumbnail.bytes).metadata()).height).toBeLessThanOrEqual(320);
    expect((await fetch(new URL(doc.url, system.payload.url))).status).toBe(403);
  });

  it('runs a master ingest and a core set from the bucket and draws the turnaround sheet from it', async () => {
    const master = await renderCharacter(randomLook(12), 0, { width: 768, height: 1024 });
    const character = await createCharacterWithMaster(
      editor,
      { name: 'Suri Okafor', physicalDescription: 'Short, curly hair.', clothing: 'A green coat.' },
      { bytes: master, filename: 'suri.png', mimeType: 'image/png' },
    );
    // The ingest's analysis upload reads the master through Payload, which reads it from the bucket.
    await waitForMasterReady(system.temporal, character);

    const run = await editor.request('POST', `/api/characters/${character.id}/core-set`, {});
    expect([200, 201]).toContain(run.status);
    const result = await system.temporal.workflow.getHandle(run.body.workflowId).result();
    expect(result.status).toBe('complete');

    const { body: gallery } = await system.admin.request(
      'GET',
      `/api/character-images?where[character][equals]=${character.id}&limit=100&depth=1&sort=angle`,
    );
    const images = gallery.docs as Json[];
    expect(images.map((image) => image.angle)).toEqual([...CORE_SET_ANGLES]);
    const keys = await bucket().keys();
    expect(keys).toEqual(expect.arrayContaining([character.media.filename, ...images.map((image) => image.imageFile.filename)]));
    expect(await localMediaFiles()).toEqual([]);

    const sheet = await download(editor, `/api/characters/${character.id}/turnaround`);
    expect(sheet.status).toBe(200);
    expect(sheet.type).toBe('image/png');
    const { width, height } = await sharp(sheet.bytes).metadata();
    expect({ width, height }).toEqual({ width: 300 * CORE_SET_ANGLES.length, height: 436 });
    // Each cell is the drawn image, not the grey placeholder a missing file would leave.
    const firstCell = await sharp(sheet.bytes).extract({ left: 0, top: 0, width: 300, height: 400 }).stats();
    expect(firstCell.channels.some((channel) => channel.stdev > 10)).toBe(true);
  });
});
