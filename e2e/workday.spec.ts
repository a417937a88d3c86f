import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { chooseEndpoint, field, generate, openFresh, recordRequests, resetSandbox, resultCard } from './fixtures/playground';

test.beforeEach(async ({ page, request }) => {
  await resetSandbox(request);
  await openFresh(page);
});

async function inViewport(page: Page, name: RegExp | string) {
  await expect(page.getByRole('button', { name, exact: typeof name === 'string' })).toBeInViewport();
}

test('1440×900: Generate stays in view, the results column scrolls on its own and shows each new result', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await chooseEndpoint(page, 'modelslab/img2img');
  await inViewport(page, 'Generate');
  await page.locator('summary', { hasText: 'Advanced' }).click();
  await page.mouse.wheel(0, 4000);
  await inViewport(page, 'Generate');
  const results = page.getByRole('region', { name: 'Results' });
  expect(await results.evaluate((el) => [getComputedStyle(el).position, getComputedStyle(el).overflowY])).toEqual(['sticky', 'auto']);
  await chooseEndpoint(page, 'segmind/sd1.5-dreamshaper');
  await page.mouse.wheel(0, 4000);
  await generate(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job done');
  await expect(resultCard(page).getByRole('img', { name: /seed \d+/ })).toBeInViewport({ ratio: 0.95 });
  await inViewport(page, 'Generate');
});

test('820×1180: the page scrolls to the new result', async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await chooseEndpoint(page, 'segmind/sd1.5-dreamshaper');
  await generate(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job done');
  await expect(resultCard(page).getByRole('img', { name: /seed \d+/ })).toBeInViewport({ ratio: 0.95 });
  expect(await page.evaluate(() => scrollY)).toBeGreaterThan(200);
});

test('a running job never shifts the form', async ({ page, request }) => {
  await resetSandbox(request, { queue: 'always', queueMs: 3000 });
  await page.setViewportSize({ width: 1440, height: 900 });
  await chooseEndpoint(page, 'modelslab/text2img');
  await expect(page.getByLabel('Endpoint')).toBeVisible();
  const before = (await page.getByLabel('Endpoint').boundingBox())!.y;
  await generate(page);
  await expect(page.getByRole('region', { name: 'Running jobs' })).toBeVisible();
  expect((await page.getByLabel('Endpoint').boundingBox())!.y).toBe(before);
});

