import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPathragClient } from '../../../clients/pathrag';
import { PermanentServiceError, TransientServiceError } from '../../../clients/errors';
import { startPathragStandIn } from '../../../local-services/pathrag/server';
import type { RunningServer } from '../../../local-services/http/http-server';

describe('PathRAG client and stand-in', () => {
  let server: RunningServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'pathrag-'));
    server = await startPathragStandIn({ port: 0, dataDir });
  });
  afterAll(() => server.close());

  const control = (route: string, body: unknown) =>
    fetch(`${server.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('inserts, de-duplicates identical text, and retrieves by relevance', async () => {
    const client = createPathragClient({ baseUrl: server.url });
    expect(await client.health()).toEqual({ healthy: true });
    expect(
      await client.insert([
        'Character: Ada\n\n## Biography\nAda repairs clocks in the harbour district.',
        'Character: Bo\n\n## Biography\nBo sails cargo ships.',
      ]),
    ).toEqual({ documentCount: 2 });
    expect(await client.insert('Character: Bo\n\n## Biography\nBo sails cargo ships.')).toEqual({ documentCount: 0 });
    const { answer } = await client.query('Who repairs clocks?');
    expect(answer.split('\n\n')[0]).toContain('Ada repairs clocks');
  });

  it('keeps documents across a restart', async () => {
    await server.close();
    server = await startPathragStandIn({ port: 0, dataDir });
    expect((await createPathragClient({ baseUrl: server.url }).query('cargo ships')).answer).toContain('Bo sails');
  });

  it('classifies 504 and outages as transient, a bad request as permanent', async () => {
    const client = createPathragClient({ baseUrl: server.url });
    await control('/_control/faults', { queue: [{ fault: '504', route: 'insert' }] });
    await expect(client.insert('x y z')).rejects.toBeInstanceOf(TransientServiceError);
    await control('/_control/health', { healthy: false });
    expect(await client.health()).toEqual({ healthy: false });
    await expect(client.query('anything')).rejects.toBeInstanceOf(TransientServiceError);
    await control('/_control/health', { healthy: true });
    await expect(client.insert([])).rejects.toBeInstanceOf(PermanentServiceError);
  });
});
