/**
 * Runs the in-browser raster checks (bench/canvas/check-page.ts) in headless Chromium and
 * exits non-zero on a failure. Traffic stays on 127.0.0.1.
 *
 *   npx tsx bench/canvas/check.ts
 */
import { chromium } from '@playwright/test';
// @ts-expect-error: a plain ES module shared with the setup scripts
import { chromiumLaunchOptions } from '../../scripts/browser.mjs';
import { serveBenchPages } from './serve';

const { server, origin } = await serveBenchPages();
const browser = await chromium.launch(chromiumLaunchOptions());
let failures: string[];
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${origin}/bench/canvas/check.html`);
  await page.waitForFunction(() => typeof window.runRasterChecks === 'function');
  failures = await page.evaluate(() => window.runRasterChecks());
} finally {
  await browser.close();
  await server.close();
}
if (failures.length) {
  console.error(`Raster checks: ${failures.length} failed\n${failures.map((f) => `  ✗ ${f}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('Raster checks: all passed');
}
