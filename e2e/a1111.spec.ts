/**
 * The AUTOMATIC1111 provider end to end against its twin (/sandbox/a1111): progress polled
 * while the POST runs (bar, ETA, live preview), the image and its seed from info.all_seeds,
 * Cancel as the server's interrupt, the inpainting pixel rule, and a three-way Compare.
 */
import { expect, test } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';
import { A1111_TXT2IMG, COMPARISON_DONE_MS, keepCompareTargets } from './fixtures/compare';
import { chooseEndpoint, field, generate, openFresh, openView, recordRequests, resetSandbox, resultCard, reloadForNewHost } from './fixtures/playground';

async function resetA1111(request: APIRequestContext, settings?: { stepMs?: number; loadMs?: number; apiAuth?: string | null; holdAtStep?: number | null }) {
  expect((await request.post('/sandbox/a1111/_control/reset')).ok()).toBe(true);
  if (settings) expect((await request.post('/sandbox/a1111/_control', { data: settings })).ok()).toBe(true);
}

/** The twin's running job goes on to `step` and waits there (null: runs to the end). */
async function holdAt(request: APIRequestContext, step: number | null) {
  expect((await request.post('/sandbox/a1111/_control', { data: { holdAtStep: step } })).ok()).toBe(true);
}

const progressBar = (page: Page) => resultCard(page).getByRole('progressbar', { name: 'Generation progress' });
const livePreview = (page: Page) => resultCard(page).getByRole('img', { name: 'Live preview' });

test.beforeEach(async ({ page, request }) => {
  await resetSandbox(request);
  await resetA1111(request);
  await openFresh(page);
});

test('txt2img: the progress bar moves, the live preview changes, then the image and its seed', async ({ page, request }) => {
  // The twin holds the job after step 4, then 8, then 12 of 20 (holdAtStep), a new preview every 4
  // steps (a WebUI option): each state stays on screen until the test has seen it, however slow the machine.
  await resetA1111(request, { stepMs: 20, holdAtStep: 4 });
  expect((await request.post('/sandbox/a1111/sdapi/v1/options', { data: { show_progress_every_n_steps: 4 } })).ok()).toBe(true);
  await chooseEndpoint(page, 'a1111/txt2img');
  await field(page, 'seed').fill('1234');
  const requests = recordRequests(page);
  await generate(page);

  await expect(progressBar(page)).toBeVisible();
  const previews: string[] = [];
  for (const step of [4, 8, 12]) {
    if (step > 4) await holdAt(request, step);
    // The twin's fraction: 0.01 + step / steps (the WebUI's formula).
    await expect(progressBar(page)).toHaveAttribute('aria-valuenow', String(Math.round((0.01 + step / 20) * 100)));
    await expect(livePreview(page)).toBeVisible();
    await expect.poll(async () => (await livePreview(page).getAttribute('src')) ?? '').not.toBe(previews.at(-1) ?? '');
    previews.push((await livePreview(page).getAttribute('src')) ?? '');
  }
  expect(new Set(previews).size).toBe(3);
  await expect(resultCard(page).getByLabel('Time left')).toHaveText(/^(ETA \d+\.\d s|waiting for the server)$/);
  await holdAt(request, null);

  await expect(resultCard(page)).toHaveAccessibleName('Job done', { timeout: 15_000 });
  await expect(progressBar(page)).toHaveCount(0);
  const image = resultCard(page).getByRole('img', { name: /seed 1234$/ });
  await expect(image).toBeVisible();
  await expect(resultCard(page).getByLabel('Seed used')).toHaveText('1234');
  await expect(resultCard(page).locator('figcaption')).toContainText('seed 1234');
  // Progress was polled through GET /sdapi/v1/progress while the POST ran.
  expect(requests.filter((r) => r.method() === 'GET' && r.url().includes('/sandbox/a1111/sdapi/v1/progress')).length).toBeGreaterThan(2);
  const post = requests.find((r) => r.method() === 'POST' && r.url().endsWith('/sandbox/a1111/sdapi/v1/txt2img'))!;
  expect(post.postDataJSON()).toMatchObject({ seed: 1234, steps: 20, sampler_name: 'DPM++ 2M' });
});

