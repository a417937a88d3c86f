/** Issue 13 in Compare: one mask on a large picture, each inpainting target cropped and stitched at full resolution. */
import { expect, test } from '@playwright/test';
import { blurReach } from '../src/lib/inpaint/mask-blur';
import { keepCompareTargets, pickComparePreset } from './fixtures/compare';
import { openFresh, recordRequests, resetSandbox } from './fixtures/playground';
import { checkStitch, imageSize, loadGeneratedImage, maskPreview, strokeInImage } from './fixtures/inpaint';

test.beforeEach(async ({ page, request }) => {
  await resetSandbox(request);
  await openFresh(page);
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Compare providers' })).toBeVisible();
});

test('"Only masked" in Compare: ModelsLab and Segmind each get a crop, and each result is the full-size picture', async ({ page }) => {
  test.setTimeout(120_000);
  await pickComparePreset(page, 'Inpainting');
  await keepCompareTargets(page, ['ModelsLab inpaint', 'Segmind sd1.5-inpainting']);
  const size = { width: 2048, height: 1536 };
  await loadGeneratedImage(page, size.width, size.height);
  await strokeInImage(page, size, [1700, 1300], [1900, 1350]);
  await expect(maskPreview(page)).toBeVisible();
  await page.getByRole('radio', { name: 'Only masked' }).check();
  const maskSrc = (await maskPreview(page).getAttribute('src'))!;
  const requests = recordRequests(page);
  await page.getByRole('button', { name: 'Run comparison (2 requests)' }).click();
  for (const [label, provider, imageKey] of [
    ['ModelsLab inpaint', 'modelslab', 'init_image'],
    ['Segmind sd1.5-inpainting', 'segmind', 'image'],
  ] as const) {
    const column = page.getByRole('article', { name: `Result: ${label}` });
    // The stitched picture and the provider's own output, each named for what it is.
    const img = column.getByRole('img', { name: new RegExp(`^${label}, seed \\d+, stitched into the full picture$`) });
    await expect(img).toBeVisible({ timeout: 60_000 });
    await expect(column.getByRole('img', { name: new RegExp(`^${label}, seed \\d+, as the provider returned it$`) })).toBeVisible();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight]), { timeout: 30_000 }).toEqual([2048, 1536]);
    const check = await checkStitch(page, (await img.getAttribute('src'))!, maskSrc, blurReach(4));
    expect(check.changedOutside).toBe(0);
    expect(check.changed).toBeGreaterThan(500);
    const body = requests.find((r) => r.method() === 'POST' && r.url().includes(`/sandbox/${provider}/`))!.postDataJSON() as Record<string, string>;
    const sent = imageSize(body[imageKey]!);
    // The crop around a 200×50 stroke, sent at the endpoint's largest size: 1024 on its long side.
    expect(Math.max(sent.width, sent.height)).toBe(1024);
  }
});
