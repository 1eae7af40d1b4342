import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { createDinoStandIn } from '../../local-services/dino/server';
import { serveFetchHandler, type RunningServer } from '../../local-services/http/http-server';
import { startPayloadServer, type PayloadServer } from '../../test-system/payload-server';
import { waitFor } from '../../test-system/ports';
import { fromGlobalSetup } from '../support/from-global-setup';

const CACHE_SECONDS = 3;
/** The longest a single dependency check may take (CHECK_TIMEOUT_MS in payload-app/endpoints/health.ts). */
const CHECK_TIMEOUT_MS = 4_000;

interface HealthBody {
  status: string;
  down: string[];
  checks: Record<string, { status: string; detail?: string }>;
  checkedAt: string;
}

/**
 * GET /api/health against the real app: polled by many callers it checks its dependencies once per cache window,
 * and an analysis service that goes away shows as down, by name and with 503, within that window.
 */
describe('GET /api/health', () => {
  let payload: PayloadServer;
  let analysis: RunningServer;
  let analysisHealthCalls = 0;

  beforeAll(async () => {
    const { temporalAddress, tmpDir } = fromGlobalSetup();
    const standIn = createDinoStandIn({ dataDir: await mkdtemp(path.join(tmpDir, 'health-dino-')) });
    analysis = await serveFetchHandler(
      (request) => {
        if (new URL(request.url).pathname.endsWith('/health')) analysisHealthCalls++;
        return standIn(request);
      },
      { port: 0 },
    );
    // No worker polls this app's task queue: "worker" is down throughout, which the report must say by name.
    payload = await startPayloadServer({
      temporalAddress,
      tmpDir,
      env: { DINO_BASE_URL: analysis.url, HEALTH_CACHE_SECONDS: String(CACHE_SECONDS) },
    });
  });

  afterAll(async () => {
    await payload?.stop();
  });

  const health = async () => {
    const response = await fetch(`${payload.url}/api/health`);
    return { status: response.status, body: (await response.json()) as HealthBody };
  };

  it('names what is down and answers 503', async () => {
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.down).toEqual(['worker']);
    expect(body.checks.worker!.detail).toMatch(/no worker is polling/);
    expect(body.checks).toMatchObject({ database: { status: 'up' }, temporal: { status: 'up' }, analysisService: { status: 'up' } });
  });

  it('checks the dependencies once for many concurrent callers within the window', async () => {
    // Wait for a fresh window, so all callers below land inside it.
    const first = await health();
    await waitFor('a new health window', async () => (await health()).body.checkedAt !== first.body.checkedAt, 30_000, 200);
    const callsBefore = analysisHealthCalls;
    const answers = await Promise.all(Array.from({ length: 40 }, () => health()));
    const reports = new Set(answers.map((answer) => answer.body.checkedAt));
    // At most one window boundary can fall inside the burst.
    expect(reports.size).toBeLessThanOrEqual(2);
    expect(analysisHealthCalls - callsBefore).toBeLessThanOrEqual(reports.size);
  });

  it('shows the analysis service down within the cache window once it stops', async () => {
    await analysis.close();
    const stoppedAt = Date.now();
    const afterStop: HealthBody[] = [];
    await waitFor(
      'the analysis service to show as down',
      async () => {
        const { body } = await health();
        if (Date.parse(body.checkedAt) >= stoppedAt) afterStop.push(body);
        return body.down.includes('analysisService');
      },
      60_000,
      200,
    );
    const elapsed = Date.now() - stoppedAt;
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.down).toEqual(['worker', 'analysisService']);
    expect(body.checks.database!.status).toBe('up');
    // Every report whose checks began after the stop saw it.
    for (const report of afterStop) expect(report.down).toContain('analysisService');
    // The window, one check's time limit, and slack for a busy two-core machine.
    expect(elapsed).toBeLessThan(CACHE_SECONDS * 1000 + CHECK_TIMEOUT_MS + 8_000);
    console.log(`analysis service shown down ${elapsed} ms after it stopped (cache window ${CACHE_SECONDS} s)`);
  });
});