test('a batch of two: each image shows its own seed from info.all_seeds', async ({ page }) => {
  await chooseEndpoint(page, 'a1111/txt2img');
  await field(page, 'seed').fill('500');
  await field(page, 'batch_size').fill('2');
  await generate(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job done', { timeout: 15_000 });
  await expect(resultCard(page).getByRole('img', { name: /^Result 1 of a1111\/txt2img, seed 500$/ })).toBeVisible();
  await expect(resultCard(page).getByRole('img', { name: /^Result 2 of a1111\/txt2img, seed 501$/ })).toBeVisible();
});

test('Cancel interrupts the server, which answers with what it made', async ({ page, request }) => {
  // Held after step 5 of 20 until the interrupt lets it go: without it the job would never end.
  await resetA1111(request, { stepMs: 20, holdAtStep: 5 });
  await chooseEndpoint(page, 'a1111/txt2img');
  const requests = recordRequests(page);
  await generate(page);
  await expect(progressBar(page)).toHaveAttribute('aria-valuenow', '26');
  await resultCard(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(resultCard(page)).toHaveAccessibleName('Job cancelled', { timeout: 10_000 });
  // The user's own choice: said in a status line, not as an error.
  await expect(resultCard(page).getByRole('status').filter({ hasText: 'Interrupted' })).toBeVisible();
  await expect(resultCard(page).getByRole('alert')).toHaveCount(0);
  // The picture as it stood when interrupted, with its seed.
  await expect(resultCard(page).getByRole('img', { name: /seed \d+$/ })).toBeVisible();
  expect(requests.filter((r) => r.method() === 'POST' && r.url().endsWith('/sandbox/a1111/sdapi/v1/interrupt'))).toHaveLength(1);
  const info = await (await request.get('/sandbox/a1111/sdapi/v1/progress')).json();
  expect(info.state.job_count).toBe(0);
});

// Like WebUI 1.10, the twin loads another checkpoint first (job_count -1) and takes its default
// sampler for a name it does not know, silently: the card says both.
test('a model load shows "Loading model…"; a mistyped sampler is named on the card', async ({ page, request }) => {
  // The load is held (a minute) until the test has seen it, then let go (loadMs 0).
  await resetA1111(request, { loadMs: 60_000, stepMs: 40 });
  await chooseEndpoint(page, 'a1111/txt2img');
  await field(page, 'sampler_name').fill('Eulr a');
  await field(page, 'sd_model_checkpoint').fill('dreamshaper_8');
  await field(page, 'steps').fill('10');
  await generate(page);
  await expect(resultCard(page).getByText('Loading model…')).toBeVisible();
  expect((await request.post('/sandbox/a1111/_control', { data: { loadMs: 0 } })).ok()).toBe(true);
  await expect(resultCard(page).getByRole('img').first()).toBeVisible();
  await expect(resultCard(page).getByText(/The server used sampler "DPM\+\+ 2M", not "Eulr a" as asked/)).toBeVisible();
});

test('the sampler field offers the server list as suggestions', async ({ page }) => {
  await chooseEndpoint(page, 'a1111/txt2img');
  const sampler = field(page, 'sampler_name');
  const listId = await sampler.getAttribute('list');
  expect(listId).toBeTruthy();
  const twin = (await (await page.request.get('/sandbox/a1111/sdapi/v1/samplers')).json()) as Array<{ name: string }>;
  await expect
    .poll(() => page.locator(`datalist[id="${listId}"] option`).evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)))
    .toEqual(twin.map((s) => s.name));
});

