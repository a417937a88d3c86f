/**
 * Issue 24: models on Replicate and fal, from their own schemas, in the sandbox: their fields in
 * the schema's order with its limits, a run that lands in the gallery with its seed, a fill model
 * inpainting from the canvas mask, and a Compare of ModelsLab, Replicate and fal.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { keepCompareTargets } from './fixtures/compare';
import { loadGeneratedImage, strokeInImage, maskPreview } from './fixtures/inpaint';
import { chooseEndpoint, field, generate, openFresh, openView, recordRequests, resetSandbox, resultCard } from './fixtures/playground';

test.beforeEach(async ({ page, request }) => {
  await resetSandbox(request);
  expect((await request.post('/sandbox/replicate/_control/reset')).ok()).toBe(true);
  expect((await request.post('/sandbox/fal-queue/_control/reset')).ok()).toBe(true);
  await openFresh(page);
});

/** The form's fields (by API name) in the order the form shows them. */
async function fieldOrder(page: Page): Promise<string[]> {
  return page
    .getByRole('form')
    .locator('[id^="playground-form-"]')
    .evaluateAll((els) => els.map((el) => el.id.replace(/^playground-form-/, '')).filter((id) => /^[a-z_]+$/.test(id)));
}

function inOrder(seen: string[], names: string[]) {
  const at = names.map((n) => seen.indexOf(n));
  expect(at.every((i) => i >= 0), `${names.join(', ')} in ${seen.join(', ')}`).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
}

async function runAndCheckSeed(page: Page, seed: string) {
  await field(page, 'seed').fill(seed);
  await generate(page);
  const card = resultCard(page);
  await expect(card).toHaveAccessibleName('Job done', { timeout: 30_000 });
  await expect(card.getByLabel('Seed used')).toHaveText(seed);
  const img = card.getByRole('img', { name: /^Result 1 of / });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
}

test('a Replicate model shows its schema’s fields in order with their limits, runs, and lands in the gallery with its seed', async ({ page }) => {
  await chooseEndpoint(page, 'replicate/black-forest-labs/flux-schnell');
  inOrder(await fieldOrder(page), ['prompt', 'aspect_ratio', 'num_outputs', 'seed']);
  await expect(page.getByRole('slider', { name: 'num_outputs slider' })).toHaveAttribute('max', '4');
  await expect(field(page, 'aspect_ratio').locator('option:checked')).toHaveText('1:1');
  await field(page, 'prompt').fill('a lighthouse on a cliff at dusk');
  const requests = recordRequests(page);
  await runAndCheckSeed(page, '4242');
  const create = requests.find((r) => r.method() === 'POST' && r.url().endsWith('/sandbox/replicate/v1/models/black-forest-labs/flux-schnell/predictions'))!;
  expect(create.postDataJSON()).toMatchObject({ input: { prompt: 'a lighthouse on a cliff at dusk', seed: 4242, aspect_ratio: '1:1' } });
  expect(await create.headerValue('prefer')).toBe('wait=60');
  await openView(page, 'Gallery');
  await expect(page.getByRole('button', { name: /^Open image, seed 4242/ })).toBeVisible();
});

test('a fal model runs through the queue and lands in the gallery with its seed', async ({ page }) => {
  await chooseEndpoint(page, 'fal/fal-ai/flux/schnell');
  inOrder(await fieldOrder(page), ['num_inference_steps', 'prompt', 'image_size', 'seed']);
  await expect(page.getByRole('slider', { name: 'num_inference_steps slider' })).toHaveAttribute('max', '12');
  await expect(field(page, 'image_size').locator('option:checked')).toHaveText('landscape_4_3');
  await field(page, 'prompt').fill('a kite over the dunes');
  const requests = recordRequests(page);
  await runAndCheckSeed(page, '777');
  expect(requests.some((r) => r.method() === 'GET' && /\/sandbox\/fal-queue\/fal-ai\/flux\/requests\/[\w-]+\/status\?logs=1$/.test(r.url()))).toBe(true);
  expect(requests.some((r) => r.method() === 'GET' && /\/sandbox\/fal-queue\/fal-ai\/flux\/requests\/[\w-]+$/.test(r.url()))).toBe(true);
  await openView(page, 'Gallery');
  await expect(page.getByRole('button', { name: /^Open image, seed 777/ })).toBeVisible();
});

test('a fal fill model inpaints from the canvas mask, image and mask sent as data URIs', async ({ page }) => {
  await chooseEndpoint(page, 'fal/fal-ai/flux-pro/v1/fill');
  await field(page, 'prompt').fill('a small wooden boat');
  await loadGeneratedImage(page, 512, 512);
  await strokeInImage(page, { width: 512, height: 512 }, [200, 220], [320, 300]);
  await expect(maskPreview(page)).toBeVisible();
  const requests = recordRequests(page);
  await runAndCheckSeed(page, '1234');
  const submit = requests.find((r) => r.method() === 'POST' && r.url().endsWith('/sandbox/fal-queue/fal-ai/flux-pro/v1/fill'))!;
  const body = submit.postDataJSON() as Record<string, string>;
  expect(body.image_url).toMatch(/^data:image\/png;base64,/);
  expect(body.mask_url).toMatch(/^data:image\/png;base64,/);
});

test('Compare with ModelsLab, a Replicate model and a fal model shows three columns', async ({ page }) => {
  await openView(page, 'Compare');
  const labels = ['ModelsLab text2img', 'Replicate black-forest-labs/flux-schnell', 'fal fal-ai/flux/schnell'];
  await keepCompareTargets(page, labels);
  await page.getByLabel('Prompt', { exact: true }).fill('a lighthouse on a cliff at dusk');
  await page.getByLabel('Seed', { exact: true }).fill('5151');
  await page.getByRole('button', { name: 'Run comparison (3 requests)' }).click();
  for (const label of labels) {
    const col = page.getByRole('article', { name: `Result: ${label}` });
    await expect(col.getByRole('img', { name: `${label}, seed 5151` })).toBeVisible({ timeout: 30_000 });
  }
  await expect(page.getByRole('article', { name: /^Result: / })).toHaveCount(3);
});
