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
/** Generous: Payload, the worker, Temporal and Chromium share two cores. */
const STEP_TIMEOUT_MS = 60_000;

/**
 * What editors and reviewers do in the admin, in headless Chromium against the running system: sign in, create a
 * character, upload its master, press Generate 360° Core Set, watch the angles settle, approve a flagged image from
 * the review queue, request a production shot, filter the gallery by score. Screenshots go to test-artifacts/.
 * Every wait is for something the page shows, with a generous deadline; none is a fixed sleep.
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
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  async function signIn(role: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    await page.goto(`${system.payload.url}/admin/login`);
    await page.fill('#field-email', accounts[role]!.email);
    await page.fill('#field-password', accounts[role]!.password);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/admin(?!\/login)/);
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  const toast = (page: Page, text: string) => page.waitForSelector(`.payload-toast-item:has-text("${text}")`);
  const badge = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"] .cal-badge`).first();

  it('takes an editor from a new character to an approved core set and a production shot', async () => {
    const editor = await signIn('editor');
    // Payload's own account icon: the Gravatar image it shows by default cannot load without internet.
    await editor.waitForSelector('.app-header__account svg');
    expect(await editor.locator('.app-header__account img').count()).toBe(0);
    await shot(editor, '01-dashboard');

    await editor.goto(`${system.payload.url}/admin/collections/characters/create`);
    await editor.fill('#field-name', 'Lena Marsh');
    await editor.fill('#field-physicalDescription', 'Tall, auburn hair.').catch(() => undefined);
    await editor.click('#action-save');
    // A number on SQLite, an ObjectId (hex) on MongoDB; never the `create` the URL had before the save.
    const savedCharacterUrl = /\/admin\/collections\/characters\/([0-9a-f]+)(?:[/?#]|$)/;
    await editor.waitForURL(savedCharacterUrl);
    const characterId = editor.url().match(savedCharacterUrl)![1]!;

    // The master goes up through the REST API with the editor's session (the upload drawer is Payload's own UI).
    const master = await renderCharacter(randomLook(5150), 0, { width: 768, height: 1024 });
    const cookies = await editor.context().cookies();
    const token = cookies.find((cookie) => cookie.name === 'payload-token')!.value;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(master)], { type: 'image/png' }), 'lena.png');
    form.append('_payload', JSON.stringify({ alt: 'Lena master' }));
    const upload = await fetch(`${system.payload.url}/api/media`, {
      method: 'POST',
      headers: { authorization: `JWT ${token}` },
      body: form,
    });
    const mediaId = ((await upload.json()) as Json).doc.id;
    await fetch(`${system.payload.url}/api/characters/${characterId}`, {
      method: 'PATCH',
      headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ masterReferenceImage: mediaId }),
    });

    await editor.reload();
    // The sidebar: one read-only summary with labelled badges and run links, no wall of disabled raw inputs.
    await editor.waitForSelector('[data-testid="summary-master"] .cal-badge[data-status="ready"]');
    expect(await badge(editor, 'summary-master').innerText()).toBe('Ready');
    expect(await badge(editor, 'summary-core-set').innerText()).toBe('Not started');
    const runLink = await editor.locator('[data-testid="summary-master"] a.cal-summary__run').getAttribute('href');
    expect(runLink).toMatch(/\/namespaces\/[^/]+\/workflows\/master-reference%3A/);
    expect(await editor.locator('#field-masterIngest__dinoAssetId, #field-coreSet__runId, #field-lastError').count()).toBe(0);
    await shot(editor, '02a-character-sidebar');

    await editor.getByRole('button', { name: 'Reference Image Gallery' }).click();
    await editor.waitForSelector('[data-testid="master-status"][data-status="ready"]');
    await shot(editor, '02-master-ready');

    // One angle will keep failing so that a reviewer has something to decide.
    await queueFaults(
      system.gemini.url,
      [1, 2, 3].map(() => ({ fault: 'off_model', match: '(135°)' })),
    );
    await editor.click('button:has-text("Generate 360° Core Set")');
    await toast(editor, 'Core set: started');
    await editor.waitForSelector('[data-testid="angle-table"]');
    await shot(editor, '03-core-set-running');
    // One gallery, the cards, filling while the run works with no reload; the join table below it is gone.
    const cards = editor.locator('[data-testid="gallery-card"]');
    await waitFor('eight gallery badges', async () => (await cards.count()) === 8, 180_000, 500);
    await editor.waitForSelector('[data-testid="gallery-card"][data-status="awaiting_review"]');
    expect(await editor.locator('[data-testid="gallery-card"][data-status="passed"]').count()).toBe(7);
    expect(await editor.getByText('Character Image Gallery').count()).toBe(0);
    await shot(editor, '04-core-set-eight-badges');

    const reviewer = await signIn('reviewer');
    await reviewer.goto(`${system.payload.url}/admin/review-queue`);
    await reviewer.waitForSelector('[data-testid="queue-row"]');
    await shot(reviewer, '05-review-queue');
    await reviewer.fill('[data-testid="queue-row"] textarea', 'Back three-quarter view is acceptable.');
    await reviewer.click('[data-testid="queue-row"] button:has-text("Approve")');
    await toast(reviewer, 'Sent: approved');
    await waitFor(
      'the core set to complete',
      async () => {
        const { body } = await system.admin.request('GET', `/api/characters/${characterId}?depth=0`);
        return body.coreSet?.status === 'complete';
      },
      300_000,
      500,
    );
    await reviewer.reload();
    await reviewer.waitForSelector('[data-testid="queue-empty"]');

    // The editor's page follows the reviewer's decision by itself: panel, sidebar and gallery, no reload.
    await editor.waitForSelector('[data-testid="core-set-status"][data-status="complete"]');
    await editor.waitForSelector('[data-testid="summary-core-set"] .cal-badge[data-status="complete"]');
    await editor.waitForSelector('[data-testid="gallery-card"][data-status="approved"]');
    await editor.fill('#field-productionShot__prompt', 'Lena smiling, leather jacket, cinematic lighting');
    await editor.fill('#field-productionShot__shotType', 'medium');
    await editor.click('button:has-text("Request production shot")');
    const requested = await toast(editor, 'Production shot:');
    await shot(editor, '06a-production-shot-requested');
    expect(await requested.innerText()).toContain('Production shot: started');
    await waitFor('nine gallery images', async () => (await cards.count()) === 9, 300_000, 500);
    await editor.waitForSelector('img[alt="Turnaround sheet"]');
    await shot(editor, '06-production-shot-and-turnaround');

    await editor.goto(`${system.payload.url}/admin/collections/characters`);
    await editor.waitForSelector('.cal-badge[data-status="complete"]');
    expect(await editor.locator('tbody .cal-badge[data-status="complete"]').first().innerText()).toBe('Complete');
    await shot(editor, '06b-characters-list');

    const scoreFilter = `where[consistencyScore][greater_than]=80&where[character][equals]=${characterId}`;
    await editor.goto(`${system.payload.url}/admin/collections/character-images?${scoreFilter}`);
    await editor.waitForSelector('.cal-badge');
    await editor.waitForLoadState('networkidle');
    await shot(editor, '07-gallery-filtered-by-score');
    const rows = await editor.locator('tbody tr').count();
    const { body: expected } = await system.admin.request('GET', `/api/character-images?${scoreFilter}&limit=0`);
    expect(rows).toBe(expected.totalDocs);
    expect(rows).toBeGreaterThan(0);

    await editor.goto(`${system.payload.url}/admin/globals/qa-settings`);
    await editor.waitForSelector('[data-testid="review-evidence"] table');
    await shot(editor, '09-qa-settings');
  }, 900_000);

  it('shows a viewer no action buttons', async () => {
    const viewer = await signIn('viewer');
    const { body } = await system.admin.request('GET', '/api/characters?limit=1&depth=0');
    await viewer.goto(`${system.payload.url}/admin/collections/characters/${body.docs[0].id}`);
    await viewer.getByRole('button', { name: 'Reference Image Gallery' }).click();
    await viewer.waitForSelector('[data-testid="pipeline-panel"]');
    // The cards are where a reviewer's buttons would be: wait until they are there before looking for any.
    await viewer.waitForSelector('[data-testid="gallery-card"]');
    await shot(viewer, '08-viewer-no-buttons');
    expect(await viewer.locator('button:has-text("Generate 360° Core Set")').count()).toBe(0);
    expect(await viewer.locator('button:has-text("Request production shot")').count()).toBe(0);
    expect(await viewer.locator('button:has-text("Approve")').count()).toBe(0);
  }, 120_000);
});
