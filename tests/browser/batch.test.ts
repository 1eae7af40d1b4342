import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { randomLook, renderCharacter } from '../../local-services/gemini/renderer';
import { createCharacterWithMaster, waitForMasterReady } from '../../test-system/characters';
import { startTestSystem, type TestSystem } from '../../test-system/system';
import { fromGlobalSetup } from '../support/from-global-setup';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Generous: Payload, the worker, Temporal and Chromium share two cores. */
const STEP_TIMEOUT_MS = 90_000;

/** The Characters list: tick characters, press Generate core sets, watch the batch finish with the skipped one listed. */
describe('core-set batch in the admin list view', () => {
  let system: TestSystem;
  let browser: Browser;
  const account = { email: 'batch-editor@test.local', password: 'batch-Password-123' };

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    system = await startTestSystem(fromGlobalSetup());
    await system.startWorker();
    const created = await system.admin.request('POST', '/api/users', { ...account, role: 'editor', name: 'Batch editor' });
    expect(created.status).toBe(201);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  async function signIn(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    await page.goto(`${system.payload.url}/admin/login`);
    await page.fill('#field-email', account.email);
    await page.fill('#field-password', account.password);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/admin(?!\/login)/);
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  it('starts one batch for the ticked characters and shows its progress and the skipped one', async () => {
    const editor = await system.session('editor');
    const names = ['Gia Listview', 'Hux Listview'];
    for (const [index, name] of names.entries()) {
      const master = await renderCharacter(randomLook(500 + index), 0, { width: 768, height: 1024 });
      const character = await createCharacterWithMaster(
        editor,
        { name, physicalDescription: 'Small, with a yellow raincoat.' },
        { bytes: master, filename: `${name}.png`, mimeType: 'image/png' },
      );
      await waitForMasterReady(system.temporal, character);
    }
    expect((await editor.request('POST', '/api/characters', { name: 'Ivo Nomaster' })).status).toBe(201);

    const page = await signIn();
    await page.goto(`${system.payload.url}/admin/collections/characters`);
    const generate = page.getByRole('button', { name: /Generate core sets/ });
    await generate.waitFor();
    expect(await generate.isDisabled()).toBe(true);
    for (const name of [...names, 'Ivo Nomaster']) await page.locator(`tr:has-text("${name}") .select-row input[type="checkbox"]`).check();
    await page.getByRole('button', { name: 'Generate core sets (3)' }).click();
    await page.waitForSelector('[data-testid="batch-character"][data-state="skipped"]:has-text("No ingested master reference")');
    await shot(page, 'batch-01-running');
    await page.waitForSelector('[data-testid="batch-summary"]:has-text("2 of 3 done")', { timeout: 5 * 60_000 });
    expect(await page.locator('[data-testid="batch-character"][data-state="complete"]').count()).toBe(2);
    // The list below follows without a reload: both rows' core-set column reads Complete.
    for (const name of names) await page.waitForSelector(`tr:has-text("${name}") .cal-badge[data-status="complete"]`);
    await shot(page, 'batch-02-finished');
  });
});
