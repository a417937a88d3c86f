/**
 * Issue 11 items 4 and 6: one workspace init image and mask shared by every img2img and
 * inpainting endpoint (kept across reloads), "Match init size", and Generate sending the mask
 * on screen even right after a stroke.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { chooseEndpoint, field, generate, openFresh, resetSandbox, resultCard } from './fixtures/playground';
import { imageSize, jsonBody, loadGeneratedImage, maskPreview, stage, strokeInImage } from './fixtures/inpaint';
import { loadSample } from './fixtures/canvas';

test.beforeEach(async ({ page, request }) => {
  await resetSandbox(request);
  await openFresh(page);
});

const SAMPLE = { width: 512, height: 512 };

/** Share of white pixels of a base64 PNG mask inside the image-pixel box. */
async function whiteShare(page: Page, base64: string, box: { x0: number; y0: number; x1: number; y1: number }) {
  return page.evaluate(
    async ({ base64, box }) => {
      const bytes = Uint8Array.from(atob(base64.replace(/^data:[^,]*,/, '')), (ch) => ch.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      const d = ctx.getImageData(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0).data;
      let white = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! >= 128) white++;
      return white / (d.length / 4);
    },
    { base64, box },
  );
}

test('Generate right after a stroke sends that stroke (Ctrl+Enter at once)', async ({ page }) => {
  await chooseEndpoint(page, 'modelslab/inpaint');
  await loadSample(page);
  // A first stroke, exported, then a second one elsewhere and Ctrl+Enter at once.
  await strokeInImage(page, SAMPLE, [60, 80], [200, 80]);
  await expect(maskPreview(page)).toBeVisible();
  const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/inpaint'));
  await strokeInImage(page, SAMPLE, [100, 420], [400, 420]);
  await page.keyboard.press('Control+Enter');
  const body = jsonBody(await sent);
  const mask = String(body.mask_image);
  // The second stroke's pixels are white in the mask that left, and so are the first one's.
  expect(await whiteShare(page, mask, { x0: 150, y0: 415, x1: 350, y1: 425 })).toBeGreaterThan(0.95);
  expect(await whiteShare(page, mask, { x0: 80, y0: 76, x1: 180, y1: 84 })).toBeGreaterThan(0.95);
  expect(await whiteShare(page, mask, { x0: 0, y0: 200, x1: 512, y1: 300 })).toBe(0);
  await expect(resultCard(page)).toHaveAccessibleName('Job done');
});

test('a first stroke and Generate at once: the mask is there (no "mask required")', async ({ page }) => {
  await chooseEndpoint(page, 'segmind/sd1.5-inpainting');
  await loadSample(page);
  const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/sd1.5-inpainting'));
  await strokeInImage(page, SAMPLE, [100, 300], [400, 300]);
  await page.keyboard.press('Control+Enter');
  const body = jsonBody(await sent);
  expect(await whiteShare(page, String(body.mask), { x0: 150, y0: 296, x1: 350, y1: 304 })).toBeGreaterThan(0.95);
});

test('one init image and mask for every endpoint, kept across a reload', async ({ page }) => {
  await chooseEndpoint(page, 'modelslab/img2img');
  await loadGeneratedImage(page, 800, 600);
  await chooseEndpoint(page, 'segmind/sd1.5-img2img');
  await expect(stage(page)).toHaveAccessibleName(/800×600/);
  await expect(field(page, 'image')).toHaveValue(/local image \(PNG 800×600/);
  await chooseEndpoint(page, 'segmind/sd1.5-inpainting');
  await expect(stage(page)).toHaveAccessibleName(/Mask canvas: 800×600/);
  await strokeInImage(page, { width: 800, height: 600 }, [100, 100], [300, 100]);
  await expect(maskPreview(page)).toBeVisible();
  await expect(field(page, 'mask')).toHaveValue(/local mask/);

  await chooseEndpoint(page, 'modelslab/inpaint');
  await expect(stage(page)).toHaveAccessibleName(/800×600/);
  await expect(maskPreview(page)).toBeVisible();
  await expect(field(page, 'mask_image')).toHaveValue(/local mask \(PNG 800×600/);

  await page.reload();
  await expect(stage(page)).toHaveAccessibleName(/800×600/);
  await expect(maskPreview(page)).toBeVisible();
  await chooseEndpoint(page, 'modelslab/img2img');
  await expect(stage(page)).toHaveAccessibleName(/800×600/);

  // The gallery's "Remove image" empties the workspace for every endpoint.
  await page.getByRole('button', { name: 'Remove image' }).click();
  await chooseEndpoint(page, 'segmind/sd1.5-img2img');
  await expect(stage(page)).toHaveAccessibleName(/none yet/);
});

test('"Match init size" sets width and height to the nearest size the endpoint allows', async ({ page }) => {
  await chooseEndpoint(page, 'modelslab/img2img');
  await loadGeneratedImage(page, 803, 598);
  const notice = page.getByRole('status').filter({ hasText: 'The init image is 803×598' });
  await expect(notice).toContainText('The nearest size this endpoint allows is 800×600');
  await notice.getByRole('button', { name: 'Match init size' }).click();
  await expect(field(page, 'width')).toHaveValue('800');
  await expect(field(page, 'height')).toHaveValue('600');
  await expect(notice).toContainText('the nearest size this endpoint allows');
  await expect(notice.getByRole('button', { name: 'Match init size' })).toHaveCount(0);

  // Segmind takes fixed sizes and has no size fields: the notice says what is sent.
  await chooseEndpoint(page, 'segmind/sd1.5-img2img');
  await expect(page.getByRole('status').filter({ hasText: 'The init image is 803×598' })).toContainText('sent at 1024×768');
  const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/sd1.5-img2img'));
  await generate(page);
  const body = jsonBody(await sent);
  const image = imageSize(String(body.image));
  expect([image.width, image.height]).toEqual([1024, 768]);
});

test('an empty init image is named and focusable when Generate finds it missing', async ({ page }) => {
  await chooseEndpoint(page, 'segmind/sd1.5-img2img');
  await generate(page);
  const input = field(page, 'image');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await input.focus();
  await expect(input).toBeFocused();
});
