import { chromium } from 'playwright-core';
import { percentile } from './percentiles';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface AdminListTiming {
  p50: number;
  p95: number;
  rows: number;
}

/**
 * Time from navigating to the gallery's admin list until its table shows rows, signed in as `token`, in headless
 * Chromium. The first load (compiling nothing: `next start`, but cold caches) is not counted.
 */
export async function timeAdminList(baseUrl: string, token: string, loads: number): Promise<AdminListTiming> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const { hostname } = new URL(baseUrl);
    await context.addCookies([{ name: 'payload-token', value: token, domain: hostname, path: '/', httpOnly: true }]);
    const page = await context.newPage();
    const durations: number[] = [];
    let rows = 0;
    for (let i = -1; i < loads; i++) {
      const started = performance.now();
      await page.goto(`${baseUrl}/admin/collections/character-images`, { waitUntil: 'commit' });
      await page.waitForSelector('.table tbody tr', { timeout: 60_000 });
      const elapsed = performance.now() - started;
      if (i >= 0) durations.push(elapsed);
      rows = await page.locator('.table tbody tr').count();
    }
    return { p50: percentile(durations, 50), p95: percentile(durations, 95), rows };
  } finally {
    await browser.close();
  }
}
