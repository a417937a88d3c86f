/**
 * Issue 20, the gallery's star: records an earlier build stored (version 1) open with nothing
 * lost and nothing starred; a star toggles by mouse and keyboard, the "Starred" filter shows only
 * those, and a star survives a reload.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openFresh, openView } from './fixtures/playground';
import { seedJobs } from './fixtures/seed-jobs';

/** The star beside the tile of the job with this seed. */
const starOf = (page: Page, seed: number) =>
  page
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: new RegExp(`^Open job, seed ${seed}, `) }) })
    .getByRole('button', { name: 'Star' });

test('star jobs by mouse and keyboard, filter on Starred, and keep the stars through a reload', async ({ page }) => {
  await openFresh(page);
  await openView(page, 'Gallery');
  await expect(page.getByText(/No images yet/)).toBeVisible();
  await seedJobs(page, 5);
  await page.reload();
  await openView(page, 'Gallery');
  const gallery = page.getByRole('region', { name: 'Gallery' });
  // The old records opened, every one, with their prompts.
  await expect(gallery.getByText('0 images in 5 jobs')).toBeVisible();
  await expect(gallery.getByRole('button', { name: /^Open job, seed 3, .*a paper lantern number 3 / })).toBeVisible();
  for (const seed of [0, 1, 2, 3, 4]) await expect(starOf(page, seed)).toHaveAttribute('aria-pressed', 'false');

  // By mouse: job 3.
  await starOf(page, 3).click();
  await expect(starOf(page, 3)).toHaveAttribute('aria-pressed', 'true');
  // By keyboard: Tab from job 1's tile reaches its star; Space presses it.
  await gallery.getByRole('button', { name: /^Open job, seed 1, / }).focus();
  await page.keyboard.press('Tab');
  await expect(starOf(page, 1)).toBeFocused();
  await page.keyboard.press('Space');
  await expect(starOf(page, 1)).toHaveAttribute('aria-pressed', 'true');

  const starred = gallery.getByRole('button', { name: 'Starred' });
  await expect(starred).toHaveAttribute('aria-pressed', 'false');
  await starred.click();
  await expect(starred).toHaveAttribute('aria-pressed', 'true');
  await expect(gallery.getByText('0 images in 2 jobs')).toBeVisible();
  await expect(gallery.locator('[data-gallery-tile]')).toHaveCount(2);
  await expect(gallery.getByRole('button', { name: /^Open job, seed 0, / })).toHaveCount(0);

  // Unstarring under the filter takes the job out of it.
  await starOf(page, 1).click();
  await expect(gallery.getByText('0 images in 1 job')).toBeVisible();
  await expect(gallery.getByRole('button', { name: /^Open job, seed 1, / })).toHaveCount(0);

  // The star is stored: after a reload, job 3 is still starred, job 1 not.
  await page.reload();
  await openView(page, 'Gallery');
  await expect(gallery.getByText('0 images in 5 jobs')).toBeVisible();
  await expect(starOf(page, 3)).toHaveAttribute('aria-pressed', 'true');
  await expect(starOf(page, 1)).toHaveAttribute('aria-pressed', 'false');
  await gallery.getByRole('button', { name: 'Starred' }).click();
  await expect(gallery.locator('[data-gallery-tile]')).toHaveCount(1);
  await starOf(page, 3).click();
  await expect(gallery.getByText('No starred jobs yet: star a job with ☆ on its tile.')).toBeVisible();
});
