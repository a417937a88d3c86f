/**
 * Accessibility on every view (axe-core: zero serious or critical violations), at a laptop size, a
 * tablet size and a phone size. With SCREENSHOTS_DIR=<dir> the same walk saves a screenshot of each view there (the README's come from it).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { keepCompareTargets } from './fixtures/compare';
import { chooseEndpoint, field, generate, openFresh, openView, resetSandbox, resultCard, settled } from './fixtures/playground';

const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'tablet', width: 820, height: 1180 },
  { name: 'phone', width: 390, height: 844 },
] as const;

async function check(page: Page, view: string, size: string) {
  // Let transitions and smooth scrolling settle, so contrast is measured on the final colours.
  await settled(page);
  // Before axe, which scrolls elements into view as it measures them.
  if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/${view}-${size}.png` });
  // label-content-name-mismatch (WCAG 2.5.3) is experimental in axe: on here, so a name always holds the visible text.
  const { violations } = await new AxeBuilder({ page }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(' ')} — ${v.nodes[0]?.failureSummary}`),
    view,
  ).toEqual([]);
}

for (const size of SIZES) {
  test(`every view has no serious or critical axe violations at ${size.width}×${size.height}`, async ({ page, request }) => {
    // Sixteen axe passes: on a loaded 2-core machine each takes several seconds.
    test.setTimeout(360_000);
    await resetSandbox(request);
    await page.setViewportSize({ width: size.width, height: size.height });
    await openFresh(page);
    await check(page, 'playground-empty', size.name);
    // The form of each other provider (Replicate's and fal's are built from their published schemas).
    for (const [view, endpoint] of [
      ['playground-dreamrender', 'dreamrender/generate_image'],
      ['playground-segmind', 'segmind/sd1.5-dreamshaper'],
      ['playground-a1111', 'a1111/txt2img'],
      ['playground-replicate', 'replicate/black-forest-labs/flux-schnell'],
      ['playground-fal', 'fal/fal-ai/flux/schnell'],
    ] as const) {
      await chooseEndpoint(page, endpoint);
      await expect(page.getByRole('form')).toBeVisible();
      await check(page, view, size.name);
    }
    await openView(page, 'Gallery');
    await expect(page.getByText(/No images yet/)).toBeVisible();
    await check(page, 'gallery-empty', size.name);
    await openView(page, 'Playground');

    await chooseEndpoint(page, 'modelslab/text2img');
    await field(page, 'prompt').fill('a lighthouse made of paper, at dusk');
    await field(page, 'samples').fill('2');
    await generate(page);
    await expect(resultCard(page)).toHaveAccessibleName('Job done');
    await expect(resultCard(page).getByRole('img', { name: /sample 2 of 2/ })).toBeVisible();
    await check(page, 'playground-result', size.name);

    await resultCard(page).getByRole('button', { name: 'Open result 1 in the lightbox' }).click();
    await expect(page.getByRole('dialog', { name: 'Lightbox' })).toBeVisible();
    await check(page, 'lightbox', size.name);
    await page.keyboard.press('Escape');

    await chooseEndpoint(page, 'segmind/sd1.5-inpainting');
    await page.getByRole('button', { name: 'Use sample image' }).click();
    await expect(page.getByRole('img', { name: /^(Mask canvas|Init image)/ })).toHaveAccessibleName(/512×512/);
    await page.getByRole('img', { name: /^(Mask canvas|Init image)/ }).scrollIntoViewIfNeeded();
    await check(page, 'canvas', size.name);

    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await check(page, 'shortcuts', size.name);
    await page.keyboard.press('Escape');

    await openView(page, 'Gallery');
    await expect(page.getByRole('button', { name: /^Open image/ }).first()).toBeVisible();
    await check(page, 'gallery', size.name);
    await page.getByRole('button', { name: /^Open image/ }).first().click();
    await expect(page.getByRole('dialog', { name: 'Image details' })).toBeVisible();
    await check(page, 'gallery-dialog', size.name);
    await page.keyboard.press('Escape');

    await openView(page, 'Compare');
    // The text-to-image preset; keep Segmind alone.
    await keepCompareTargets(page, ['Segmind sd1.5-dreamshaper']);
    await page.getByRole('tab', { name: 'Sweep' }).click();
    await page.getByLabel('X axis').selectOption('seed');
    await page.getByLabel('X values').fill('11, 22');
    await page.getByLabel('Y axis').selectOption('guidance');
    await page.getByLabel('Y values').fill('5, 9');
    await page.getByRole('button', { name: 'Run sweep (4)' }).click();
    const grid = page.getByRole('table', { name: 'Sweep grid: Segmind sd1.5-dreamshaper' });
    await expect(grid.getByRole('img')).toHaveCount(4);
    await check(page, 'compare-sweep', size.name);

    await openView(page, 'Settings');
    // Its cards, not the "Loading…" line before its module arrives.
    await expect(page.getByRole('radiogroup', { name: /mode$/ }).first()).toBeVisible();
    await check(page, 'settings', size.name);
  });
}