test('history strip, per-sample seeds, lightbox zoom, and Reuse seed from a result card', async ({ page }) => {
  await chooseEndpoint(page, 'modelslab/text2img');
  await field(page, 'seed').fill('1111');
  await field(page, 'samples').fill('2');
  await generate(page);
  const card = resultCard(page);
  await expect(card).toHaveAccessibleName('Job done');
  await expect(card.getByRole('img', { name: 'Result 2 of modelslab/text2img, seed 1111, sample 2 of 2' })).toBeVisible();
  await expect(card.getByText('sample 1 of 2')).toBeVisible();

  await field(page, 'seed').fill('2222');
  await field(page, 'samples').fill('1');
  await generate(page);
  await expect(resultCard(page).getByLabel('Seed used')).toHaveText('2222');
  const history = page.getByRole('navigation', { name: 'History' });
  await expect(history.getByRole('button')).toHaveCount(2);
  await history.getByRole('button', { name: /seed 1111/ }).click();
  await expect(resultCard(page).getByLabel('Seed used')).toHaveText('1111');

  // The lightbox: zoom in with the keyboard, pan, fit.
  await resultCard(page).getByRole('button', { name: 'Open result 1 in the lightbox' }).click();
  const box = page.getByRole('dialog', { name: 'Lightbox' });
  await expect(box).toBeVisible();
  await box.getByRole('button', { name: 'Zoom in' }).click();
  await expect(box.getByText('125 %')).toBeVisible();
  await page.keyboard.press('+');
  await expect(box.getByText('156 %')).toBeVisible();
  const img = box.getByRole('img');
  const transform = () => img.evaluate((el) => (el as HTMLElement).style.transform);
  const zoomed = await transform();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(transform).not.toBe(zoomed);
  // The wheel zooms at the pointer; a drag pans.
  const frame = (await img.boundingBox())!;
  await page.mouse.move(frame.x + frame.width / 2, frame.y + frame.height / 2);
  await page.mouse.wheel(0, -100);
  await expect(box.getByText('195 %')).toBeVisible();
  const beforeDrag = await transform();
  await page.mouse.down();
  await page.mouse.move(frame.x + frame.width / 2 + 80, frame.y + frame.height / 2 + 40, { steps: 4 });
  await page.mouse.up();
  await expect.poll(transform).not.toBe(beforeDrag);
  await page.keyboard.press('0');
  await expect(box.getByText('100 %')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(box).toHaveCount(0);

  await field(page, 'seed').fill('');
  await resultCard(page).getByRole('button', { name: 'Reuse seed, result 2' }).click();
  await expect(field(page, 'seed')).toHaveValue('1111');
});

test('Send to inpaint and Download from a result card', async ({ page }) => {
  await chooseEndpoint(page, 'segmind/sd1.5-dreamshaper');
  await generate(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job done');
  const download = page.waitForEvent('download');
  await resultCard(page).getByRole('button', { name: 'Download', exact: true }).click();
  expect((await download).suggestedFilename()).toMatch(/\.jpe?g$/);
  await resultCard(page).getByRole('button', { name: 'Send to inpaint, result 1' }).click();
  await expect(page.getByLabel('Endpoint')).toHaveValue('segmind/sd1.5-inpainting');
  await expect(field(page, 'image')).toHaveValue(/^local image/);
});

test('batch count: three runs one after another with consecutive seeds; Segmind cost per job and for the session', async ({ page }) => {
  await chooseEndpoint(page, 'segmind/sd1.5-dreamshaper');
  await field(page, 'seed').fill('500');
  await page.getByLabel('Batch count').fill('3');
  await expect(page.getByLabel('Seeds')).toHaveValue('consecutive');
  const requests = recordRequests(page);
  await generate(page);
  const history = page.getByRole('navigation', { name: 'History' });
  await expect(history.getByRole('button', { name: /done, seed 502/ })).toBeVisible({ timeout: 20_000 });
  await expect(history.getByRole('button', { name: /done, seed 501/ })).toBeVisible();
  await expect(history.getByRole('button', { name: /done, seed 500/ })).toBeVisible();
  const posts = requests.filter((r) => r.method() === 'POST' && r.url().includes('/sandbox/segmind/'));
  expect(posts.map((r) => (r.postDataJSON() as { seed: number }).seed)).toEqual([500, 501, 502]);
  // The batch shows all three jobs, each with its own cost.
  await expect(resultCard(page)).toHaveCount(3);
  await expect(resultCard(page).getByLabel('Cost')).toHaveText(['1', '1', '1']);
  await expect(page.getByRole('region', { name: 'Session cost' })).toContainText('Segmind: cost 3 over 3 jobs');
  await expect(page.getByRole('region', { name: 'Session cost' })).toContainText('credits left 997');
});

test('validation: focus goes to the first invalid field and the summary names every one', async ({ page }) => {
  await chooseEndpoint(page, 'modelslab/text2img');
  await field(page, 'prompt').fill('   ');
  await page.locator('summary', { hasText: 'Advanced' }).click();
  await field(page, 'lora_model').fill('a,b');
  await field(page, 'lora_strength').fill('0.5,0.6,0.7');
  await page.locator('summary', { hasText: 'Advanced' }).click(); // closed again
  const requests = recordRequests(page);
  await page.keyboard.press('Control+Enter');
  const summary = page.getByRole('group', { name: 'Actions' }).getByRole('status');
  await expect(summary).toContainText('prompt');
  await expect(field(page, 'prompt')).toBeFocused();
  await field(page, 'prompt').fill('a fox');
  await generate(page);
  await expect(summary).toContainText('1 parameter needs fixing: lora_strength');
  await expect(field(page, 'lora_strength')).toBeFocused();
  await expect(field(page, 'lora_strength')).toBeInViewport();
  expect(requests.filter((r) => r.method() === 'POST' && r.url().includes('/sandbox/'))).toEqual([]);
});

test('"?" opens the shortcuts overlay, with the canvas bindings', async ({ page }) => {
  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(overlay).toBeVisible();
  // One row per canvas action, from the same table as the canvas's keys and buttons.
  const canvasKeys = overlay.getByRole('region', { name: /^Canvas/ });
  await expect(canvasKeys).toContainText('BBrush');
  await expect(canvasKeys).toContainText('Zoom in');
  await expect(overlay).toContainText('Generate');
  await page.keyboard.press('Escape');
  await expect(overlay).toHaveCount(0);
  // Typing a "?" into a field does not open it.
  await field(page, 'prompt').fill('');
  await field(page, 'prompt').press('?');
  await expect(overlay).toHaveCount(0);
});

test('with an error in Advanced, closing Advanced and pressing Generate opens it again on that field', async ({ page }) => {
  await chooseEndpoint(page, 'modelslab/text2img');
  const advanced = page.locator('summary', { hasText: 'Advanced' });
  await advanced.click();
  await field(page, 'lora_model').fill('a,b');
  await field(page, 'lora_strength').fill('0.5,0.6,0.7');
  await generate(page);
  const summary = page.getByRole('group', { name: 'Actions' }).getByRole('status');
  await expect(summary).toContainText('1 parameter needs fixing: lora_strength');
  await expect(field(page, 'lora_strength')).toBeFocused();
  // The person closes the section with the error still in it, then tries again.
  await advanced.click();
  await expect(field(page, 'lora_strength')).toBeHidden();
  await generate(page);
  await expect(field(page, 'lora_strength')).toBeVisible();
  await expect(field(page, 'lora_strength')).toBeFocused();
});
