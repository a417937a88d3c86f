/**
 * Issue 20, the daily loop: the prompt follows the user across endpoints and through "Send to
 * img2img"; a batch shows every image; a link's setup leaves the address once applied.
 */
import { expect, test } from '@playwright/test';
import { chooseEndpoint, field, generate, openFresh, openView, resetSandbox, resultCard, settled } from './fixtures/playground';

test.beforeEach(async ({ page, request }) => {
  await resetSandbox(request);
  await openFresh(page);
});

test('the prompt and negative prompt follow across three endpoints and through Send to img2img', async ({ page }) => {
  await chooseEndpoint(page, 'dreamrender/generate_image');
  await field(page, 'prompt').fill('a paper crane on a windowsill');
  await field(page, 'negative_prompt').fill('blurry');
  // Segmind's draft had its own prompt: the one typed here wins.
  await chooseEndpoint(page, 'segmind/sd1.5-dreamshaper');
  await expect(field(page, 'prompt')).toHaveValue('a paper crane on a windowsill');
  await expect(field(page, 'negative_prompt')).toHaveValue('blurry');
  await field(page, 'prompt').fill('a paper crane on a windowsill, morning light');
  await chooseEndpoint(page, 'modelslab/text2img');
  await expect(field(page, 'prompt')).toHaveValue('a paper crane on a windowsill, morning light');
  await expect(field(page, 'negative_prompt')).toHaveValue('blurry');
  await chooseEndpoint(page, 'dreamrender/generate_image');
  await expect(field(page, 'prompt')).toHaveValue('a paper crane on a windowsill, morning light');

  // A ModelsLab result sent to img2img takes its prompt along, whatever img2img's draft held.
  await chooseEndpoint(page, 'modelslab/text2img');
  await field(page, 'prompt').fill('a lighthouse of folded paper');
  await generate(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job done', { timeout: 30_000 });
  await chooseEndpoint(page, 'modelslab/img2img');
  await field(page, 'prompt').fill('an old img2img prompt');
  await chooseEndpoint(page, 'modelslab/text2img');
  await resultCard(page).getByRole('button', { name: 'Send to img2img, result 1' }).click();
  await expect(page.getByLabel('Endpoint')).toHaveValue('modelslab/img2img');
  await expect(field(page, 'init_image')).toHaveValue(/^local image/);
  await expect(field(page, 'prompt')).toHaveValue('a lighthouse of folded paper');
});

test('Batch count 4 shows four jobs, each image with its seed', async ({ page }) => {
  await chooseEndpoint(page, 'segmind/sd1.5-dreamshaper');
  await field(page, 'seed').fill('700');
  await page.getByLabel('Batch count').fill('4');
  await generate(page);
  const batch = page.getByRole('group', { name: 'Batch of 4 jobs' });
  await expect(batch.getByRole('article', { name: 'Job done' })).toHaveCount(4, { timeout: 40_000 });
  for (const seed of [700, 701, 702, 703]) await expect(batch.getByRole('img', { name: new RegExp(`seed ${seed}$`) })).toBeVisible();

  // The lightbox steps through the whole batch with ← / →, and with its buttons.
  await batch.getByRole('article').nth(1).getByRole('button', { name: 'Open result 1 in the lightbox' }).click();
  const box = page.getByRole('dialog', { name: 'Lightbox' });
  await expect(box.getByRole('img', { name: /seed 701$/ })).toBeVisible();
  await expect(box.getByText('image 2 of 4')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(box.getByRole('img', { name: /seed 702$/ })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(box.getByRole('img', { name: /seed 703$/ })).toBeVisible();
  await expect(box.getByText('image 4 of 4')).toBeVisible();
  await expect(box.getByRole('button', { name: 'Next' })).toHaveAttribute('aria-disabled', 'true');
  await box.getByRole('button', { name: 'Previous' }).click();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(box.getByRole('img', { name: /seed 700$/ })).toBeVisible();
  const previous = box.getByRole('button', { name: 'Previous' });
  await expect(previous).toHaveAttribute('aria-disabled', 'true');
  // An end does not look active: dimmed, and hovering it changes nothing.
  const look = () => previous.evaluate((el) => { const s = getComputedStyle(el); return `${s.backgroundColor} ${s.borderColor} ${s.opacity}`; });
  await page.mouse.move(1, 1);
  const still = await look();
  expect(still).toMatch(/ 0\.5$/);
  await previous.hover();
  expect(await look()).toBe(still);
  // Zoomed in, the arrows pan the image instead.
  await page.keyboard.press('+');
  await expect(box.getByText('125 %')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(box.getByRole('img', { name: /seed 700$/ })).toBeVisible();
  await expect(box.getByText('image 1 of 4')).toBeVisible();
});

test('a link carries batch count and seed mode; a reload after opening it keeps the edits made since', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await chooseEndpoint(page, 'segmind/sd1.5-dreamshaper');
  await field(page, 'prompt').fill('from the link');
  await page.getByLabel('Batch count').fill('3');
  await page.getByLabel('Seeds').selectOption('drawn');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied.')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());

  const other = await context.newPage();
  await other.goto(link);
  await expect(field(other, 'prompt')).toHaveValue('from the link');
  await expect(other).toHaveURL(/#\/playground$/);
  // The link carries the batch beside Generate too.
  await expect(other.getByLabel('Batch count')).toHaveValue('3');
  await expect(other.getByLabel('Seeds')).toHaveValue('drawn');
  await field(other, 'prompt').fill('edited after opening the link');
  // The draft is saved once typing pauses; leaving the view flushes nothing, so wait for the state.
  await expect.poll(() => other.evaluate(() => JSON.stringify(localStorage))).toContain('edited after opening the link');
  await other.reload();
  await expect(field(other, 'prompt')).toHaveValue('edited after opening the link');
  await openView(other, 'Gallery');
  await expect(other).toHaveURL(/#\/gallery$/);
});

test('locked seed and steps follow across two other endpoints, fitted with a note; unlocked values keep each draft', async ({ page }) => {
  const locks = page.getByRole('group', { name: 'Lock parameters' });
  // Each endpoint's own draft first.
  await chooseEndpoint(page, 'a1111/txt2img');
  await field(page, 'seed').fill('11');
  await field(page, 'steps').fill('9');
  await field(page, 'cfg_scale').fill('5');
  await chooseEndpoint(page, 'modelslab/img2img');
  await field(page, 'seed').fill('22');
  await field(page, 'num_inference_steps').fill('7');
  await field(page, 'guidance_scale').fill('3');

  await chooseEndpoint(page, 'segmind/sd1.5-dreamshaper');
  await expect(locks.getByRole('button')).toHaveText(['Seed', 'Size', 'Steps', 'Guidance']);
  await locks.getByRole('button', { name: 'Seed' }).click();
  await locks.getByRole('button', { name: 'Steps' }).click();
  await expect(locks.getByRole('button', { name: 'Seed' })).toHaveAttribute('aria-pressed', 'true');
  await expect(locks.getByRole('button', { name: 'Guidance' })).toHaveAttribute('aria-pressed', 'false');
  await field(page, 'seed').fill('4242');
  await field(page, 'num_inference_steps').fill('45');
  await field(page, 'guidance_scale').fill('12');

  await chooseEndpoint(page, 'a1111/txt2img');
  await expect(field(page, 'seed')).toHaveValue('4242');
  await expect(field(page, 'steps')).toHaveValue('45');
  await expect(field(page, 'cfg_scale'), 'guidance is not locked: the draft keeps its own').toHaveValue('5');
  await expect(locks.getByRole('button', { name: 'Steps' })).toHaveAttribute('aria-pressed', 'true');

  await chooseEndpoint(page, 'modelslab/img2img');
  await expect(field(page, 'seed')).toHaveValue('4242');
  await expect(field(page, 'num_inference_steps')).toHaveValue('45');
  await expect(field(page, 'guidance_scale')).toHaveValue('3');

  // A locked value out of the next endpoint's range is fitted, and the change is said.
  await chooseEndpoint(page, 'a1111/txt2img');
  await field(page, 'steps').fill('80');
  await chooseEndpoint(page, 'modelslab/img2img');
  await expect(field(page, 'num_inference_steps')).toHaveValue('50');
  await expect(page.getByRole('status').filter({ hasText: 'Locked values changed to fit: num_inference_steps: 80 is above the maximum 50: set to 50.' })).toBeVisible();

  // The locks stay through a reload; unlocking lets the draft keep its own again.
  await page.reload();
  await expect(locks.getByRole('button', { name: 'Seed' })).toHaveAttribute('aria-pressed', 'true');
  await locks.getByRole('button', { name: 'Seed' }).click();
  await field(page, 'seed').fill('99');
  await chooseEndpoint(page, 'a1111/txt2img');
  await expect(field(page, 'seed')).toHaveValue('4242');
  await expect(field(page, 'steps')).toHaveValue('50');
});

test('each view keeps its own scroll: the gallery opens at its top after a scrolled form, the form comes back where it was', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await chooseEndpoint(page, 'modelslab/text2img');
  await page.locator('summary', { hasText: 'Advanced' }).click();
  await page.evaluate(() => scrollTo({ top: 1200, behavior: 'instant' }));
  await settled(page);
  const left = await page.evaluate(() => scrollY);
  expect(left).toBe(1200);
  await openView(page, 'Gallery');
  await expect(page.getByText(/No images yet/)).toBeVisible();
  await expect(page.getByLabel('Search prompts')).toBeInViewport();
  expect(await page.evaluate(() => scrollY)).toBe(0);
  await openView(page, 'Playground');
  // Where it was, give or take the browser's scroll anchoring (a line above the form that only
  // other views show goes away: the page keeps the same content in view).
  await expect.poll(async () => Math.abs((await page.evaluate(() => scrollY)) - left)).toBeLessThan(50);
});
