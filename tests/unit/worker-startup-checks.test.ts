import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DinoClient } from '../../clients/dino';
import type { ImageModelClient } from '../../clients/gemini';
import { WORKER_PREVIOUS_KEY_SYSTEM_ACCOUNT, WORKER_SYSTEM_ACCOUNT } from '../../contracts';
import { checkDependencies } from '../../workers/startup-checks';

/** Payload's `GET /api/users/me` as it answers for the worker's key, with the account that key belongs to. */
async function payloadAnswering(user: Record<string, unknown>): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(request.url === '/api/users/me' ? { user } : {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const dino = { health: async () => ({ healthy: true }) } as unknown as DinoClient;
const imageModel = { checkModel: async () => ({ name: 'gemini-3.1-flash-image' }) } as unknown as ImageModelClient;

describe("the worker's start-up check of its account", () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));
  const check = async (user: Record<string, unknown>) => {
    const payload = await payloadAnswering(user);
    servers.push(payload.server);
    return checkDependencies({ payloadUrl: payload.url, apiKey: 'k'.repeat(24), dino, imageModel, waitMs: 2_000 });
  };

  it('runs with the key of the account the system made for it', async () => {
    await expect(check({ id: 2, role: 'service', systemAccount: WORKER_SYSTEM_ACCOUNT })).resolves.toBeUndefined();
  });

  it('runs with the previous key during a key rotation (the second account the system made)', async () => {
    await expect(check({ id: 5, role: 'service', systemAccount: WORKER_PREVIOUS_KEY_SYSTEM_ACCOUNT })).resolves.toBeUndefined();
  });

  it('refuses a service account the system did not make', async () => {
    await expect(check({ id: 7, role: 'service', systemAccount: null })).rejects.toThrow(/did not create/);
  });

  it("refuses a person's key", async () => {
    await expect(check({ id: 9, role: 'viewer' })).rejects.toThrow(/not the key of a Payload service user/);
  });
});
