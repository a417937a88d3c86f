import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { chooseEndpoint, field, generate, openFresh, recordRequests, resetSandbox, resultCard } from './fixtures/playground';

test.beforeEach(async ({ page, request }) => {
  await resetSandbox(request);
  await openFresh(page);
});

const TEXT_TO_IMAGE = [
  { endpoint: 'dreamrender/generate_image', prompt: 'a red shoe on a wooden table' },
  { endpoint: 'modelslab/text2img', prompt: 'papercraft lighthouse at dusk' },
  { endpoint: 'segmind/sd1.5-dreamshaper', prompt: 'fantasy village in fog' },
];

for (const { endpoint, prompt } of TEXT_TO_IMAGE) {
  test(`${endpoint}: fill the prompt, generate, see the image and its seed`, async ({ page }) => {
    await chooseEndpoint(page, endpoint);
    await field(page, 'prompt').fill(prompt);
    await generate(page);
    const card = resultCard(page);
    await expect(card).toHaveAccessibleName('Job done');
    const img = card.getByRole('img', { name: /^Result 1 of .*seed \d+/ });
    await expect(img).toBeVisible();
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    const seed = await card.getByLabel('Seed used').textContent();
    expect(seed).toMatch(/^\d+$/);
    // The seed that was drawn is the one that was sent.
    await expect(page.getByRole('region', { name: 'Request as sent' }).getByLabel('Request body')).toContainText(seed!);
  });
}

test('first run opens on a text-to-image endpoint in Sandbox mode with an example prompt', async ({ page }) => {
  await expect(page.getByLabel('Endpoint')).toHaveValue('modelslab/text2img');
  await expect(field(page, 'prompt')).not.toHaveValue('');
  await expect(page.getByText('Sandbox: the local twin answers')).toBeVisible();
  await expect(page.getByText('No image yet.')).toBeVisible();
});

test('an out-of-range value shows inline and no request leaves', async ({ page }) => {
  await chooseEndpoint(page, 'modelslab/text2img');
  const requests = recordRequests(page);
  await field(page, 'width').fill('2000');
  await generate(page);
  await expect(page.locator('#playground-form-width-error')).toBeVisible();
  await expect(field(page, 'width')).toHaveAttribute('aria-invalid', 'true');
  // The handler that would send shows this refusal instead: once it is on screen, nothing left.
  await expect(page.getByRole('status').filter({ hasText: 'nothing was sent' })).toBeVisible();
  // The proxy's status ping (GET /proxy/_ping, loaded with the form) is not a request to a provider.
  const toProvider = (r: { url(): string }) => r.url().includes('/sandbox/') || (r.url().includes('/proxy/') && !r.url().endsWith('/proxy/_ping'));
  expect(requests.filter(toProvider)).toEqual([]);
  // Ctrl+Enter does not send either.
  await field(page, 'prompt').press('Control+Enter');
  // The refused submit moves the focus to the first field to fix: it has run.
  await expect(field(page, 'width')).toBeFocused();
  expect(requests.filter((r) => r.url().includes('/sandbox/'))).toEqual([]);
});

test('the copied cURL for DreamRender has the fields of the document example', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await chooseEndpoint(page, 'dreamrender/generate_image');
  // The prompt follows the user from the endpoint shown before; the document's example says "shoe".
  await field(page, 'prompt').fill('shoe');
  await page.getByRole('button', { name: 'Copy as cURL' }).click();
  await expect(page.getByText('cURL copied')).toBeVisible();
  const copied: string = await page.evaluate(() => navigator.clipboard.readText());
  const formFields = (text: string) => [...text.matchAll(/--form '([^=]+)="(.*)"'/g)].map((m) => [m[1], m[2]]);
  const example = formFields(readFileSync(new URL('./fixtures/dreamrender-curl-example.txt', import.meta.url), 'utf8'));
  expect(example).toHaveLength(15);
  const expected = example.map(([k, v]) => [k, k === 'dev_key' ? '<YOUR_API_KEY>' : v]);
  expect(formFields(copied)).toEqual(expected);
  expect(copied).toContain('/api/generate_image');
});
