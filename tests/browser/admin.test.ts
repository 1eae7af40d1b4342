import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { randomLook, renderCharacter } from '../../local-services/gemini/renderer';
import { queueFaults } from '../../test-system/gemini-control';
import { waitFor } from '../../test-system/ports';
import { startTestSystem, type TestSystem } from '../../test-system/system';
import { fromGlobalSetup } from '../support/from-global-setup';
import type { Json } from '../../test-system/json';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * What editors and reviewers do in the admin, in headless Chromium against the running system: sign in, create a
 * character, upload its master, press Generate 360° Core Set, watch the angles settle, approve a flagged image from
 * the review queue, request a production shot, filter the gallery by score. Screenshots go to test-artifacts/.
 */
describe('admin in a browser', () => {
  let system: TestSystem;
  let browser: Browser;
  const accounts: Record<string, { email: string; password: string }> = {};

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    system = await startTestSystem(fromGlobalSetup());
    await system.startWorker();
    for (const role of ['editor', 'reviewer', 'viewer'] as const) {
      const email = `${role}-ui@test.local`;
      const password = `${role}-Password-123`;
      const created = await system.admin.request('POST', '/api/users', { email, password, role, name: `${role} user` });
      expect(created.status).toBe(201);
      accounts[role] = { email, password };
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  async function signIn(role: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${system.payload.url}/admin/login`);
    await page.fill('#field-email', accounts[role]!.email);
    await page.fill('#field-password', accounts[role]!.password);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/admin(?!\/login)/, { timeout: 30_000 });
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  it('takes an editor from a new character to an approved core set and a production shot', async () => {
    const editor = await signIn('editor');
    await shot(editor, '01-dashboard');

    await editor.goto(`${system.payload.url}/admin/collections/characters/create`);
    await editor.fill('#field-name', 'Lena Marsh');
    await editor.fill('#field-physicalDescription', 'Tall, auburn hair.').catch(() => undefined);
    await editor.click('#action-save');
    await editor.waitForURL(/\/admin\/collections\/characters\/\d+/, { timeout: 30_000 });
    const characterId = editor.url().match(/characters\/(\d+)/)![1]!;

    // The master goes up through the REST API with the editor's session (the upload drawer is Payload's own UI).
    const master = await renderCharacter(randomLook(5150), 0, { width: 768, height: 1024 });
    const cookies = await editor.context().cookies();
    const token = cookies.find((cookie) => cookie.name === 'payload-token')!.value;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(master)], { type: 'image/png' }), 'lena.png');
    form.append('_payload', JSON.stringify({ alt: 'Lena master' }));
    const upload = await fetch(`${system.payload.url}/api/media`, { method: 'POST', headers: { authorization: `JWT ${token}` }, body: form });
    const mediaId = ((await upload.json()) as Json).doc.id;
    await fetch(`${system.payload.url}/api/characters/${characterId}`, { method: 'PATCH', headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ masterReferenceImage: mediaId }) });

    await editor.reload();
    await editor.getByRole('button', { name: 'Reference Image Gallery' }).click();
    await editor.waitForSelector('[data-testid="master-status"]:has-text("ready")', { timeout: 60_000 });
    await shot(editor, '02-master-ready');

    // One angle will keep failing so that a reviewer has something to decide.
    await queueFaults(system.gemini.url, [1, 2, 3].map(() => ({ fault: 'off_model', match: '(135°)' })));
    await editor.click('button:has-text("Generate 360° Core Set")');
    await editor.waitForSelector('[data-testid="angle-table"]', { timeout: 30_000 });
    await shot(editor, '03-core-set-running');
    await waitFor('eight gallery badges', async () => (await editor.locator('[data-testid="gallery-card"]').count()) === 8, 120_000, 1000);
    await editor.waitForSelector('[data-testid="gallery-card"][data-status="awaiting_review"]', { timeout: 30_000 });
    expect(await editor.locator('[data-testid="gallery-card"][data-status="passed"]').count()).toBe(7);
    await shot(editor, '04-core-set-eight-badges');

    const reviewer = await signIn('reviewer');
    await reviewer.goto(`${system.payload.url}/admin/review-queue`);
    await reviewer.waitForSelector('[data-testid="queue-row"]');
    await shot(reviewer, '05-review-queue');
    await reviewer.fill('[data-testid="queue-row"] textarea[aria-label="Review note"]', 'Back three-quarter view is acceptable.');
    await reviewer.click('[data-testid="queue-row"] button:has-text("Approve")');
    await reviewer.waitForSelector('[role="status"]:has-text("Sent: approve")');
    await waitFor('the core set to complete', async () => {
      const { body } = await system.admin.request('GET', `/api/characters/${characterId}?depth=0`);
      return body.coreSet?.status === 'complete';
    }, 60_000, 500);
    await reviewer.reload();
    await reviewer.waitForSelector('[data-testid="queue-empty"]');

    await editor.reload();
    await editor.getByRole('button', { name: 'Reference Image Gallery' }).click();
    await editor.waitForSelector('[data-testid="core-set-status"]:has-text("complete")', { timeout: 30_000 });
    await editor.fill('input[aria-label="Shot prompt"]', 'Lena smiling, leather jacket, cinematic lighting');
    await editor.fill('input[aria-label="Shot type"]', 'medium');
    await editor.click('button:has-text("Request production shot")');
    await editor.waitForSelector('[data-testid="pipeline-message"]:has-text("Production shot:")');
    await shot(editor, '06a-production-shot-requested');
    expect(await editor.locator('[data-testid="pipeline-message"]').innerText()).toBe('Production shot: started');
    await waitFor('nine gallery images', async () => (await editor.locator('[data-testid="gallery-card"]').count()) === 9, 60_000, 1000);
    await editor.waitForSelector('img[alt="Turnaround sheet"]');
    await shot(editor, '06-production-shot-and-turnaround');

    await editor.goto(`${system.payload.url}/admin/collections/character-images?where[consistencyScore][greater_than]=80&where[character][equals]=${characterId}`);
    await editor.waitForSelector('.cal-badge');
    await editor.waitForLoadState('networkidle');
    await shot(editor, '07-gallery-filtered-by-score');
    const rows = await editor.locator('tbody tr').count();
    const { body: expected } = await system.admin.request('GET', `/api/character-images?where[consistencyScore][greater_than]=80&where[character][equals]=${characterId}&limit=0`);
    expect(rows).toBe(expected.totalDocs);
    expect(rows).toBeGreaterThan(0);
  }, 300_000);

  it('shows a viewer no action buttons', async () => {
    const viewer = await signIn('viewer');
    const { body } = await system.admin.request('GET', '/api/characters?limit=1&depth=0');
    await viewer.goto(`${system.payload.url}/admin/collections/characters/${body.docs[0].id}`);
    await viewer.getByRole('button', { name: 'Reference Image Gallery' }).click();
    await viewer.waitForSelector('[data-testid="pipeline-panel"]');
    await shot(viewer, '08-viewer-no-buttons');
    expect(await viewer.locator('button:has-text("Generate 360° Core Set")').count()).toBe(0);
    expect(await viewer.locator('button:has-text("Request production shot")').count()).toBe(0);
    expect(await viewer.locator('button:has-text("Approve")').count()).toBe(0);
  }, 120_000);
});
