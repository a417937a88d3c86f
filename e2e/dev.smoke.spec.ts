import { expect, test } from '@playwright/test';
import { generate, openFresh, openView, resetSandbox, resultCard, settled } from './fixtures/playground';

/**
 * The smoke subset: runs against the production server and (project "dev") against `npm run dev`,
 * where React StrictMode mounts every effect twice.
 */
test('generate, open the gallery detail dialog, and every view renders', async ({ page, request }) => {
  await resetSandbox(request);
  await openFresh(page);
  await generate(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job done');
  await openView(page, 'Gallery');
  await page.getByRole('button', { name: /^Open image, seed / }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Image details' });
  await expect(dialog).toBeVisible();
  // StrictMode's second mount closes and reopens it; the stray close event comes meanwhile.
  await settled(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Download' })).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await openView(page, 'Compare');
  await expect(page.getByRole('button', { name: /^Run comparison/ })).toBeVisible();
  await openView(page, 'Settings');
  await expect(page.getByLabel('Segmind sandbox key')).toBeVisible();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
});