test('typing a base URL asks the server lists only of the finished URL, with the login only there', async ({ page }) => {
  await chooseEndpoint(page, 'a1111/txt2img');
  await openView(page, 'Settings');
  const card = page.getByRole('group', { name: 'AUTOMATIC1111 (Stable Diffusion WebUI)' });
  await card.getByLabel('Your server').check();
  await card.getByLabel(/user/).fill('alice');
  await card.getByLabel(/password/).fill('s3cret');
  const base = card.getByLabel(/base URL$/);
  await base.fill('');
  await base.blur();
  const final = `${new URL(page.url()).origin}/sandbox/a1111`;
  const lists = recordRequests(page);
  const listUrl = (r: { url(): string }) => /\/sdapi\/v1\/(sd-models|samplers|schedulers)$/.test(r.url());
  // One key at a time, as a person types; then a pause (no blur, no Enter) commits it.
  await base.pressSequentially(final);
  await expect.poll(() => lists.filter((r) => listUrl(r) && r.url().startsWith(`${final}/`)).length, { timeout: 10_000 }).toBe(3);
  const asked = lists.filter(listUrl);
  expect(asked.map((r) => r.url()).filter((u) => !u.startsWith(`${final}/`))).toEqual([]);
  expect(lists.filter((r) => r.headers()['authorization'] && !r.url().startsWith(`${final}/`)).map((r) => r.url())).toEqual([]);
  expect(asked[0]!.headers()['authorization']).toBe(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
});

test('inpainting keeps every black-mask pixel', async ({ page }) => {
  await chooseEndpoint(page, 'a1111/inpaint');
  await page.getByRole('button', { name: 'Use sample image' }).click();
  const stage = page.getByRole('img', { name: /^(Mask canvas|Init image)/ });
  await expect(stage).toHaveAccessibleName(/512×512/);
  const box = (await stage.boundingBox())!;
  const cy = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.3, cy);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + box.width * (0.3 + (0.4 * i) / 12), cy, { steps: 2 });
  await page.mouse.up();
  const maskSrc = (await page.getByRole('img', { name: 'Mask as sent' }).getAttribute('src'))!;
  await field(page, 'denoising_strength').fill('1');
  await generate(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job done', { timeout: 15_000 });
  const resultSrc = (await resultCard(page).getByRole('img', { name: /seed \d+/ }).getAttribute('src'))!;
  const c = await page.evaluate(
    async ({ resultSrc, maskSrc }) => {
      const read = async (src: string, w?: number, h?: number) => {
        const bmp = await createImageBitmap(await (await fetch(src)).blob());
        const cv = new OffscreenCanvas(w ?? bmp.width, h ?? bmp.height);
        const ctx = cv.getContext('2d')!;
        ctx.imageSmoothingEnabled = false;
        ctx.drawImage(bmp, 0, 0, cv.width, cv.height);
        return { w: bmp.width, h: bmp.height, data: ctx.getImageData(0, 0, cv.width, cv.height).data };
      };
      const result = await read(resultSrc);
      const init = await read('/samples/init-512.png', result.w, result.h);
      const mask = await read(maskSrc, result.w, result.h);
      const out = { w: result.w, h: result.h, keep: 0, keepChanged: 0, repaint: 0, repaintChanged: 0 };
      for (let i = 0; i < result.data.length; i += 4) {
        let max = 0;
        for (let k = 0; k < 3; k++) max = Math.max(max, Math.abs(result.data[i + k]! - init.data[i + k]!));
        if (mask.data[i]! >= 128) {
          out.repaint++;
          if (max > 24) out.repaintChanged++;
        } else {
          out.keep++;
          if (max > 0) out.keepChanged++;
        }
      }
      return out;
    },
    { resultSrc, maskSrc },
  );
  expect([c.w, c.h]).toEqual([512, 512]);
  expect(c.keep).toBeGreaterThan(512 * 400);
  expect(c.repaint).toBeGreaterThan(512 * 4);
  expect(c.keepChanged).toBe(0);
  expect(c.repaintChanged / c.repaint).toBeGreaterThan(0.5);
});

test('a Compare of ModelsLab, Segmind and A1111 on one prompt and seed shows three columns', async ({ page }) => {
  // A comparison's generations run at once in the server's process: slow on a busy machine (COMPARISON_DONE_MS).
  test.slow();
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Compare providers' })).toBeVisible();
  const targets = page.getByRole('region', { name: 'Targets' });
  // The text-to-image preset lists every provider: keep these three.
  await keepCompareTargets(page, ['ModelsLab text2img', 'Segmind sd1.5-dreamshaper', A1111_TXT2IMG]);
  await expect(targets).toContainText('Targets (3)');
  await page.getByLabel('Prompt', { exact: true }).fill('a lighthouse on a cliff at dusk');
  await page.getByLabel('Seed', { exact: true }).fill('777');
  const requests = recordRequests(page);
  await page.getByRole('button', { name: 'Run comparison (3 requests)' }).click();
  const labels = ['ModelsLab text2img', 'Segmind sd1.5-dreamshaper', 'AUTOMATIC1111 (Stable Diffusion WebUI) txt2img'];
  for (const label of labels) {
    const col = page.getByRole('article', { name: `Result: ${label}` });
    await expect(col.getByText('done', { exact: true })).toBeVisible({ timeout: COMPARISON_DONE_MS });
    await expect(col.getByRole('img', { name: `${label}, seed 777` })).toBeVisible();
    await expect(col.getByLabel('Seed used')).toHaveText('777');
  }
  await expect(page.getByRole('article', { name: /^Result: / })).toHaveCount(3);
  const a1111 = requests.find((r) => r.method() === 'POST' && r.url().endsWith('/sandbox/a1111/sdapi/v1/txt2img'))!;
  expect(a1111.postDataJSON()).toMatchObject({ prompt: 'a lighthouse on a cliff at dusk', seed: 777 });
});

