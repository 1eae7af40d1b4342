import { createDinoClient } from '../../../clients/dino';
import { TransientServiceError } from '../../../clients/errors';
import { json, serveFetchHandler, type RunningServer } from '../../../local-services/http/http-server';

/** The engine id belongs to the vector: never from a cached health answer, never made up. */
describe('DINOv3 client: which engine made the features', () => {
  let server: RunningServer;
  let model = 'facebook/model-a';
  let healthStatus = 200;
  let featuresAnswer: Record<string, unknown> = {};
  const routes: string[] = [];
  beforeAll(async () => {
    server = await serveFetchHandler(
      (request) => {
        const { pathname } = new URL(request.url);
        routes.push(pathname);
        if (pathname === '/api/v1/health') return json({ status: 'healthy', model: { loaded: true, model_name: model } }, healthStatus);
        return json({ asset_id: 'a', features: [0.1, 0.2], ...featuresAnswer });
      },
      { port: 0 },
    );
  });
  afterAll(() => server.close());
  beforeEach(() => {
    routes.length = 0;
    healthStatus = 200;
    featuresAnswer = {};
    model = 'facebook/model-a';
  });

  it('reads a fresh health answer when the features do not name their model, whatever is cached', async () => {
    const client = createDinoClient({ baseUrl: server.url, healthCacheMs: 60_000 });
    expect((await client.health()).modelName).toBe('model-a');
    model = 'facebook/model-b';
    expect((await client.health()).modelName).toBe('model-a');
    expect((await client.extractFeatures('a')).engineId).toBe('model-b');
    expect(routes).toEqual(['/api/v1/health', '/api/v1/extract-features', '/api/v1/health']);
  });

  it('believes the model the features answer names, without asking health', async () => {
    featuresAnswer = { model_name: 'facebook/model-c' };
    expect((await createDinoClient({ baseUrl: server.url }).extractFeatures('a')).engineId).toBe('model-c');
    expect(routes).toEqual(['/api/v1/extract-features']);
  });

  it('keeps an unavailable health route a transient error during extraction, while health() just reads unhealthy', async () => {
    healthStatus = 503;
    const client = createDinoClient({ baseUrl: server.url, healthCacheMs: 0 });
    await expect(client.extractFeatures('a')).rejects.toBeInstanceOf(TransientServiceError);
    expect(await client.health()).toEqual({ healthy: false });
  });
});
