/**
 * Issue 24: models added by name. A Replicate model (owner/name) and a fal model (its id), their
 * schemas fetched from the twins, show their fields in order with their limits, run, and land in
 * the gallery with their seeds; they stay after a reload; errors are said in plain words; a model
 * whose schema changed refreshes its form while its old jobs still open.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { keepCompareTargets } from './fixtures/compare';
import { field, generate, openFresh, openView, recordRequests, resetSandbox, resultCard } from './fixtures/playground';

const DEV_V1 = '5b8c7e3a0f2d4b6c9e1a3d5f7b9c1e3a5d7f9b1c3e5a7d9f1b3c5e7a9d1f3b5c';
const DEV_V2 = 'a1d4e7b0c3f6a9d2e5b8c1f4a7d0e3b6c9f2a5d8e1b4c7f0a3d6e9b2c5f8a1d4';

test.beforeEach(async ({ page, request }) => {
  await resetSandbox(request);
  expect((await request.post('/sandbox/replicate/_control/reset')).ok()).toBe(true);
  expect((await request.post('/sandbox/fal-queue/_control/reset')).ok()).toBe(true);
  await openFresh(page);
});

async function addModel(page: Page, provider: 'Replicate' | 'fal', name: string) {
  const panel = page.getByRole('group', { name: 'Add model' });
  if (!(await panel.isVisible())) await page.getByText('Add a model from Replicate or fal').click();
  await panel.getByLabel('Model provider').selectOption({ label: provider });
  await panel.getByLabel('Model name').fill(name);
  await panel.getByRole('button', { name: 'Add model' }).click();
}

async function fieldOrder(page: Page): Promise<string[]> {
  return page
    .getByRole('form')
    .locator('[id^="playground-form-"]')
    .evaluateAll((els) => els.map((el) => el.id.replace(/^playground-form-/, '')).filter((id) => /^[a-z_]+$/.test(id)));
}

async function runWithSeed(page: Page, prompt: string, seed: string) {
  await field(page, 'prompt').fill(prompt);
  await field(page, 'seed').fill(seed);
  await generate(page);
  const card = resultCard(page);
  await expect(card).toHaveAccessibleName('Job done', { timeout: 30_000 });
  await expect(card.getByLabel('Seed used')).toHaveText(seed);
}

test('a Replicate model added by name shows its fields in order with their limits, runs by its version, lands in the gallery, and stays', async ({ page }) => {
  await addModel(page, 'Replicate', 'black-forest-labs/flux-dev');
  await expect(page.getByRole('status').filter({ hasText: 'Added black-forest-labs/flux-dev (schema version 5b8c7e3a).' })).toBeVisible();
  await expect(page.getByLabel('Endpoint')).toHaveValue('replicate/black-forest-labs/flux-dev');
  const order = await fieldOrder(page);
  expect(order.slice(0, 4)).toEqual(['prompt', 'aspect_ratio', 'num_outputs', 'seed']);
  expect(order.indexOf('guidance')).toBeLessThan(order.indexOf('num_inference_steps'));
  await expect(page.getByRole('slider', { name: 'num_inference_steps slider' })).toHaveAttribute('max', '50');
  await expect(page.getByRole('slider', { name: 'num_outputs slider' })).toHaveAttribute('max', '4');
  const requests = recordRequests(page);
  await runWithSeed(page, 'a lighthouse on a cliff at dusk', '4321');
  const create = requests.find((r) => r.method() === 'POST' && r.url().endsWith('/sandbox/replicate/v1/predictions'))!;
  expect(create.postDataJSON()).toMatchObject({ version: DEV_V1, input: { prompt: 'a lighthouse on a cliff at dusk', seed: 4321 } });
  await openView(page, 'Gallery');
  await expect(page.getByRole('button', { name: /^Open image, seed 4321/ })).toBeVisible();
  // Kept in this browser: after a reload it is still an endpoint, in the gallery's filter too.
  await page.reload();
  await expect(page.getByRole('button', { name: /^Open image, seed 4321/ })).toBeVisible();
  await openView(page, 'Playground');
  await expect(page.getByLabel('Endpoint').locator('option[value="replicate/black-forest-labs/flux-dev"]')).toHaveCount(1);
});

test('a fal model added by id shows its fields in order with their limits, runs through the queue and lands in the gallery', async ({ page }) => {
  await addModel(page, 'fal', 'fal-ai/flux/dev');
  await expect(page.getByRole('status').filter({ hasText: /^Added fal-ai\/flux\/dev \(schema version [0-9a-f]{8}\)\.$/ })).toBeVisible();
  await expect(page.getByLabel('Endpoint')).toHaveValue('fal/fal-ai/flux/dev');
  expect((await fieldOrder(page)).slice(0, 4)).toEqual(['prompt', 'image_size', 'num_inference_steps', 'seed']);
  await expect(page.getByRole('slider', { name: 'num_inference_steps slider' })).toHaveAttribute('max', '50');
  await expect(field(page, 'image_size').locator('option:checked')).toHaveText('landscape_4_3');
  const requests = recordRequests(page);
  await runWithSeed(page, 'a kite over the dunes', '778');
  expect(requests.some((r) => r.method() === 'POST' && r.url().endsWith('/sandbox/fal-queue/fal-ai/flux/dev'))).toBe(true);
  await openView(page, 'Gallery');
  await expect(page.getByRole('button', { name: /^Open image, seed 778/ })).toBeVisible();
});

test('an unknown model, a refused key and a malformed name are said in plain words, and nothing is added', async ({ page }) => {
  await addModel(page, 'Replicate', 'nobody/no-such-model');
  await expect(page.getByRole('alert')).toHaveText(/Replicate has no model nobody\/no-such-model \(404 Not found\)/);
  await addModel(page, 'fal', 'fal-ai/no-such-model');
  await expect(page.getByRole('alert')).toHaveText(/fal has no model fal-ai\/no-such-model \(404/);
  await addModel(page, 'Replicate', 'flux-dev');
  await expect(page.getByRole('alert')).toHaveText(/Type a Replicate model as owner\/name/);
  await openView(page, 'Settings');
  await page.getByLabel('Replicate sandbox key').fill('invalid');
  await openView(page, 'Playground');
  await addModel(page, 'Replicate', 'black-forest-labs/flux-dev');
  await expect(page.getByRole('alert')).toHaveText(/Replicate refused the key \(401\)/);
  await expect(page.getByText('No models added yet')).toBeVisible();
});

test('a model whose schema cannot be read is said in plain words, and nothing is lost', async ({ page }) => {
  await addModel(page, 'Replicate', 'black-forest-labs/flux-dev');
  await expect(page.getByLabel('Endpoint')).toHaveValue('replicate/black-forest-labs/flux-dev');
  await field(page, 'prompt').fill('a harbour at dawn');
  // Its required input is a list of images: no form can fill it.
  await addModel(page, 'Replicate', 'flux-kontext-apps/multi-image-list');
  await expect(page.getByRole('alert')).toHaveText(
    /The schema of flux-kontext-apps\/multi-image-list cannot be read: The model’s required input "input_images" is one this playground cannot fill \(.+\)\. The model was not added\./,
  );
  // What was there stays: the endpoint on screen, what was typed, the model added before.
  await expect(page.getByLabel('Endpoint')).toHaveValue('replicate/black-forest-labs/flux-dev');
  await expect(field(page, 'prompt')).toHaveValue('a harbour at dawn');
  await expect(page.getByLabel('Endpoint').locator('option[value="replicate/flux-kontext-apps/multi-image-list"]')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Added models' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Added models' })).toContainText('black-forest-labs/flux-dev');
  await page.reload();
  await expect(page.getByLabel('Endpoint').locator('option[value="replicate/black-forest-labs/flux-dev"]')).toHaveCount(1);
});

test('a model whose schema changed refreshes its form, and its old jobs still open', async ({ page, request }) => {
  await addModel(page, 'Replicate', 'black-forest-labs/flux-dev');
  await expect(page.getByLabel('Endpoint')).toHaveValue('replicate/black-forest-labs/flux-dev');
  await expect(field(page, 'prompt_strength')).toHaveCount(0);
  await field(page, 'guidance').fill('8');
  await runWithSeed(page, 'an old harbour', '9090');
  // A new version is published on the twin.
  expect((await request.post('/sandbox/replicate/_control', { data: { latest: { 'black-forest-labs/flux-dev': DEV_V2 } } })).ok()).toBe(true);
  await page.getByRole('button', { name: 'Refresh black-forest-labs/flux-dev' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'new schema version a1d4e7b0 (was 5b8c7e3a)' })).toBeVisible();
  await expect(field(page, 'prompt_strength')).toBeVisible();
  await expect(field(page, 'prompt')).toHaveValue('an old harbour');
  // The old job opens, with the version it ran with, and its parameters come back into the new form.
  await openView(page, 'Gallery');
  await page.getByRole('button', { name: /^Open image, seed 9090/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText(DEV_V1, { exact: true })).toBeVisible();
  await expect(dialog.getByText('an old harbour').first()).toBeVisible();
  await dialog.getByRole('button', { name: 'Reuse parameters' }).click();
  await expect(page.getByLabel('Endpoint')).toHaveValue('replicate/black-forest-labs/flux-dev');
  await expect(field(page, 'prompt')).toHaveValue('an old harbour');
  await expect(field(page, 'guidance')).toHaveValue('8');
  await expect(field(page, 'prompt_strength')).toBeVisible();
  // A new run uses the new version. (Waited for as a request: the first card on the page may still
  // be the old job, done already.)
  const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/sandbox/replicate/v1/predictions'));
  await field(page, 'guidance').fill('4');
  await generate(page);
  expect((await posted).postDataJSON()).toMatchObject({ version: DEV_V2, input: { guidance: 4 } });
  // The card shown is the new job's from before its request left: it finishes.
  await expect(resultCard(page).first()).toHaveAccessibleName('Job done', { timeout: 30_000 });
});

test('added models are Compare targets: ModelsLab, an added Replicate model and an added fal model give three columns', async ({ page }) => {
  await addModel(page, 'Replicate', 'black-forest-labs/flux-dev');
  await expect(page.getByLabel('Endpoint')).toHaveValue('replicate/black-forest-labs/flux-dev');
  await addModel(page, 'fal', 'fal-ai/flux/dev');
  await expect(page.getByLabel('Endpoint')).toHaveValue('fal/fal-ai/flux/dev');
  await openView(page, 'Compare');
  const labels = ['ModelsLab text2img', 'Replicate black-forest-labs/flux-dev', 'fal fal-ai/flux/dev'];
  await keepCompareTargets(page, labels);
  await page.getByLabel('Prompt', { exact: true }).fill('a lighthouse on a cliff at dusk');
  await page.getByLabel('Seed', { exact: true }).fill('6262');
  await page.getByRole('button', { name: 'Run comparison (3 requests)' }).click();
  for (const label of labels) {
    const col = page.getByRole('article', { name: `Result: ${label}` });
    await expect(col.getByRole('img', { name: `${label}, seed 6262` })).toBeVisible({ timeout: 30_000 });
  }
  await expect(page.getByRole('article', { name: /^Result: / })).toHaveCount(3);
});