test('a 2×2 sweep of seed × guidance on A1111 gives four labelled images, kept in the gallery', async ({ page }) => {
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await keepCompareTargets(page, [A1111_TXT2IMG]);
  await page.getByRole('tab', { name: 'Sweep' }).click();
  await page.getByLabel('X axis').selectOption('seed');
  await page.getByLabel('X values').fill('11, 22');
  await page.getByLabel('Y axis').selectOption('guidance');
  await page.getByLabel('Y values').fill('5, 9');
  const requests = recordRequests(page);
  await page.getByRole('button', { name: 'Run sweep (4)' }).click();
  const grid = page.getByRole('table', { name: 'Sweep grid: AUTOMATIC1111 (Stable Diffusion WebUI) txt2img' });
  for (const seed of [11, 22]) {
    for (const g of [5, 9]) await expect(grid.getByRole('img', { name: `seed ${seed} · guidance ${g}, seed ${seed}` })).toBeVisible({ timeout: 20_000 });
  }
  const bodies = requests
    .filter((r) => r.method() === 'POST' && r.url().endsWith('/sandbox/a1111/sdapi/v1/txt2img'))
    .map((r) => r.postDataJSON() as { seed: number; cfg_scale: number });
  expect(bodies.map((b) => [b.seed, b.cfg_scale]).sort()).toEqual([[11, 5], [11, 9], [22, 5], [22, 9]]);
  await page.getByRole('button', { name: 'Gallery', exact: true }).click();
  const gallery = page.getByRole('region', { name: 'Gallery' });
  await expect(gallery.getByText('4 images in 4 jobs')).toBeVisible();
  await expect(gallery.getByRole('button', { name: /^Open image, seed (11|22), A1111 txt2img, seed (11|22) · guidance (5|9), / })).toHaveCount(4);
});

test('a running A1111 job shows one progress bar, the server’s', async ({ page, request }) => {
  // Held after step 2 while the test looks, then let go.
  await resetA1111(request, { stepMs: 20, holdAtStep: 2 });
  await chooseEndpoint(page, 'a1111/txt2img');
  await generate(page);
  await expect(progressBar(page)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Running jobs' })).toContainText('AUTOMATIC1111');
  // Not a second one on its card, nor a third in Running jobs (which still shows its elapsed time).
  await expect(page.getByRole('region', { name: 'Results' }).getByRole('progressbar')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Running jobs' })).toContainText(/\d+\.\d s elapsed/);
  await holdAt(request, null);
  await expect(resultCard(page)).toHaveAccessibleName('Job done', { timeout: 20_000 });
});

test('Settings: the A1111 card is "Your server" with a user and password; an unreachable server names this page’s origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await openView(page, 'Settings');
  const card = page.getByRole('group', { name: 'AUTOMATIC1111 (Stable Diffusion WebUI)' });
  await expect(card.getByLabel('Live (your key)')).toHaveCount(0);
  await card.getByRole('radiogroup', { name: 'AUTOMATIC1111 (Stable Diffusion WebUI) mode' }).getByLabel('Your server').check();
  await expect(card.getByLabel('AUTOMATIC1111 (Stable Diffusion WebUI) user (optional)')).toBeVisible();
  await expect(card.getByLabel('AUTOMATIC1111 (Stable Diffusion WebUI) password (optional)')).toHaveAttribute('type', 'password');
  await expect(card.getByText('Login, as user:password (sent as HTTP Basic auth).')).toBeVisible();
  await expect(card.getByText(`--cors-allow-origins=${origin} `)).toBeVisible();
  await expect(card).not.toContainText('origin>');
  // Nothing listens on port 9: the browser cannot reach it, and the hint says which origin to allow.
  await card.getByLabel('AUTOMATIC1111 (Stable Diffusion WebUI) base URL').fill('http://127.0.0.1:9');
  await card.getByLabel('AUTOMATIC1111 (Stable Diffusion WebUI) base URL').press('Enter');
  // A port the page's policy did not list when it loaded: Settings asks for a reload.
  await reloadForNewHost(page, 'AUTOMATIC1111 (Stable Diffusion WebUI)');
  await openView(page, 'Playground');
  await chooseEndpoint(page, 'a1111/txt2img');
  await generate(page);
  const alert = resultCard(page).getByRole('alert');
  await expect(alert).toContainText(`--cors-allow-origins=${origin},`);
  await expect(alert).not.toContainText('origin>');
});

test('with the twin’s Basic auth on, the Sandbox card asks for a login: a wrong one is named, the right one generates', async ({ page, request }) => {
  await resetA1111(request, { apiAuth: 'alice:secret' });
  await openView(page, 'Settings');
  const card = page.getByRole('group', { name: 'AUTOMATIC1111 (Stable Diffusion WebUI)' });
  const login = card.getByLabel('AUTOMATIC1111 (Stable Diffusion WebUI) sandbox login');
  await expect(card.getByText('The twin asks for no login unless its Basic auth is turned on')).toBeVisible();
  await login.fill('alice:wrong');
  await openView(page, 'Playground');
  await chooseEndpoint(page, 'a1111/txt2img');
  await generate(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job failed');
  await expect(resultCard(page).getByRole('alert')).toContainText('did not accept this one (HTTP 401): "Incorrect username or password"');
  await expect(resultCard(page).getByRole('alert')).toContainText('In Settings, enter the login as user:password');

  await openView(page, 'Settings');
  await login.fill('alice:secret');
  await openView(page, 'Playground');
  await generate(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job done', { timeout: 20_000 });
});
