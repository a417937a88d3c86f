/**
 * Issue 24: models on Replicate and fal, from their own schemas, in the sandbox: their fields in
 * the schema's order with its limits, a run that lands in the gallery with its seed, a fill model
 * inpainting from the canvas mask, images too large to go inline uploaded first (Replicate's Files
 * API, fal's storage) and named by the request, and a Compare of ModelsLab, Replicate and fal.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { keepCompareTargets } from './fixtures/compare';
import { loadGeneratedImage, pngSize, stage, strokeInImage, maskPreview } from './fixtures/inpaint';
import { chooseEndpoint, field, generate, openFresh, openView, recordRequests, resetSandbox, resultCard } from './fixtures/playground';

test.beforeEach(async ({ page, request }) => {
  await resetSandbox(request);
  expect((await request.post('/sandbox/replicate/_control/reset')).ok()).toBe(true);
  expect((await request.post('/sandbox/fal-queue/_control/reset')).ok()).toBe(true);
  expect((await request.post('/sandbox/fal-rest/_control/reset')).ok()).toBe(true);
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

test('a fal fill model inpaints from the canvas mask, image and mask uploaded to fal’s storage first', async ({ page, request }) => {
  await chooseEndpoint(page, 'fal/fal-ai/flux-pro/v1/fill');
  await field(page, 'prompt').fill('a small wooden boat');
  await loadGeneratedImage(page, 512, 512);
  await strokeInImage(page, { width: 512, height: 512 }, [200, 220], [320, 300]);
  await expect(maskPreview(page)).toBeVisible();
  const requests = recordRequests(page);
  await runAndCheckSeed(page, '1234');
  const initiates = requests.filter((r) => r.method() === 'POST' && r.url().endsWith('/sandbox/fal-rest/storage/upload/initiate?storage_type=fal-cdn-v3'));
  expect(initiates.map((r) => (r.postDataJSON() as { content_type: string }).content_type)).toEqual(['image/png', 'image/png']);
  expect(await initiates[0]!.headerValue('authorization')).toMatch(/^Key /);
  // The bytes go to the upload URL without the key.
  const puts = requests.filter((r) => r.method() === 'PUT' && r.url().includes('/sandbox/fal-cdn/files/upload/'));
  expect(puts).toHaveLength(2);
  for (const put of puts) expect(await put.headerValue('authorization')).toBeNull();
  const uploads = ((await (await request.get('/sandbox/fal-rest/_control')).json()) as { uploads: Array<{ file_url: string }> }).uploads;
  const submit = requests.find((r) => r.method() === 'POST' && r.url().endsWith('/sandbox/fal-queue/fal-ai/flux-pro/v1/fill'))!;
  const body = submit.postDataJSON() as Record<string, string>;
  expect([body.image_url, body.mask_url]).toEqual(uploads.map((u) => u.file_url));
  await expect(resultCard(page).getByText(/^Uploaded first: image_url \(PNG, .+\) to fal's storage; mask_url \(PNG, .+\) to fal's storage;/)).toBeVisible();
});

test('a Replicate fill model inpaints from the canvas mask', async ({ page }) => {
  await chooseEndpoint(page, 'replicate/black-forest-labs/flux-fill-dev');
  await field(page, 'prompt').fill('a small wooden boat');
  await loadGeneratedImage(page, 512, 512);
  await strokeInImage(page, { width: 512, height: 512 }, [200, 220], [320, 300]);
  await expect(maskPreview(page)).toBeVisible();
  const requests = recordRequests(page);
  await runAndCheckSeed(page, '4321');
  const create = requests.find((r) => r.method() === 'POST' && r.url().endsWith('/sandbox/replicate/v1/models/black-forest-labs/flux-fill-dev/predictions'))!;
  const { input } = create.postDataJSON() as { input: Record<string, string> };
  expect(input).toMatchObject({ prompt: 'a small wooden boat', seed: 4321 });
  // The mask is small: inline, a PNG of the picture's size. The picture goes inline or as an uploaded file, by its size.
  expect(input.mask).toMatch(/^data:image\/png;base64,/);
  expect(pngSize(input.mask!)).toEqual({ width: 512, height: 512 });
  expect(input.image).toMatch(/^(data:image\/png;base64,|http:\/\/[^/]+\/sandbox\/replicate\/v1\/files\/[a-z0-9]+$)/);
  await expect(resultCard(page).getByText(/^Init image sent: /)).toBeVisible();
});

/** A picture of noise (it does not compress): 512×512 is a PNG of about 770 KB. */
async function loadNoiseImage(page: Page, width: number, height: number) {
  const base64 = await page.evaluate(
    async ({ width, height }) => {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d')!;
      const img = ctx.createImageData(width, height);
      let x = 12345;
      for (let i = 0; i < img.data.length; i++) {
        x = (x * 1103515245 + 12345) >>> 0;
        img.data[i] = i % 4 === 3 ? 255 : x >>> 24;
      }
      ctx.putImageData(img, 0, 0);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    },
    { width, height },
  );
  await page.getByLabel('Image file').setInputFiles({ name: `noise-${width}x${height}.png`, mimeType: 'image/png', buffer: Buffer.from(base64, 'base64') });
  await expect(stage(page)).toHaveAccessibleName(new RegExp(`${width}×${height}`));
}

