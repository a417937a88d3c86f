/** Saved data of an earlier build loads; what cannot be read is reset with a notice, never a broken page. */
import { expect, test } from '@playwright/test';
import { field, openFresh } from './fixtures/playground';

test('an old draft loads; an unreadable settings file is reset with a notice', async ({ page }) => {
  await openFresh(page);
  await page.evaluate(() => {
    // As earlier builds stored them: bare values, no version.
    localStorage.setItem('playground.endpoint', 'segmind/sd1.5-dreamshaper');
    localStorage.setItem('playground.draft.segmind/sd1.5-dreamshaper', JSON.stringify({ prompt: 'a draft from last year' }));
    localStorage.setItem('playground.settings.v1', '{"version":99,"providers":[]}');
  });
  await page.reload();
  await expect(field(page, 'prompt')).toHaveValue('a draft from last year');
  const notice = page.getByRole('status').filter({ hasText: 'Some saved data could not be read' });
  await expect(notice).toContainText('your settings');
  if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/storage-notice.png` });
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toBeHidden();
  // Read and rewritten in the current format: no notice after another reload.
  await page.reload();
  await expect(field(page, 'prompt')).toHaveValue('a draft from last year');
  await expect(page.getByRole('button', { name: 'Generate', exact: true })).toBeEnabled();
  await expect(page.getByText('Some saved data could not be read')).toHaveCount(0);
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('playground.endpoint')!))).toEqual({ v: 1, data: 'segmind/sd1.5-dreamshaper' });
});
