import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { randomLook, renderCharacter } from '../../local-services/gemini/renderer';
import { createCharacterWithMaster, waitForMasterReady, type CreatedCharacter } from '../../test-system/characters';
import { startReverseProxy, type ReverseProxy } from '../../test-system/reverse-proxy';
import { startTestSystem, type TestSystem } from '../../test-system/system';
import { workflowIds } from '../../contracts';
import { fromGlobalSetup } from '../support/from-global-setup';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PUBLIC_HOST = 'assets.studio.test';

/**
 * The admin behind a reverse proxy that rewrites Host (nginx's default `proxy_pass`), at a DNS name of its own set
 * as PUBLIC_URL. Chromium resolves the name to loopback; everything else is as a studio would run it.
 */
describe('the admin behind a reverse proxy', () => {
  let proxy: ReverseProxy;
  let system: TestSystem;
  let browser: Browser;
  let character: CreatedCharacter;
  let publicUrl: string;
  const account = { email: 'editor-proxy@test.local', password: 'editor-Proxy-123' };

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    proxy = await startReverseProxy();
    publicUrl = `http://${PUBLIC_HOST}:${proxy.port}`;
    system = await startTestSystem({ ...fromGlobalSetup(), payloadEnv: { PUBLIC_URL: publicUrl } });
    proxy.setUpstream(system.payload.url);
    await system.startWorker();
    expect((await system.admin.request('POST', '/api/users', { ...account, role: 'editor' })).status).toBe(201);
    const master = await renderCharacter(randomLook(8300), 0, { width: 768, height: 1024 });
    const editor = await system.session('editor');
    character = await createCharacterWithMaster(
      editor,
      { name: 'Rue Castell' },
      { bytes: master, filename: 'rue.png', mimeType: 'image/png' },
    );
    await waitForMasterReady(system.temporal, character);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', `--host-resolver-rules=MAP ${PUBLIC_HOST} 127.0.0.1`],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await proxy?.close();
  });

  it('signs in, shows the thumbnails and starts a core set at the public URL', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.goto(`${publicUrl}/admin/login`);
    await page.fill('#field-email', account.email);
    await page.fill('#field-password', account.password);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/admin(?!\/login)/);
    await page.goto(`${publicUrl}/admin/collections/characters/${character.id}`);
    await page.getByRole('button', { name: 'Reference Image Gallery' }).click();
    await page.locator('img[alt="Master reference"]').waitFor();
    await page.waitForFunction(() => [...document.images].every((image) => image.complete));
    const images = await page.$$eval('img', (all) => all.map((image) => ({ src: image.currentSrc, width: image.naturalWidth })));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      expect(image.width).toBeGreaterThan(0);
      expect(new URL(image.src).origin).toBe(publicUrl);
    }
    await page.click('button:has-text("Generate 360° Core Set")');
    await page.waitForSelector('.payload-toast-item:has-text("Core set: started")');
    await page.waitForSelector('[data-testid="angle-table"]');
    await page.screenshot({ path: path.join(ARTIFACTS, 'address-behind-proxy.png'), fullPage: true });
    await context.close();
    // The run has shown it started; it need not take the two cores from the tests that run beside this one.
    await system.temporal.workflow.getHandle(workflowIds.coreSet(character.characterId)).cancel();
  }, 240_000);
});
