import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { MAX_PAGE_SIZE, MAX_UPLOAD_BYTES, workflowIds } from '../../contracts';
import { createCharacterWithMaster, workflowResult } from '../../test-system/characters';
import { RestSession } from '../../test-system/rest';
import { startTestSystem, type TestSystem } from '../../test-system/system';
import { fromGlobalSetup } from '../support/from-global-setup';
import { figurePng } from '../support/images';
import { blankPng, malformedUploads, onePixelPng } from '../support/malformed-uploads';

const errorText = (body: unknown) => JSON.stringify(body);

/**
 * What the library accepts from people, and how it refuses the rest: every malformed upload gets one clear answer
 * and leaves no document and no file; a valid picture that cannot be a master is refused by the master ingest with
 * what was measured; lists are capped and never carry feature vectors; custom endpoints bound their bodies.
 */
describe('upload and request guards', () => {
  let system: TestSystem;
  let editor: RestSession;
  let worker: RestSession;

  beforeAll(async () => {
    system = await startTestSystem(fromGlobalSetup());
    await system.startWorker();
    editor = await system.session('editor');
    worker = RestSession.withApiKey(system.payload.url, system.payload.workerApiKey);
  });

  afterAll(async () => {
    await system?.stop();
  });

  const mediaDir = () => path.join(system.payload.dataDir, 'media');
  const storedFiles = async () => (await readdir(mediaDir()).catch(() => [] as string[])).sort();
  const mediaCount = async () => (await system.admin.request('GET', '/api/media?limit=1&depth=0')).body.totalDocs as number;
  const analysisAssets = async () =>
    ((await (await fetch(`${system.dino.url}/_control/assets`)).json()) as { assetIds: string[] }).assetIds.sort();

  it('refuses each malformed upload with one clear answer and leaves nothing behind', async () => {
    const corpus = await malformedUploads();
    const figure = await figurePng();
    const oversized = Buffer.concat([figure, randomBytes(MAX_UPLOAD_BYTES + 1024 - figure.length)]);
    corpus.push({
      label: 'a file over the size limit',
      bytes: oversized,
      filename: 'huge.png',
      mimeType: 'image/png',
      status: 413,
      says: /at most 25 MB/,
    });
    for (const upload of corpus) {
      const [filesBefore, countBefore, assetsBefore] = [await storedFiles(), await mediaCount(), await analysisAssets()];
      const response = await editor.uploadImage(upload.bytes, upload.filename, upload.mimeType);
      expect({ label: upload.label, status: response.status }).toEqual({ label: upload.label, status: upload.status });
      expect(errorText(response.body)).toMatch(upload.says);
      expect({ label: upload.label, files: await storedFiles(), count: await mediaCount(), assets: await analysisAssets() }).toEqual({
        label: upload.label,
        files: filesBefore,
        count: countBefore,
        assets: assetsBefore,
      });
    }
  });

  // A wrong extension is a naming mistake, not an attack: the file is stored as what its bytes are.
  it.each([
    [
      'a PNG sent with a JPEG name',
      () => figurePng(),
      'really-a-png.jpg',
      'image/jpeg',
      { filename: 'really-a-png.png', mimeType: 'image/png' },
    ],
    [
      'a JPEG sent with a PNG name',
      async () =>
        sharp(await figurePng())
          .jpeg()
          .toBuffer(),
      'really-a-jpeg.png',
      'image/png',
      { filename: 'really-a-jpeg.jpg', mimeType: 'image/jpeg' },
    ],
  ])('stores %s as the format it is', async (_label, image, name, declared, stored) => {
    const response = await editor.uploadImage(await image(), name, declared);
    expect(response.status).toBe(201);
    expect(response.body.doc).toMatchObject({ ...stored, width: 600, height: 800 });
    const file = await readFile(path.join(mediaDir(), response.body.doc.filename));
    expect((await sharp(file).metadata()).format).toBe(stored.mimeType.replace('image/', ''));
  });

  it('keeps a 16-bit PNG as it is, with its thumbnails', async () => {
    const deep = await sharp(await figurePng())
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    expect((await sharp(deep).metadata()).depth).toBe('ushort');
    const response = await editor.uploadImage(deep, 'deep.png', 'image/png');
    expect(response.status).toBe(201);
    expect(response.body.doc).toMatchObject({ mimeType: 'image/png', width: 600, height: 800 });
    const thumbnail = response.body.doc.sizes.thumbnail.filename as string;
    expect(await storedFiles()).toEqual(expect.arrayContaining([response.body.doc.filename, thumbnail]));
    expect((await sharp(await readFile(path.join(mediaDir(), thumbnail))).metadata()).width).toBe(240);
  });

  it('converts a CMYK JPEG to sRGB, so the gallery shows it and the analysis measures it', async () => {
    const cmyk = await sharp(await figurePng())
      .toColourspace('cmyk')
      .jpeg({ quality: 95 })
      .toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const { doc: character, media } = await createCharacterWithMaster(
      editor,
      { name: `Printed ${randomBytes(3).toString('hex')}` },
      { bytes: cmyk, filename: 'from-the-printer.jpg', mimeType: 'image/jpeg' },
    );
    const stored = await readFile(path.join(mediaDir(), media.filename));
    const metadata = await sharp(stored).metadata();
    expect({ space: metadata.space, channels: metadata.channels }).toEqual({ space: 'srgb', channels: 3 });
    // The picture's colours, not CMYK values read as if they were RGB (that would invert them).
    const means = async (image: Buffer) => (await sharp(image).removeAlpha().stats()).channels.map((channel) => channel.mean);
    const [sent, kept] = [await means(await figurePng()), await means(stored)];
    kept.forEach((mean, channel) => expect(Math.abs(mean - sent[channel]!)).toBeLessThan(12));
    const workflowId = workflowIds.masterReference(character.characterId, media.id);
    expect((await workflowResult(system.temporal, workflowId, 90_000)).status).toBe('ready');
    const { body: after } = await system.admin.request('GET', `/api/media/${media.id}?depth=0`);
    expect(after).toMatchObject({ dinoProcessingStatus: 'validation_success', dinoAssetId: expect.any(String) });
  });

  it.each([
    ['300 Latin characters', `${'a-very-long-reference-name-'.repeat(11)}xyz.png`.slice(-304)],
    ['300 Cyrillic characters', `${'главный-герой-'.repeat(22)}.png`.slice(-304)],
    ['Japanese', '主人公の参照画像.png'],
    ['path segments', '../../etc/passwd.png'],
    ['no stem at all', '.png'],
    ['quotes, tags and a right-to-left override', 'a "quoted" <b>name</b>\u202Egnp.exe.png'],
    ['emoji', 'fox 🦊 in the snow ❄️.png'],
  ])('stores a file named with %s under a short, safe, unique name', async (_label, name) => {
    const first = await editor.uploadImage(await figurePng(), name, 'image/png');
    const second = await editor.uploadImage(await figurePng({ jacket: '#1d6b8c' }), name, 'image/png');
    expect([first.status, second.status]).toEqual([201, 201]);
    for (const doc of [first.body.doc, second.body.doc]) {
      expect(Buffer.byteLength(doc.filename)).toBeLessThanOrEqual(120);
      expect(doc.filename).toMatch(/\.png$/);
      expect(doc.filename).not.toMatch(/[/\\"<>\u202E\s]/u);
      expect(await storedFiles()).toContain(doc.filename);
      const file = await fetch(new URL(doc.url, system.payload.url), {
        headers: { authorization: `users API-Key ${system.payload.workerApiKey}` },
      });
      expect(file.status).toBe(200);
    }
    expect(first.body.doc.filename).not.toBe(second.body.doc.filename);
  });

  it.each([
    ['a 1×1 picture', onePixelPng, /too small: the short side is 1 px/],
    ['a blank white picture', () => blankPng(), /blank/],
  ])('refuses %s as a master, with the measured reason and no analysis asset', async (label, image, reason) => {
    const { doc: character, media } = await createCharacterWithMaster(
      editor,
      { name: `Unusable ${label} ${randomBytes(3).toString('hex')}` },
      { bytes: await image(), filename: 'master.png', mimeType: 'image/png' },
    );
    const workflowId = workflowIds.masterReference(character.characterId, media.id);
    const failure = await workflowResult(system.temporal, workflowId, 90_000).then(
      () => undefined,
      (error: Error & { cause?: Error }) => error,
    );
    expect(failure?.cause?.message).toMatch(/cannot serve as a reference/);
    const { body: after } = await editor.request('GET', `/api/characters/${character.id}?depth=0`);
    expect(after.masterIngest).toMatchObject({ status: 'failed', error: expect.stringMatching(reason) });
    const { body: mediaDoc } = await system.admin.request('GET', `/api/media/${media.id}?depth=0`);
    expect(mediaDoc).toMatchObject({ dinoProcessingStatus: 'validation_failed', validationNotes: expect.stringMatching(reason) });
    // Refused before registration: the analysis service never received it.
    expect(mediaDoc.dinoAssetId ?? null).toBeNull();
  });

  it('stores a phone photo upright and without its EXIF (GPS, author)', async () => {
    const photo = await sharp(await figurePng({ width: 300, height: 200 }))
      .withExif({ IFD0: { Artist: 'Rita Studio' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 54/1 0/1' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const response = await editor.uploadImage(photo, 'from-my-phone.jpg', 'image/jpeg');
    expect(response.status).toBe(201);
    const stored = await readFile(path.join(mediaDir(), response.body.doc.filename));
    const metadata = await sharp(stored).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(metadata.orientation ?? 1).toBe(1);
    expect([metadata.width, metadata.height]).toEqual([200, 300]);
    expect([response.body.doc.width, response.body.doc.height]).toEqual([200, 300]);
  });

  it('slows password guessing per account and spending per user, with Retry-After', async () => {
    const login = () =>
      fetch(`${system.payload.url}/api/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nobody-here@test.local', password: 'guess' }),
      });
    // 20 a minute, refilled one every 3 s: try until refused (a slow machine refills a few on the way).
    const attempts: Response[] = [];
    for (let attempt = 0; attempt < 100 && attempts.at(-1)?.status !== 429; attempt++) attempts.push(await login());
    expect(attempts.slice(0, 20).filter((answer) => answer.status === 429)).toEqual([]);
    expect(attempts.at(-1)?.status).toBe(429);
    expect(Number(attempts.at(-1)?.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account is not slowed by the guesses at the first.
    expect((await RestSession.login(system.payload.url, system.payload.adminEmail, system.payload.adminPassword)).request).toBeDefined();

    // 30 a minute, refilled one every 2 s: ask until refused (a slow machine refills a few on the way).
    const asker = await system.session('viewer');
    const answers: Response[] = [];
    for (let question = 0; question < 300 && answers.at(-1)?.status !== 429; question++) {
      answers.push(
        await fetch(`${system.payload.url}/api/characters/query`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: asker.authorization! },
          body: JSON.stringify({ question: `Who keeps the lighthouse? (${question})` }),
        }),
      );
    }
    expect(answers.slice(0, 30).map((answer) => answer.status)).toEqual(Array(30).fill(200));
    expect(answers.at(-1)?.status).toBe(429);
    expect(Number(answers.at(-1)?.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers with security headers on the API and the admin', async () => {
    for (const route of ['/api/health', '/admin/login']) {
      const response = await fetch(`${system.payload.url}${route}`, { redirect: 'manual' });
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
  });

  it('keeps feature vectors out of every list and away from people', async () => {
    const { doc: character, media } = await createCharacterWithMaster(
      editor,
      { name: `Vector Keeper ${randomBytes(3).toString('hex')}` },
      { bytes: await figurePng(), filename: 'keeper.png', mimeType: 'image/png' },
    );
    expect((await workflowResult(system.temporal, workflowIds.masterReference(character.characterId, media.id), 90_000)).status).toBe(
      'ready',
    );
    const viewer = await system.session('viewer');
    for (const session of [system.admin, editor, viewer, worker]) {
      const { body: list } = await session.request('GET', '/api/media?limit=50&depth=0');
      const listed = list.docs.find((doc: { id: number }) => doc.id === media.id);
      expect(listed.analysis.embeddingLength).toBeGreaterThan(0);
      expect(listed.analysis).not.toHaveProperty('embedding');
      const { body: gallery } = await session.request('GET', `/api/characters?depth=1&limit=10&where[id][equals]=${character.id}`);
      expect(errorText(gallery)).not.toContain('"embedding"');
    }
    for (const session of [system.admin, editor, viewer]) {
      expect((await session.request('GET', `/api/media/${media.id}?depth=0`)).body.analysis).not.toHaveProperty('embedding');
    }
    const { body: asWorker } = await worker.request('GET', `/api/media/${media.id}?depth=0`);
    expect(asWorker.analysis.embedding.length).toBe(asWorker.analysis.embeddingLength);
  });

  it('a linked character or media carries only what a list shows (no persona, gallery join or analysis)', async () => {
    const { doc: character, media } = await createCharacterWithMaster(
      editor,
      { name: `Slim Link ${randomBytes(3).toString('hex')}`, biography: 'A long life story that no gallery card shows.' },
      { bytes: await figurePng(), filename: 'slim.png', mimeType: 'image/png' },
    );
    expect((await workflowResult(system.temporal, workflowIds.masterReference(character.characterId, media.id), 90_000)).status).toBe(
      'ready',
    );
    const created = await worker.request('POST', '/api/character-images?depth=0', {
      character: character.id,
      kind: 'production',
      imageFile: media.id,
      generationKey: `slim-link:${character.id}`,
    });
    expect(created.status).toBe(201);
    const { body: page } = await system.admin.request('GET', `/api/character-images?depth=1&where[id][equals]=${created.body.doc.id}`);
    const [image] = page.docs;
    expect(image.character).toMatchObject({ id: character.id, name: character.name, characterId: character.characterId });
    expect(image.character).not.toHaveProperty('biography');
    expect(image.character).not.toHaveProperty('imageGallery');
    expect(image.imageFile).toMatchObject({ id: media.id, filename: media.filename });
    expect(image.imageFile.sizes.thumbnail.url).toEqual(expect.any(String));
    expect(image.imageFile).not.toHaveProperty('analysis');
    // Reading the documents themselves still gives everything.
    expect((await system.admin.request('GET', `/api/characters/${character.id}?depth=0`)).body.biography).toContain('life story');
    expect((await system.admin.request('GET', `/api/media/${media.id}?depth=0`)).body.analysis.embeddingLength).toBeGreaterThan(0);
  });

  it('caps list pages, also for limit=0 and pagination=false', async () => {
    const existing = (await system.admin.request('GET', '/api/users?limit=1')).body.totalDocs as number;
    const missing = MAX_PAGE_SIZE + 5 - existing;
    for (let start = 0; start < missing; start += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, missing - start) }, (_, i) =>
          system.admin.request('POST', '/api/users', {
            email: `crowd-${start + i}-${randomBytes(2).toString('hex')}@test.local`,
            password: 'crowd-password',
            role: 'viewer',
          }),
        ),
      );
    }
    for (const query of ['limit=0', `limit=${MAX_PAGE_SIZE * 10}`, 'pagination=false', 'limit=0&pagination=false']) {
      const { status, body } = await system.admin.request('GET', `/api/users?${query}&depth=0`);
      expect({ query, status, returned: body.docs.length, hasNextPage: body.hasNextPage }).toEqual({
        query,
        status: 200,
        returned: MAX_PAGE_SIZE,
        hasNextPage: true,
      });
      expect(body.totalDocs).toBeGreaterThan(MAX_PAGE_SIZE);
    }
    // The admin's relationship fields send list queries as a POST that overrides the method: capped the same way.
    const override = await fetch(`${system.payload.url}/api/users`, {
      method: 'POST',
      headers: {
        authorization: await adminAuthorization(),
        'content-type': 'application/x-www-form-urlencoded',
        'x-payload-http-method-override': 'GET',
      },
      body: 'limit=0&depth=0',
    });
    expect(override.status).toBe(200);
    expect(((await override.json()) as { docs: unknown[] }).docs).toHaveLength(MAX_PAGE_SIZE);
  });

  it('refuses oversized request bodies with 413 before reading them', async () => {
    const question = 'x'.repeat(300 * 1024);
    const asked = await editor.request('POST', '/api/characters/query', { question });
    expect(asked.status).toBe(413);
    expect(errorText(asked.body)).toMatch(/larger than 256 KB/);
    const created = await editor.request('POST', '/api/characters', { name: 'Too Long', biography: 'y'.repeat(3 * 1024 * 1024) });
    expect(created.status).toBe(413);
    const { body } = await editor.request('GET', '/api/characters?where[name][equals]=Too%20Long&limit=1');
    expect(body.totalDocs).toBe(0);
  });

  async function adminAuthorization(): Promise<string> {
    const response = await fetch(`${system.payload.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: system.payload.adminEmail, password: system.payload.adminPassword }),
    });
    const { token } = (await response.json()) as { token?: string };
    if (!token) throw new Error('the admin could not sign in');
    return `JWT ${token}`;
  }
});
