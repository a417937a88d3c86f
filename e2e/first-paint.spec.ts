/**
 * The playground's first paint needs no zod and no provider module: with zod held back, the
 * form is there and takes typing; when the real form takes over, what was typed and the focus
 * stay, and Generate works.
 */
import { expect, test } from '@playwright/test';
import { field, generate, openFresh, resetSandbox, resultCard } from './fixtures/playground';

test('the first paint takes typing before zod loads, and hands it and the focus to the real form', async ({ page, request }) => {
  await resetSandbox(request);
  await openFresh(page);
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.route(/\/assets\/zod-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.reload();

  const generateButton = page.getByRole('button', { name: 'Generate' });
  const prompt = field(page, 'prompt');
  await expect(prompt).toBeVisible();
  await expect(page.getByLabel('Endpoint')).toHaveValue('modelslab/text2img');
  await expect(generateButton).toBeDisabled();
  await prompt.fill('a lighthouse');
  await prompt.press('End');
  await prompt.pressSequentially(' at dawn');
  await expect(generateButton).toBeDisabled();
  // The entry and what it imports came first; zod only after the first paint.
  expect(scripts.some((s) => /\/assets\/zod-/.test(s))).toBe(true);

  release();
  await expect(generateButton).toBeEnabled();
  await expect(prompt).toHaveValue('a lighthouse at dawn');
  await expect(prompt).toBeFocused();
  await prompt.pressSequentially(', fog');
  await expect(prompt).toHaveValue('a lighthouse at dawn, fog');

  await generate(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job done');
  await expect(page.getByRole('region', { name: 'Request as sent' }).getByLabel('Request body')).toContainText('a lighthouse at dawn, fog');
});
