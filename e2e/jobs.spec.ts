import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { chooseEndpoint, field, generate, openFresh, openView, recordRequests, resetSandbox, resultCard } from './fixtures/playground';

/** SHA-256 of the bytes behind an <img> (a blob: URL of the stored image). */
async function imageDigest(page: Page, img: ReturnType<Page['locator']>): Promise<string> {
  const src = await img.getAttribute('src');
  return page.evaluate(async (url) => {
    const bytes = await (await fetch(url!)).arrayBuffer();
    const d = await crypto.subtle.digest('SHA-256', bytes);
    return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }, src);
}

test.beforeEach(async ({ page, request }) => {
  await resetSandbox(request);
  await openFresh(page);
});

test('a queued ModelsLab job shows progress against its ETA, then its image', async ({ page, request }) => {
  await resetSandbox(request, { queue: 'always', queueMs: 2500 });
  await chooseEndpoint(page, 'modelslab/text2img');
  await generate(page);
  const card = resultCard(page);
  await expect(card).toHaveAccessibleName('Job queued');
  const bar = card.getByRole('progressbar', { name: /Queued at the provider, ETA/ });
  await expect(bar).toBeVisible();
  await expect(page.getByRole('region', { name: 'Running jobs' })).toContainText('ModelsLab');
  await expect(card).toHaveAccessibleName('Job done', { timeout: 20_000 });
  await expect(card.getByRole('img', { name: /seed \d+/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Running jobs' })).toHaveCount(0);
});

test('a queued job resumes after a reload and completes', async ({ page, request }) => {
  await resetSandbox(request, { queue: 'always', queueMs: 4000 });
  await chooseEndpoint(page, 'modelslab/text2img');
  await generate(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job queued');
  await page.reload();
  const fetches = recordRequests(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job queued');
  await expect(resultCard(page)).toHaveAccessibleName('Job done', { timeout: 20_000 });
  await expect(resultCard(page).getByRole('img', { name: /seed \d+/ })).toBeVisible();
  expect(fetches.some((r) => r.url().includes('/sandbox/modelslab/api/v4/dreambooth/fetch'))).toBe(true);
});

test('a Segmind 429 with Retry-After: the job waits, says so, then succeeds', async ({ page, request }) => {
  await resetSandbox(request, { failNext: { provider: 'segmind', status: 429, count: 1, retryAfter: 2 } });
  await chooseEndpoint(page, 'segmind/sd1.5-dreamshaper');
  const requests = recordRequests(page);
  await generate(page);
  const card = resultCard(page);
  await expect(card.getByText(/Rate limited by Segmind: waiting 2 s/)).toBeVisible();
  await expect(card).toHaveAccessibleName('Job done', { timeout: 15_000 });
  await expect(card.getByRole('img', { name: /seed \d+/ })).toBeVisible();
  const posts = requests.filter((r) => r.method() === 'POST' && r.url().includes('/sandbox/segmind/'));
  expect(posts).toHaveLength(2);
});

test('the key "invalid": a plain message naming the key, no retry, the job failed', async ({ page }) => {
  // The page's timers on Playwright's clock: the test moves time on instead of waiting for it.
  await page.clock.install();
  await page.reload();
  await openView(page, 'Settings');
  await page.getByLabel('Segmind sandbox key').fill('invalid');
  await openView(page, 'Playground');
  await chooseEndpoint(page, 'segmind/sd1.5-dreamshaper');
  const requests = recordRequests(page);
  await generate(page);
  const card = resultCard(page);
  await expect(card).toHaveAccessibleName('Job failed');
  await expect(card.getByRole('alert')).toContainText(/key/i);
  await expect(card.getByRole('alert')).toContainText(/Settings/);
  // A minute later, by the page's clock: whatever a retry would wait for has come and gone.
  await page.clock.runFor(60_000);
  expect(requests.filter((r) => r.method() === 'POST' && r.url().includes('/sandbox/segmind/'))).toHaveLength(1);
});

test('the gallery survives a reload, and "Reuse seed" gives a byte-identical image', async ({ page }) => {
  await chooseEndpoint(page, 'modelslab/text2img');
  await field(page, 'prompt').fill('a lighthouse made of paper');
  await generate(page);
  const first = resultCard(page).getByRole('img', { name: /seed \d+/ });
  await expect(first).toBeVisible();
  const seed = (await resultCard(page).getByLabel('Seed used').textContent())!;
  const firstDigest = await imageDigest(page, first);

  await page.reload();
  await openView(page, 'Gallery');
  const tile = page.getByRole('button', { name: new RegExp(`^Open image, seed ${seed}, `) });
  await expect(tile).toBeVisible();
  await tile.click();
  const dialog = page.getByRole('dialog', { name: 'Image details' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Reuse seed' }).click();

  await expect(field(page, 'seed')).toHaveValue(seed);
  await generate(page);
  const card = resultCard(page);
  await expect(card).toHaveAccessibleName('Job done');
  await expect(card.getByLabel('Seed used')).toHaveText(seed);
  const again = card.getByRole('img', { name: /seed \d+/ });
  await expect(again).toBeVisible();
  expect(await imageDigest(page, again)).toBe(firstDigest);
});

const modelslabPosts = (requests: ReturnType<typeof recordRequests>) =>
  requests.filter((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/sandbox/modelslab/api/v4/dreambooth');

test('cancel on a queued job stops watching; Resume fetches the same job (no second POST) and its image arrives', async ({ page, request }) => {
  // The queue is long enough (15 s) that Cancel comes before the first poll is due even on a busy
  // machine; the page's timers are on Playwright's clock, so the test moves the page's time past it.
  test.setTimeout(120_000);
  await resetSandbox(request, { queue: 'always', queueMs: 15_000 });
  await page.clock.install();
  await page.reload();
  await chooseEndpoint(page, 'modelslab/text2img');
  const requests = recordRequests(page);
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sandbox/modelslab/api/v4/dreambooth');
  await generate(page);
  const answer = await posted;
  const { fetch_result: fetchUrl } = (await answer.json()) as { fetch_result: string };
  const { key } = answer.request().postDataJSON() as { key: string };
  const card = resultCard(page);
  await expect(card).toHaveAccessibleName('Job queued');
  await card.getByRole('button', { name: 'Cancel' }).click();
  await expect(card).toHaveAccessibleName('Job cancelled');
  // A neutral state, not an error.
  await expect(card.getByRole('alert')).toHaveCount(0);
  await expect(card.getByRole('status').filter({ hasText: 'Stopped watching' })).toContainText('may finish and bill it');
  await expect(card.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  // Past the ETA (15 s) by the page's clock, when the first poll would have been due; nobody fetches it.
  await page.clock.runFor(20_000);
  // The provider finishes the job meanwhile (asked by the test itself, not the page).
  const providerStatus = async () => ((await (await request.post(fetchUrl, { data: { key } })).json()) as { status: string }).status;
  await expect.poll(providerStatus, { timeout: 40_000 }).toBe('success');
  expect(requests.filter((r) => r.url().includes('/fetch'))).toEqual([]);
  await card.getByRole('button', { name: 'Resume' }).click();
  await expect(resultCard(page)).toHaveAccessibleName('Job done', { timeout: 20_000 });
  await expect(resultCard(page).getByRole('img', { name: /seed \d+/ })).toBeVisible();
  expect(modelslabPosts(requests)).toHaveLength(1);
  expect(requests.some((r) => r.url().includes('/sandbox/modelslab/api/v4/dreambooth/fetch'))).toBe(true);
});

test('cancel of a request in flight says the provider may still bill it', async ({ page, request }) => {
  await resetSandbox(request, { latencyMs: 4000 });
  await chooseEndpoint(page, 'segmind/sd1.5-dreamshaper');
  await generate(page);
  const card = resultCard(page);
  await expect(card).toHaveAccessibleName('Job sending');
  await card.getByRole('button', { name: 'Cancel' }).click();
  await expect(card).toHaveAccessibleName('Job cancelled');
  // The user's own choice: said in a status line, not as an error.
  await expect(card.getByRole('status').filter({ hasText: 'may still bill it' })).toBeVisible();
  await expect(card.getByRole('alert')).toHaveCount(0);
});

test('a request in flight during a reload becomes "interrupted", and Retry sends it again with the same seed', async ({ page, request }) => {
  await resetSandbox(request, { latencyMs: 4000 });
  await chooseEndpoint(page, 'segmind/sd1.5-dreamshaper');
  await field(page, 'seed').fill('4242');
  await generate(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job sending');
  await page.reload();
  const card = resultCard(page);
  await expect(card).toHaveAccessibleName('Job interrupted');
  await expect(card.getByRole('alert')).toContainText('reloaded while this request was in flight');
  await resetSandbox(request);
  await card.getByRole('button', { name: 'Retry' }).click();
  await expect(resultCard(page)).toHaveAccessibleName('Job done');
  await expect(resultCard(page).getByLabel('Seed used')).toHaveText('4242');
});

test('gallery tiles stay square whatever the image shape, so rows never overlap', async ({ page }) => {
  await chooseEndpoint(page, 'segmind/sd1.5-dreamshaper'); // the document's example is 512×768
  await generate(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job done');
  await openView(page, 'Gallery');
  const tile = page.getByRole('button', { name: /^Open image, seed \d+, Segmind/ });
  await expect(tile.locator('img')).toBeVisible();
  const box = (await tile.boundingBox())!;
  // A square thumbnail over a one-line caption.
  expect(box.height).toBeGreaterThan(box.width);
  expect(box.height).toBeLessThan(box.width + 48);
});