test('a large init image goes to Replicate’s Files API first, and the prediction names the uploaded file', async ({ page, request }) => {
  await chooseEndpoint(page, 'replicate/black-forest-labs/flux-fill-dev');
  await field(page, 'prompt').fill('a red door');
  await loadNoiseImage(page, 512, 512);
  await strokeInImage(page, { width: 512, height: 512 }, [200, 200], [300, 300]);
  await expect(maskPreview(page)).toBeVisible();
  const requests = recordRequests(page);
  await runAndCheckSeed(page, '2024');
  const upload = requests.find((r) => r.method() === 'POST' && r.url().endsWith('/sandbox/replicate/v1/files'))!;
  expect(await upload.headerValue('authorization')).toMatch(/^Bearer /);
  expect(await upload.headerValue('content-type')).toMatch(/^multipart\/form-data; boundary=/);
  const files = (await (await request.get('/sandbox/replicate/v1/files', { headers: { Authorization: 'Bearer any' } })).json()) as { results: Array<{ size: number; content_type: string; urls: { get: string } }> };
  expect(files.results).toHaveLength(1);
  expect(files.results[0]!.size).toBeGreaterThan(256 * 1024);
  expect(files.results[0]!.content_type).toMatch(/^image\/(png|jpeg)$/);
  const create = requests.find((r) => r.method() === 'POST' && r.url().endsWith('/sandbox/replicate/v1/models/black-forest-labs/flux-fill-dev/predictions'))!;
  const { input } = create.postDataJSON() as { input: Record<string, string> };
  expect(input.image).toBe(files.results[0]!.urls.get);
  expect(input.mask).toMatch(/^data:image\/png;base64,/);
  // The upload left before the prediction.
  expect(requests.indexOf(upload)).toBeLessThan(requests.indexOf(create));
  await expect(resultCard(page).getByText(/^Uploaded first: image \((PNG|JPEG), [\d.]+ (KB|MB)\) to Replicate's Files API; the request names the uploaded file instead of the bytes\.$/)).toBeVisible();
});

test('Cancel while an image is uploading stops the job before the model is asked: no prediction is made', async ({ page, request }) => {
  await chooseEndpoint(page, 'replicate/black-forest-labs/flux-fill-dev');
  await field(page, 'prompt').fill('a red door');
  await loadNoiseImage(page, 512, 512);
  await strokeInImage(page, { width: 512, height: 512 }, [200, 200], [300, 300]);
  await expect(maskPreview(page)).toBeVisible();
  // The twins hold every answer for a minute (less when the caller hangs up): the upload is in
  // flight until Cancel.
  expect((await request.post('/sandbox/_control', { data: { latencyMs: 60_000 } })).ok()).toBe(true);
  const requests = recordRequests(page);
  const uploading = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/sandbox/replicate/v1/files'));
  await generate(page);
  await uploading;
  const card = resultCard(page);
  await expect(card).toContainText(/Uploading image \((PNG|JPEG), [\d.]+ (KB|MB)\) to Replicate's Files API/);
  await card.getByRole('button', { name: 'Cancel' }).click();
  await expect(card).toHaveAccessibleName('Job cancelled');
  await expect(card).toContainText('Cancelled while an image was being uploaded: no request was sent to the model');
  // A neutral state, not an error, and nothing sent to the model.
  await expect(card.getByRole('alert')).toHaveCount(0);
  expect(requests.filter((r) => r.url().includes('/predictions'))).toEqual([]);
  // Retry makes a new job that uploads again and runs.
  expect((await request.post('/sandbox/_control', { data: { latencyMs: 0 } })).ok()).toBe(true);
  await card.getByRole('button', { name: 'Retry' }).click();
  await expect(resultCard(page)).toHaveAccessibleName('Job done', { timeout: 30_000 });
  expect(requests.filter((r) => r.method() === 'POST' && r.url().endsWith('/sandbox/replicate/v1/models/black-forest-labs/flux-fill-dev/predictions'))).toHaveLength(1);
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
