import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createDinoStandIn } from '../../../local-services/dino/server';

const BASE = 'http://dino.test';
const control = (body: unknown) =>
  new Request(`${BASE}/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function upload(handler: ReturnType<typeof createDinoStandIn>): Promise<Response> {
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'a.png');
  return handler(new Request(`${BASE}/api/v1/upload-media`, { method: 'POST', body: form }));
}

describe('analysis stand-in faults and asset listing', () => {
  it('answers every request with a 503 and Retry-After at rate 1, stores nothing, and keeps health out of it', async () => {
    const handler = createDinoStandIn({ dataDir: await mkdtemp(path.join(tmpdir(), 'dino-faults-')), seed: 1 });
    expect((await handler(control({ rates: { '503': 1 } }))).status).toBe(200);
    const refused = await upload(handler);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect((await handler(new Request(`${BASE}/api/v1/health`))).status).toBe(200);
    expect(await (await handler(new Request(`${BASE}/_control/assets`))).json()).toEqual({ assetIds: [] });
  });

  it('answers FastAPI 500s at rate 1 and works again once the rates are cleared', async () => {
    const handler = createDinoStandIn({ dataDir: await mkdtemp(path.join(tmpdir(), 'dino-faults-')), seed: 1 });
    await handler(control({ rates: { '500': 1 } }));
    const failed = await upload(handler);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ detail: 'Internal server error' });
    await handler(new Request(`${BASE}/_control/faults`, { method: 'DELETE' }));
    const stored = await upload(handler);
    expect(stored.status).toBe(200);
    const { asset_id: assetId } = (await stored.json()) as { asset_id: string };
    expect(await (await handler(new Request(`${BASE}/_control/assets`))).json()).toEqual({ assetIds: [assetId] });
  });

  it('refuses rates that add up to more than 1', async () => {
    const handler = createDinoStandIn({ dataDir: await mkdtemp(path.join(tmpdir(), 'dino-faults-')) });
    expect((await handler(control({ rates: { '500': 0.6, '503': 0.6 } }))).status).toBe(400);
  });
});
