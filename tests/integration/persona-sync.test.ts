import { recordHistory } from '../support/histories';
import { workflowIds } from '../../contracts';
import { waitFor } from '../../test-system/ports';
import type { RestSession } from '../../test-system/rest';
import { startTestSystem, type TestSystem } from '../../test-system/system';
import { fromGlobalSetup } from '../support/from-global-setup';
import type { Json } from '../../test-system/json';

async function control(url: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json() as Promise<Json>;
}

/** Persona saves reach the PathRAG stand-in through the debounced per-character workflow, never inside a save. */
describe('persona sync to PathRAG', () => {
  let system: TestSystem;
  let editor: RestSession;

  beforeAll(async () => {
    system = await startTestSystem(fromGlobalSetup());
    await system.startWorker();
    editor = await system.session('editor');
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function characterState(id: number | string) {
    return (await editor.request('GET', `/api/characters/${id}?depth=0`)).body;
  }

  async function waitSynced(id: number | string) {
    return waitFor(
      'persona synced',
      async () => {
        const doc = await characterState(id);
        return doc.personaSync?.status === 'synced' ? doc : undefined;
      },
      60_000,
      300,
    );
  }

  it('turns ten quick saves into one insert, and an unchanged save into none', async () => {
    const before = await control(system.pathrag.url, '/_control/stats');
    const created = await editor.request('POST', '/api/characters', { name: 'Nia Stone', biography: 'Version 0.' });
    const id = created.body.doc.id;
    for (let version = 1; version <= 10; version++) {
      const saved = await editor.request('PATCH', `/api/characters/${id}`, { biography: `Version ${version}.` });
      expect(saved.status).toBe(200);
    }
    const synced = await waitSynced(id);
    const afterBurst = await control(system.pathrag.url, '/_control/stats');
    expect(afterBurst.newDocuments - before.newDocuments).toBe(1);
    expect(synced.personaSync.documentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(synced.personaSync.workflowId).toBe(workflowIds.personaSync('nia-stone'));

    const unchanged = await editor.request('PATCH', `/api/characters/${id}`, { status: 'active' });
    expect(unchanged.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const afterNoop = await control(system.pathrag.url, '/_control/stats');
    expect(afterNoop.inserts).toBe(afterBurst.inserts);

    const answer = await editor.request('POST', '/api/characters/query', { question: 'What is in Nia Stone biography?' });
    expect(answer.status).toBe(200);
    expect(answer.body.answer).toContain('Version 10');
    await recordHistory(system.temporal, workflowIds.personaSync('nia-stone'), 'persona-sync-burst');
  });

  it('retries a 504 from PathRAG and ends synced', async () => {
    await control(system.pathrag.url, '/_control/faults', { queue: [{ fault: '504', route: 'insert' }] });
    const created = await editor.request('POST', '/api/characters', { name: 'Oren Pike', personality: 'Stubborn.' });
    const synced = await waitSynced(created.body.doc.id);
    expect(synced.personaSync.error ?? null).toBeNull();
  });

  it('round-trips unusual text', async () => {
    const biography = `He said "hello" — and left.\nLine two with emoji 🐉 and ünïcödé.\n\n${'Long biography sentence about the dragon keeper. '.repeat(1200)}`;
    const created = await editor.request('POST', '/api/characters', {
      name: 'Quinn "Q" O\'Hara',
      biography,
      relationships: [{ name: 'Mira Vale', relation: 'sister of' }],
    });
    expect({ status: created.status, body: created.status === 201 ? 'created' : created.body }).toEqual({ status: 201, body: 'created' });
    await waitSynced(created.body.doc.id);
    const answer = await editor.request('POST', '/api/characters/query', { question: 'Who keeps the dragon 🐉?' });
    expect(answer.body.answer).toMatch(/dragon keeper/);
  });

  it('removes the entity from the knowledge base when the character is deleted', async () => {
    const created = await editor.request('POST', '/api/characters', { name: 'Tess Ward', personality: 'Careful.' });
    await waitSynced(created.body.doc.id);
    expect((await system.admin.request('DELETE', `/api/characters/${created.body.doc.id}`)).status).toBe(200);
    await waitFor(
      'the entity removal',
      async () => (await control(system.pathrag.url, '/_control/stats')).deletedEntities.includes('TESS WARD'),
      30_000,
      300,
    );
    const removal = await system.temporal.workflow.getHandle(workflowIds.personaRemove('tess-ward')).describe();
    expect(removal.type).toBe('personaRemoveWorkflow');
  });

  it('saves while PathRAG is down, and catches up when it returns', async () => {
    await control(system.pathrag.url, '/_control/health', { healthy: false });
    try {
      const started = Date.now();
      const created = await editor.request('POST', '/api/characters', { name: 'Rui Sato', voice: 'Soft.' });
      expect(created.status).toBe(201);
      expect(Date.now() - started).toBeLessThan(5_000);
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      expect((await characterState(created.body.doc.id)).personaSync.status).not.toBe('synced');
    } finally {
      await control(system.pathrag.url, '/_control/health', { healthy: true });
    }
    const { body: list } = await editor.request('GET', '/api/characters?where[characterId][equals]=rui-sato&depth=0');
    await waitSynced(list.docs[0].id);
  });
});
