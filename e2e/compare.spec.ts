/**
 * Compare providers, end to end against the sandbox twins: fan-out to three
 * providers, one failing without stopping the others, a 2×2 sweep, an
 * inpainting comparison, and a comparison reopened after a reload.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { COMPARISON_DONE_MS, keepCompareTargets, pickComparePreset } from './fixtures/compare';
import { openFresh, recordRequests, resetSandbox, settled } from './fixtures/playground';

const THREE = ['DreamRender-3.0 generate_image', 'ModelsLab text2img', 'Segmind sd1.5-dreamshaper'];

async function openCompare(page: Page) {
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Compare providers' })).toBeVisible();
}

function column(page: Page, label: string) {
  return page.getByRole('article', { name: `Result: ${label}` });
}

function sandboxPosts(requests: ReturnType<typeof recordRequests>, provider: string) {
  return requests.filter((r) => r.method() === 'POST' && r.url().includes(`/sandbox/${provider}/`));
}

async function expectLoaded(img: ReturnType<Page['getByRole']>) {
  await expect(img).toBeVisible({ timeout: COMPARISON_DONE_MS });
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
}

test.beforeEach(async ({ page, request }) => {
  // Each test runs comparisons, their generations at once in the server's process: slow on a
  // busy machine (COMPARISON_DONE_MS), so each test has three times the usual time.
  test.slow();
  await resetSandbox(request);
  await openFresh(page);
  await openCompare(page);
  // Three hosted providers; A1111 is compared in a1111.spec.ts.
  await keepCompareTargets(page, THREE);
});

test('three providers at once give three images with one shared seed and timings', async ({ page }) => {
  await page.getByLabel('Prompt', { exact: true }).fill('a lighthouse on a cliff at dusk');
  const requests = recordRequests(page);
  await page.getByRole('button', { name: 'Run comparison (3 requests)' }).click();

  const seeds: string[] = [];
  for (const label of THREE) {
    const col = column(page, label);
    await expect(col.getByText('done', { exact: true })).toBeVisible({ timeout: COMPARISON_DONE_MS });
    await expectLoaded(col.getByRole('img', { name: new RegExp(`^${label}, seed \\d+$`) }));
    seeds.push((await col.getByLabel('Seed used').textContent())!);
    await expect(col.getByLabel('Latency')).toHaveText(/^\d+\.\d\d s$/);
  }
  // The seed was drawn once, for every target.
  expect(seeds[0]).toMatch(/^\d+$/);
  expect(new Set(seeds).size).toBe(1);
  await expect(page.getByText(`seed ${seeds[0]} for every target`)).toBeVisible();
  // ModelsLab and Segmind report their own generation time.
  await expect(column(page, 'ModelsLab text2img').getByLabel('Provider generation time')).toHaveText(/^\d+\.\d\d s$/);
  await expect(column(page, 'Segmind sd1.5-dreamshaper').getByLabel('Provider generation time')).toHaveText(/^\d+\.\d\d s$/);
  await expect(column(page, 'Segmind sd1.5-dreamshaper').getByLabel('Credits left')).toHaveText(/^\d+$/);
  for (const p of ['dreamrender', 'modelslab', 'segmind']) expect(sandboxPosts(requests, p)).toHaveLength(1);

  // A/B between two of them.
  await page.getByRole('tab', { name: 'A/B' }).click();
  await page.getByLabel('A', { exact: true }).selectOption({ label: 'ModelsLab text2img' });
  await page.getByLabel('B', { exact: true }).selectOption({ label: 'Segmind sd1.5-dreamshaper' });
  await expectLoaded(page.getByRole('img', { name: /^A: ModelsLab text2img, seed \d+$/ }));
  await expectLoaded(page.getByRole('img', { name: /^B: Segmind sd1\.5-dreamshaper, seed \d+$/ }));
  const slider = page.getByLabel('A/B position');
  await slider.fill('20');
  await expect(slider).toHaveValue('20');
});

test('the mapping shows adjusted values, and what is sent is what the schema accepts', async ({ page }) => {
  await page.getByLabel('Steps', { exact: true }).fill('10');
  await page.getByLabel('Width', { exact: true }).fill('600');
  await page.getByLabel('Scheduler', { exact: true }).fill('EulerAncestralDiscreteScheduler');
  const segmind = page.getByRole('table', { name: 'Mapping for Segmind sd1.5-dreamshaper' });
  await expect(segmind.getByRole('row', { name: /num_inference_steps/ })).toContainText('10 is below the minimum 20: 20 is sent');
  await expect(segmind.getByRole('row', { name: /img_width/ })).toContainText('600 is not one of 512, 768, 1024');
  await expect(segmind.getByRole('row', { name: /scheduler/ })).toContainText('is called "Euler a" here');
  const modelslab = page.getByRole('table', { name: 'Mapping for ModelsLab text2img' });
  await expect(modelslab.getByRole('row', { name: /num_inference_steps/ })).toContainText('the nearest, 21, is sent');

  const requests = recordRequests(page);
  await page.getByRole('button', { name: 'Run comparison (3 requests)' }).click();
  await expect(column(page, 'Segmind sd1.5-dreamshaper').getByText('done', { exact: true })).toBeVisible({ timeout: COMPARISON_DONE_MS });
  await expect(column(page, 'ModelsLab text2img').getByText('done', { exact: true })).toBeVisible({ timeout: COMPARISON_DONE_MS });
  const segmindBody = sandboxPosts(requests, 'segmind')[0]!.postDataJSON();
  expect(segmindBody).toMatchObject({ num_inference_steps: 20, img_width: 512, scheduler: 'Euler a' });
  const modelslabBody = sandboxPosts(requests, 'modelslab')[0]!.postDataJSON();
  expect(modelslabBody).toMatchObject({ scheduler: 'EulerAncestralDiscreteScheduler', width: '600' });
  expect(String(modelslabBody.num_inference_steps)).toBe('21');
});

test('with failNext on one provider the other two succeed and the third shows its error', async ({ page, request }) => {
  await resetSandbox(request, { failNext: { provider: 'segmind', status: 500, count: 1 } });
  await page.getByRole('button', { name: 'Run comparison (3 requests)' }).click();
  for (const label of THREE.slice(0, 2)) {
    await expectLoaded(column(page, label).getByRole('img', { name: new RegExp(`^${label}, seed \\d+$`) }));
  }
  const failed = column(page, 'Segmind sd1.5-dreamshaper');
  await expect(failed.getByText('failed', { exact: true })).toBeVisible();
  await expect(failed.getByRole('alert')).toContainText('HTTP 500');
  await expect(failed.getByRole('img')).toHaveCount(0);
  // Retry sends it again, as a new job of the same comparison.
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expectLoaded(failed.getByRole('img', { name: /^Segmind sd1\.5-dreamshaper, seed \d+$/ }));
});

test('a 2×2 sweep of seed × guidance gives four labelled images', async ({ page }) => {
  await keepCompareTargets(page, ['Segmind sd1.5-dreamshaper']);
  await page.getByRole('tab', { name: 'Sweep' }).click();
  await page.getByLabel('X axis').selectOption('seed');
  await page.getByLabel('X values').fill('11, 22');
  await page.getByLabel('Y axis').selectOption('guidance');
  await page.getByLabel('Y values').fill('5, 9');
  // Counted before it runs.
  await expect(page.getByText('4 requests', { exact: true })).toBeVisible();
  const requests = recordRequests(page);
  await page.getByRole('button', { name: 'Run sweep (4)' }).click();
  const grid = page.getByRole('table', { name: 'Sweep grid: Segmind sd1.5-dreamshaper' });
  await expect(grid.getByRole('columnheader')).toHaveText(['guidance ↓ seed →', 'seed 11', 'seed 22']);
  await expect(grid.getByRole('rowheader')).toHaveText(['guidance 5', 'guidance 9']);
  for (const seed of [11, 22]) {
    for (const g of [5, 9]) await expectLoaded(grid.getByRole('img', { name: `seed ${seed} · guidance ${g}, seed ${seed}` }));
  }
  const bodies = sandboxPosts(requests, 'segmind').map((r) => r.postDataJSON() as { seed: number; guidance_scale: number });
  expect(bodies.map((b) => [b.seed, b.guidance_scale]).sort()).toEqual([[11, 5], [11, 9], [22, 5], [22, 9]]);
});

test('the columns zoom and pan together: wheel at the pointer, drag, keys; the page does not scroll', async ({ page }) => {
  await page.getByRole('button', { name: 'Run comparison (3 requests)' }).click();
  const [first, second] = [THREE[1]!, THREE[2]!];
  for (const label of [first, second]) await expectLoaded(column(page, label).getByRole('img', { name: new RegExp(`^${label}, seed \\d+$`) }));
  const frame = (label: string) => column(page, label).getByRole('group', { name: /every result follows\.$/ });
  const transform = (label: string) => frame(label).locator('img').evaluate((el) => (el as HTMLElement).style.transform);
  const level = page.getByLabel('Zoom level');
  await expect(level).toHaveText('100%');

  await frame(first).scrollIntoViewIfNeeded();
  const scrollBefore = await page.evaluate(() => scrollY);
  const box = (await frame(first).boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.25);
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => Number((await level.textContent())!.replace('%', ''))).toBeGreaterThan(150);
  expect(await page.evaluate(() => scrollY)).toBe(scrollBefore);
  const zoomed = await transform(first);
  expect(zoomed).toMatch(/scale\(/);
  expect(await transform(second)).toBe(zoomed);

  // A drag in one column pans every column.
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.75, { steps: 6 });
  await page.mouse.up();
  const panned = await transform(first);
  expect(panned).not.toBe(zoomed);
  expect(await transform(second)).toBe(panned);

  // Keys on the other column: an arrow pans (the drag left the image at its left edge: → shows more of its right), 0 fits every column again.
  await frame(second).focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => transform(first)).not.toBe(panned);
  await page.keyboard.press('0');
  await expect(level).toHaveText('100%');
  expect(await transform(first)).toBe(await transform(second));
  await page.keyboard.press('+');
  await expect(level).toHaveText('125%');
});

test('an inpainting comparison sends one init image and mask to ModelsLab and Segmind and gives two images', async ({ page }) => {
  await pickComparePreset(page, 'Inpainting');
  await keepCompareTargets(page, ['ModelsLab inpaint', 'Segmind sd1.5-inpainting']);
  await expect(page.getByRole('button', { name: 'Run comparison (0 requests)' })).toBeDisabled();
  await page.getByRole('button', { name: 'Use sample image' }).click();
  const stage = page.getByRole('img', { name: /^Mask canvas: 512×512/ });
  await expect(stage).toBeVisible();
  const box = (await stage.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.35);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.65, box.y + box.height * 0.65, { steps: 12 });
  await page.mouse.up();
  const run = page.getByRole('button', { name: 'Run comparison (2 requests)' });
  await expect(run).toBeEnabled();
  const requests = recordRequests(page);
  await run.click();
  for (const label of ['ModelsLab inpaint', 'Segmind sd1.5-inpainting']) {
    await expectLoaded(column(page, label).getByRole('img', { name: new RegExp(`^${label}, seed \\d+$`) }));
  }
  const ml = sandboxPosts(requests, 'modelslab')[0]!.postDataJSON();
  const sg = sandboxPosts(requests, 'segmind')[0]!.postDataJSON();
  // The same init image and mask went to both, each under its own names.
  expect(typeof ml.init_image).toBe('string');
  expect(typeof ml.mask_image).toBe('string');
  expect(sg.image).toBe(ml.init_image);
  expect(sg.mask).toBe(ml.mask_image);
  expect(String(ml.seed)).toBe(String(sg.seed));
});

test('a comparison lands in the gallery and reopens after a reload', async ({ page }) => {
  await page.getByLabel('Prompt', { exact: true }).fill('a red fox in the snow');
  await page.getByLabel('Seed', { exact: true }).fill('4242');
  await page.getByRole('button', { name: 'Run comparison (3 requests)' }).click();
  for (const label of THREE) await expectLoaded(column(page, label).getByRole('img', { name: `${label}, seed 4242` }));

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Compare providers' })).toBeVisible();
  for (const label of THREE) await expectLoaded(column(page, label).getByRole('img', { name: `${label}, seed 4242` }));
  await expect(page.getByLabel('Prompt', { exact: true })).toHaveValue('a red fox in the snow');

  // Leave it, then pick it again from the saved ones.
  await page.getByRole('button', { name: 'New comparison' }).click();
  await expect(page.getByRole('article', { name: /^Result: / })).toHaveCount(0);
  const recent = page.getByLabel('Recent comparisons');
  await recent.selectOption({ label: (await recent.locator('option').nth(1).textContent())! });
  for (const label of THREE) await expectLoaded(column(page, label).getByRole('img', { name: `${label}, seed 4242` }));

  // Every result is in the gallery, labelled as part of the comparison.
  await page.getByRole('button', { name: 'Gallery', exact: true }).click();
  const gallery = page.getByRole('region', { name: 'Gallery' });
  // A tile shows its comparison label on the picture, and the endpoint under it (for some the same words).
  for (const label of THREE) await expect(gallery.getByText(label, { exact: true }).first()).toBeVisible();
});

test.describe('A/B at 1440×900, with a touch screen too', () => {
  test.use({ viewport: { width: 1440, height: 900 }, hasTouch: true });

  test('a drag on the A/B image moves the divider (mouse and touch), keys too; image and control fit the view', async ({ page }) => {
    await keepCompareTargets(page, ['ModelsLab text2img', 'Segmind sd1.5-dreamshaper']);
    await page.getByLabel('Prompt', { exact: true }).fill('a windmill by a canal');
    await page.getByRole('button', { name: 'Run comparison (2 requests)' }).click();
    await page.getByRole('tab', { name: 'A/B' }).click();
    const a = page.getByRole('img', { name: /^A: ModelsLab text2img, seed \d+$/ });
    await expectLoaded(a);
    await expectLoaded(page.getByRole('img', { name: /^B: Segmind sd1\.5-dreamshaper, seed \d+$/ }));
    const slider = page.getByRole('slider', { name: 'A/B position' });
    await expect(slider).toHaveValue('50');

    // Opened, the images and the control are on screen together, below the sticky header.
    await settled(page);
    const box = (await a.boundingBox())!;
    const control = (await slider.boundingBox())!;
    const header = (await page.getByRole('banner').first().boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(header.y + header.height);
    expect(control.y + control.height).toBeLessThanOrEqual(900);
    expect(box.height).toBeGreaterThan(400);

    // A mouse drag anywhere on the image: the divider follows, A's clip with it.
    const at = (f: number) => box.x + box.width * f;
    const y = box.y + box.height / 2;
    await page.mouse.move(at(0.6), y);
    await page.mouse.down();
    await expect(slider).toHaveValue('60');
    await page.mouse.move(at(0.4), y, { steps: 4 });
    await page.mouse.move(at(0.25), y, { steps: 4 });
    await page.mouse.up();
    await expect(slider).toHaveValue('25');
    await expect(page.getByRole('img', { name: /^A: / }).locator('..')).toHaveAttribute('style', /inset\(0px 75% 0px 0px\)|inset\(0 75% 0 0\)/);
    // Moving without a button pressed moves nothing.
    await page.mouse.move(at(0.9), y);
    await expect(slider).toHaveValue('25');

    // A horizontal touch drag.
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', f?: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: f === undefined ? [] : [{ x: at(f), y }] });
    await touch('touchStart', 0.3);
    await touch('touchMove', 0.45);
    await touch('touchMove', 0.7);
    await touch('touchEnd');
    await expect(slider).toHaveValue('70');

    // The keys, on the control.
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(slider).toHaveValue('68');
    await page.keyboard.press('End');
    await expect(slider).toHaveValue('100');
  });
});

test('on a phone, Run brings the results into view instead of filling them in below the fold', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByLabel('Prompt', { exact: true }).fill('a lighthouse on a cliff at dusk');
  // The button is scrolled to as a person would, so it sits at the bottom of the screen.
  await page.getByRole('button', { name: 'Run comparison (3 requests)' }).click();
  const first = column(page, THREE[0]!);
  await expect(first.getByText('done', { exact: true })).toBeVisible({ timeout: COMPARISON_DONE_MS });
  // The results start in the upper half of the screen, below the sticky header (two rows here).
  const header = (await page.getByRole('banner').boundingBox())!;
  const top = (await first.boundingBox())!.y;
  expect(top).toBeGreaterThanOrEqual(header.y + header.height);
  expect(top).toBeLessThan(844 / 2);
});
