import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createDinoClient } from '../../clients/dino';
import { createImageModelClient } from '../../clients/gemini';
import { createPathragClient } from '../../clients/pathrag';
import { createPayloadRestClient } from '../../clients/payload/client';
import { searchAttributeFlags } from '../../contracts';
import { startDinoStandIn } from '../../local-services/dino/server';
import { startGeminiStandIn } from '../../local-services/gemini/server';
import { startPathragStandIn } from '../../local-services/pathrag/server';
import type { RunningServer } from '../../local-services/http/http-server';
import { renderCharacter, randomLook } from '../../local-services/gemini/renderer';
import { createProcessWorkers, runProcessWorkers } from '../../workers/process-workers';
import { createCharacterWithMaster } from '../../test-system/characters';
import { startPayloadServer, type PayloadServer } from '../../test-system/payload-server';
import { freePort, waitFor, waitForPort } from '../../test-system/ports';
import { RestSession } from '../../test-system/rest';
import { fromGlobalSetup } from '../support/from-global-setup';

/**
 * The outbox: with Temporal away, saves that need a workflow still succeed, and their workflows start by themselves
 * once Temporal is back, with no further save. Payload is pointed at a Temporal address of its own that nothing
 * listens on until the test starts a dev server there.
 */
describe('saves while Temporal is away', () => {
  let temporalPort: number;
  let payload: PayloadServer;
  let dino: RunningServer;
  let gemini: RunningServer;
  let pathrag: RunningServer;
  let temporalServer: ChildProcess | undefined;
  let worker: { workers: Worker[]; run: Promise<unknown>; connection: NativeConnection } | undefined;

  beforeAll(async () => {
    const { tmpDir } = fromGlobalSetup();
    const tmp = await mkdtemp(path.join(tmpDir, 'outbox-'));
    temporalPort = await freePort();
    dino = await startDinoStandIn({ port: 0, dataDir: path.join(tmp, 'dino') });
    gemini = await startGeminiStandIn({ port: 0, apiKey: 'k', latencyMs: 0, seed: 3 });
    pathrag = await startPathragStandIn({ port: 0, dataDir: path.join(tmp, 'pathrag') });
    payload = await startPayloadServer({
      temporalAddress: `127.0.0.1:${temporalPort}`,
      tmpDir,
      env: { DINO_BASE_URL: dino.url, PATHRAG_BASE_URL: pathrag.url },
    });
  });

  afterAll(async () => {
    if (worker) {
      for (const running of worker.workers) if (running.getState() === 'RUNNING') running.shutdown();
      await worker.run.catch(() => undefined);
      await worker.connection.close();
    }
    if (temporalServer?.pid && temporalServer.exitCode === null) process.kill(-temporalServer.pid, 'SIGKILL');
    await payload?.stop();
    await Promise.all([dino?.close(), gemini?.close(), pathrag?.close()]);
  });

  it('saves a master and a persona at once, and both complete once Temporal returns, with no further save', async () => {
    const admin = await RestSession.login(payload.url, payload.adminEmail, payload.adminPassword);
    const started = Date.now();
    const character = await createCharacterWithMaster(
      admin,
      { name: 'Ola Brandvold', biography: 'A lighthouse keeper who maps storms.' },
      { bytes: await renderCharacter(randomLook(77), 0, { width: 768, height: 1024 }), filename: 'ola.png', mimeType: 'image/png' },
    );
    // No half-save and no waiting: the save answered, with the ingest queued and the persona pending.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(character.doc.masterIngest.status).toBe('queued');
    expect(character.doc.personaSync.status).toBe('pending');

    temporalServer = spawn(
      process.env.TEMPORAL_CLI_PATH!,
      [
        'server',
        'start-dev',
        '--db-filename',
        path.join(fromGlobalSetup().tmpDir, `outbox-${temporalPort}.db`),
        '--ip',
        '127.0.0.1',
        '--port',
        String(temporalPort),
        '--ui-port',
        String(await freePort()),
        '--headless',
        '--log-level',
        'error',
        ...searchAttributeFlags(),
      ],
      { stdio: ['ignore', 'ignore', 'inherit'], detached: true },
    );
    await waitForPort('127.0.0.1', temporalPort, 60_000);
    // An open port is not a ready frontend: on a busy machine it answers "not healthy yet" for a while.
    const connection = await waitFor(
      'the Temporal frontend to accept a worker',
      () => NativeConnection.connect({ address: `127.0.0.1:${temporalPort}` }),
      60_000,
      500,
    );
    const deps = {
      payload: createPayloadRestClient({ baseUrl: payload.url, apiKey: payload.workerApiKey }),
      dino: createDinoClient({ baseUrl: dino.url }),
      imageModel: createImageModelClient({ apiKey: 'k', model: 'gemini-3.1-flash-image', baseUrl: gemini.url }),
      pathrag: createPathragClient({ baseUrl: pathrag.url }),
      imageModelId: 'gemini-3.1-flash-image',
      temporalUiUrl: 'http://localhost:8233',
      namespace: 'default',
    };
    const workers = await createProcessWorkers({
      connection,
      namespace: 'default',
      taskQueue: payload.taskQueue,
      workflowBundlePath: fromGlobalSetup().workflowBundlePath,
      deps,
    });
    worker = { workers, run: runProcessWorkers(workers), connection };

    const settled = await waitFor(
      'the ingest and the persona sync to finish after Temporal returned',
      async () => {
        const { body } = await admin.request('GET', `/api/characters/${character.id}?depth=0`);
        return body.masterIngest?.status === 'ready' && body.personaSync?.status === 'synced' ? body : undefined;
      },
      180_000,
      1_000,
    );
    expect(settled.masterIngest.dinoAssetId).toBeTruthy();
  });
});
