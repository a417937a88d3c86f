/**
 * Issue 20, the gallery: search over prompt and negative prompt as you type, among 2,000 jobs,
 * timed in the page from the last key to the one matching tile on screen (printed, and the median
 * held to a generous bound); the tile names end with the prompt's start.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openFresh, openView } from './fixtures/playground';
import { seedJobs, untilUpgraded } from './fixtures/seed-jobs';
import { JOB_RECORD_VERSION } from '../src/job-store/job-record';

const JOBS = 2000;

// Timed: Playwright's own trace (screencast and snapshots) would share the two cores with the page.
test.use({ trace: 'off', viewport: { width: 1440, height: 900 } });

/**
 * Types `text` into the search field key by key and returns, measured in the page, the time from
 * the last key down to the first frame where the grid holds exactly the tiles named by `expected`.
 */
async function typeAndTime(page: Page, text: string, expected: RegExp): Promise<number> {
  const search = page.getByLabel('Search prompts');
  await search.fill('');
  await page.evaluate((source) => {
    const w = window as unknown as { __lastKey: number; __shown: Promise<number> };
    const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
    input.addEventListener('keydown', () => (w.__lastKey = performance.now()), { capture: true });
    const grid = document.querySelector('[aria-label="Gallery"]')!;
    const match = new RegExp(source);
    const done = () => {
      const tiles = [...grid.querySelectorAll('[data-gallery-tile]')];
      return tiles.length === 1 && match.test(tiles[0]!.getAttribute('aria-label') ?? '');
    };
    w.__shown = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!done()) return;
        observer.disconnect();
        // The frame that paints it.
        requestAnimationFrame(() => resolve(performance.now()));
      });
      observer.observe(grid, { childList: true, subtree: true, attributes: true });
    });
  }, expected.source);
  await search.pressSequentially(text);
  return page.evaluate(async () => {
    const w = window as unknown as { __lastKey: number; __shown: Promise<number> };
    return (await w.__shown) - w.__lastKey;
  });
}

test('search finds a prompt among 2,000 jobs as you type (timed from the last key), and the negative prompt too', async ({ page }) => {
  test.setTimeout(120_000);
  await openFresh(page);
  await openView(page, 'Gallery');
  await expect(page.getByText(/No images yet/)).toBeVisible();
  await seedJobs(page, JOBS);
  await page.reload();
  await openView(page, 'Gallery');
  const gallery = page.getByRole('region', { name: 'Gallery' });
  await expect(gallery.getByText(`0 images in ${JOBS} jobs`)).toBeVisible({ timeout: 30_000 });
  const listed = await page.evaluate(() => performance.now());
  // The seeded records have the earlier shape, which the app writes back once (a few hundred to a
  // transaction, then a re-read): over before the timing, so the times are the search's own.
  const upgraded = await untilUpgraded(page, JOB_RECORD_VERSION);
  console.log(`the ${JOBS} older records were written back within ${(upgraded - listed).toFixed(0)} ms of the gallery listing them (polled every 250 ms)`);
  await page.reload();
  await openView(page, 'Gallery');
  await expect(gallery.getByText(`0 images in ${JOBS} jobs`)).toBeVisible({ timeout: 30_000 });

  // Until the last key, "lantern 123" still matches 123 and 1230–1239 (and 1123…): only "4" leaves one.
  // Five searches (prompts, and a negative prompt: job 462's says ref-ya, 1234 in base 36), each timed.
  // The issue's target is 100 ms. Measured here with the upgrade over and no Playwright trace, the
  // times were 20–73 ms at load 6 (`npm run bench:gallery-search`: median 26 ms at load 20). The bound
  // held is the median of the five under 250 ms: generous, because one query on a busy 2-core machine
  // can take 200 ms when the OS gives the core away, yet a grid that renders every match or filters on
  // the typing path (hundreds of ms over 2,000 jobs) fails it.
  const times = [
    await typeAndTime(page, 'lantern 1234', /^Open job, seed 1234, /),
    await typeAndTime(page, 'lantern 1567', /^Open job, seed 1567, /),
    await typeAndTime(page, 'ref-ya', /^Open job, seed 462, /),
    await typeAndTime(page, 'lantern 1890', /^Open job, seed 1890, /),
    await typeAndTime(page, 'lantern 1345', /^Open job, seed 1345, /),
  ];
  console.log(`search among ${JOBS} jobs, last key to the one tile painted: ${times.map((t) => `${t.toFixed(1)} ms`).join(', ')}`);
  expect(Math.min(...times)).toBeGreaterThan(0);
  const median = [...times].sort((a, b) => a - b)[2]!;
  expect(median, 'median of five searches, last key to the filtered grid painted').toBeLessThan(250);
  await page.getByLabel('Search prompts').fill('lantern 1234');
  await expect(gallery.getByRole('button', { name: /^Open job, seed 1234, ModelsLab text2img, Failed, Seeded without an image\., a paper lantern number 1234 / })).toBeVisible();
  await expect(gallery.getByText(`0 images in 1 job match, of ${JOBS}`)).toBeVisible();

  // Nothing matches: said, and one button brings everything back.
  await page.getByLabel('Search prompts').fill('lantern elephant');
  await expect(gallery.getByText('No prompt matches “lantern elephant”.')).toBeVisible();
  await gallery.getByRole('button', { name: 'Show everything' }).click();
  await expect(page.getByLabel('Search prompts')).toHaveValue('');
  await expect(gallery.getByText(`0 images in ${JOBS} jobs`)).toBeVisible();
});
