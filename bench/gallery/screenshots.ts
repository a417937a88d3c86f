/**
 * Screenshots of the gallery for a look by eye: empty state, grid with mixed
 * records, detail dialogs, clear-all confirmation, storage-full alert, tablet
 * width. Run: npx tsx bench/gallery/screenshots.ts [outDir] (default .bench-out/gallery,
 * which git ignores).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { openBench, reload } from './serve';

const outDir = resolve(process.argv[2] ?? '.bench-out/gallery');

async function settle(page: Page) {
  await page.evaluate(() => window.galleryBench.frames(4));
  await page.waitForFunction(() => !document.querySelector('[data-gallery-tile] [data-thumb-pending]'));
  await page.waitForTimeout(250);
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const session = await openBench({ width: 1280, height: 860 });
  const { page } = session;
  const shot = (name: string) => page.screenshot({ path: resolve(outDir, `${name}.png`) });
  try {
    await page.evaluate(() => window.galleryBench.clear());
    await page.evaluate(() => window.galleryBench.mount());
    await page.getByText('No images yet').waitFor();
    await shot('1-empty');

    await page.evaluate(() => window.galleryBench.seed(400, true));
    await reload(page);
    await page.evaluate(() => window.galleryBench.mount());
    await page.getByText(/images in \d+ jobs/).waitFor();
    await settle(page);
    await shot('2-grid');

    await page.getByRole('button', { name: /^Open image, seed/ }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Image details' });
    await dialog.waitFor();
    await page.waitForTimeout(300);
    await shot('3-detail');
    // The actions reach the callbacks; Download names the file by endpoint and seed.
    await dialog.getByRole('button', { name: 'Reuse parameters' }).click();
    await dialog.getByRole('button', { name: 'Reuse seed' }).click();
    await dialog.getByRole('button', { name: 'Send to img2img' }).click();
    await dialog.getByRole('button', { name: 'Send to inpaint' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
    console.log('download file name:', download.suggestedFilename());
    await page.keyboard.press('ArrowRight');
    console.log('after ArrowRight:', await dialog.locator('header').innerText());
    await page.keyboard.press('ArrowLeft');
    await dialog.getByText(/^POST/).click();
    await dialog.getByText(/^meta/).click();
    await page.waitForTimeout(150);
    await shot('3b-detail-expanded');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    console.log('focus after Escape:', focused);

    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(100);
    console.log('ArrowRight, ArrowDown in the grid moves focus to:', await page.evaluate(() => document.activeElement?.getAttribute('aria-label')));

    await page.getByRole('button', { name: /^Open job, .*, Failed, / }).first().click();
    await dialog.waitFor();
    await page.waitForTimeout(200);
    await shot('4-detail-failed');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: /link only/ }).first().scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: /link only/ }).first().click();
    await dialog.waitFor();
    await page.waitForTimeout(200);
    await shot('5-detail-link-only');
    await page.keyboard.press('Escape');

    // Delete, confirmed inline: one job fewer.
    const before = await page.getByText(/images in \d+ jobs/).innerText();
    await page.getByRole('button', { name: /^Open image, seed/ }).nth(1).click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await shot('5b-delete-confirm');
    await dialog.getByRole('button', { name: 'Yes, delete' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForTimeout(300);
    console.log(`delete: ${before} → ${await page.getByText(/images in \d+ jobs/).innerText()}`);

    await page.getByLabel('Status').selectOption('failed');
    await settle(page);
    await shot('6-filter-failed');
    await page.getByLabel('Status').selectOption('');

    // A job saved through the store while the gallery is open shows up on its own, with a browser-made thumbnail.
    console.log('saved through the store:', JSON.stringify(await page.evaluate(() => window.galleryBench.saveThroughStore())));
    await page.getByRole('button', { name: /^Open image, seed 4242, Segmind sd1.5-dreamshaper/ }).waitFor();
    await settle(page);
    await shot('6b-new-job-appears');

    await page.getByRole('button', { name: 'Clear all' }).click();
    await shot('7-clear-confirm');
    await page.getByRole('button', { name: 'Cancel' }).click();

    // A full storage: the next write fails with a quota error.
    await page.evaluate(() => window.galleryBench.simulateStorageFull('bench-0'));
    await page.getByText('Browser storage is full').waitFor();
    await shot('8-storage-full');

    await page.setViewportSize({ width: 820, height: 1180 });
    await settle(page);
    await shot('9-tablet');
    await page.getByRole('button', { name: /^Open image, seed/ }).first().click();
    await dialog.waitFor();
    await page.waitForTimeout(200);
    await shot('10-tablet-detail');
    console.log('events:', await page.evaluate(() => window.galleryBench.events.join(', ')));
    console.log(`Screenshots in ${outDir}`);
  } finally {
    await session.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
