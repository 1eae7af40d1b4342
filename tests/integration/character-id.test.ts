import { startPayloadServer, type PayloadServer } from '../../test-system/payload-server';
import { RestSession } from '../../test-system/rest';
import { fromGlobalSetup } from '../support/from-global-setup';

/**
 * A character id is unique: a save that would reuse one answers 400 naming the field, on create and on update, on
 * every database (FerretDB v1 reports a unique violation on update as a raw error; the app checks first).
 */
describe('a character id in use', () => {
  let payload: PayloadServer;
  let admin: RestSession;

  beforeAll(async () => {
    const { temporalAddress, tmpDir } = fromGlobalSetup();
    payload = await startPayloadServer({ temporalAddress, tmpDir, env: {} });
    admin = await RestSession.login(payload.url, payload.adminEmail, payload.adminPassword);
  });

  afterAll(async () => {
    await payload?.stop();
  });

  it('is refused for a new character and for a renamed one, and both keep their ids', async () => {
    const first = await admin.request('POST', '/api/characters', { name: 'Mara Voss' });
    const second = await admin.request('POST', '/api/characters', { name: 'Tomas Reyes' });
    expect([first.status, second.status]).toEqual([201, 201]);

    const copy = await admin.request('POST', '/api/characters', { name: 'Another Mara', characterId: 'mara-voss' });
    expect(copy.status).toBe(400);
    expect(JSON.stringify(copy.body)).toContain('characterId');

    const renamed = await admin.request('PATCH', `/api/characters/${second.body.doc.id}`, { characterId: 'mara-voss' });
    expect(renamed.status).toBe(400);
    expect(JSON.stringify(renamed.body)).toContain('characterId');

    const { body: after } = await admin.request('GET', '/api/characters?depth=0&limit=10&sort=name');
    expect(after.docs.map((doc: { characterId: string }) => doc.characterId)).toEqual(['mara-voss', 'tomas-reyes']);
  });
});
