import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { randomLook, renderCharacter } from '../../local-services/gemini/renderer';
import { createCharacterWithMaster, waitForMasterReady, type CreatedCharacter } from '../../test-system/characters';
import { startTestSystem, type TestSystem } from '../../test-system/system';
import type { RestSession } from '../../test-system/rest';
import { workflowIds } from '../../contracts';
import { fromGlobalSetup } from '../support/from-global-setup';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STEP_TIMEOUT_MS = 60_000;
/** This machine's own name, as people on the LAN would use it; Chromium is told it is this machine. */
const LAN_NAME = os.hostname().toLowerCase();

/**
 * The admin, started with no PUBLIC_URL (as `npm start` runs it), used at three addresses of the same server:
 * 127.0.0.1 (the address the start script prints for health), localhost, and the machine's host name over plain
 * http, where browsers send no Sec-Fetch-Site (payload-app/proxy.ts). At each, a person signs in, sees the
 * master's thumbnails load, and starts a core set with the button. A page at a foreign origin stays signed out.
 */
describe('the admin at any address it is served from', () => {
  let system: TestSystem;
  let browser: Browser;
  let editor: RestSession;
  const characters: CreatedCharacter[] = [];
  const account = { email: 'editor-address@test.local', password: 'editor-Address-123' };

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    system = await startTestSystem(fromGlobalSetup());
    await system.startWorker();
    expect((await system.admin.request('POST', '/api/users', { ...account, role: 'editor', name: 'Address editor' })).status).toBe(201);
    editor = await system.session('editor');
    for (const [index, name] of ['Noor Vale', 'Pim Okafor', 'Ada Quist'].entries()) {
      const master = await renderCharacter(randomLook(8100 + index), 0, { width: 768, height: 1024 });
      const character = await createCharacterWithMaster(
        editor,
        { name },
        { bytes: master, filename: `${name}.png`, mimeType: 'image/png' },
      );
      await waitForMasterReady(system.temporal, character);
      characters.push(character);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        `--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`,
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  const port = () => new URL(system.payload.url).port;

  async function signIn(origin: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    await page.goto(`${origin}/admin/login`);
    await page.fill('#field-email', account.email);
    await page.fill('#field-password', account.password);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/admin(?!\/login)/);
    return page;
  }

  /** Every <img> on the page that has finished loading, with its decoded width (0 = broken). */
  const imageWidths = (page: Page) =>
    page.$$eval('img', (images) => images.map((image) => ({ src: image.currentSrc, complete: image.complete, width: image.naturalWidth })));

  it.each([
    ['127.0.0.1', 0],
    ['localhost', 1],
    [LAN_NAME, 2],
  ])(
    'works at http://%s',
    async (host, characterIndex) => {
      const origin = `http://${host}:${port()}`;
      const character = characters[characterIndex]!;
      const page = await signIn(origin);
      await page.goto(`${origin}/admin/collections/characters/${character.id}`);
      await page.getByRole('button', { name: 'Reference Image Gallery' }).click();
      const master = page.locator('img[alt="Master reference"]');
      await master.waitFor();
      await page.waitForFunction(() => [...document.images].every((image) => image.complete));
      const images = await imageWidths(page);
      expect(images.length).toBeGreaterThan(0);
      // Relative media URLs: each image comes from the address the page was opened at.
      for (const image of images) {
        expect(image.width).toBeGreaterThan(0);
        expect(new URL(image.src).origin).toBe(origin);
      }

      const started = page.waitForResponse((response) => response.url().endsWith(`/api/characters/${character.id}/core-set`));
      await page.click('button:has-text("Generate 360° Core Set")');
      expect((await started).status()).toBeLessThan(300);
      await page.waitForSelector('.payload-toast-item:has-text("Core set: started")');
      await page.waitForSelector('[data-testid="angle-table"]');
      await page.screenshot({ path: path.join(ARTIFACTS, `address-${host}.png`), fullPage: true });
      await page.context().close();
      // The app's log line for the start carries the run's ids (Payload's pino logger, one JSON object a line).
      const logged = system.payload
        .logs()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((line) => line.msg === 'core set started' && line.characterId === character.characterId);
      expect(logged).toMatchObject({ service: 'app', level: 'info', workflowId: workflowIds.coreSet(character.characterId) });
      expect(logged!.runId).toEqual(expect.any(String));
      // The run has shown it started; it need not take the two cores from the tests that run beside this one.
      await system.temporal.workflow.getHandle(workflowIds.coreSet(character.characterId)).cancel();
    },
    240_000,
  );

  it('treats a session cookie sent from a foreign page as signed out', async () => {
    const page = await signIn(system.payload.url);
    const token = (await page.context().cookies()).find((cookie) => cookie.name === 'payload-token')!.value;
    await page.context().close();
    const fromPage = (origin: string) =>
      fetch(`${system.payload.url}/api/users/me`, { headers: { cookie: `payload-token=${token}`, origin } }).then(
        async (response) => ((await response.json()) as { user: unknown }).user,
      );
    expect(await fromPage(`http://localhost:${port()}`)).not.toBeNull();
    expect(await fromPage('http://attacker.example')).toBeNull();
    // Another service on the same machine (the Temporal Web UI's port, say) is another origin too.
    expect(await fromPage(`http://localhost:${Number(port()) + 1}`)).toBeNull();
  }, 120_000);
});
