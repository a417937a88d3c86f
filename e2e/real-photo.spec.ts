/**
 * Issue 19 against the twins, with a photo-like picture (noise over colour, encoded as JPEG in
 * the page: it does not compress away like a gradient): the job card shows before the request
 * leaves, and what the twin receives keeps the photo's aspect (within 1 %), with width and height
 * set to match, for img2img, inpainting and Extend; the stitch stays exact; Extend can be undone.
 */
import { expect, test } from '@playwright/test';
import type { Page, Route } from '@playwright/test';
import { blurReach } from '../src/lib/inpaint/mask-blur';
import { chooseEndpoint, field, generate, openFresh, resetSandbox, resultCard } from './fixtures/playground';
import { checkStitch, imageSize, jsonBody, maskPreview, pngSize, stage, strokeInImage } from './fixtures/inpaint';

const W = 3600;
const H = 2400;

// A 3600×2400 noise JPEG is made, decoded and checked in the page: slow on a busy 2-core machine.
test.describe.configure({ timeout: 240_000 });

test.beforeEach(async ({ page, request }) => {
  await resetSandbox(request);
  await openFresh(page);
});

/** A W×H JPEG of seeded noise over smooth colour, kept as `window.__original`, loaded as a file. */
async function loadPhoto(page: Page) {
  const base64 = await page.evaluate(
    async ({ width, height }) => {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d')!;
      const img = ctx.createImageData(width, height);
      const d = img.data;
      let s = 0x2545f491;
      for (let y = 0, i = 0; y < height; y++) {
        for (let x = 0; x < width; x++, i += 4) {
          s ^= s << 13;
          s ^= s >>> 17;
          s ^= s << 5;
          const n = (s & 63) - 32;
          d[i] = (x * 200) / width + n + 20;
          d[i + 1] = (y * 200) / height + ((s >> 8) & 63) - 32 + 20;
          d[i + 2] = 128 + ((s >> 16) & 127) - 64;
          d[i + 3] = 255;
        }
      }
      ctx.putImageData(img, 0, 0);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      (window as unknown as { __original: Blob }).__original = blob;
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let out = '';
      for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(out);
    },
    { width: W, height: H },
  );
  expect(base64.length).toBeGreaterThan(4_000_000); // high entropy: megabytes, as a camera's
  await page.getByLabel('Image file').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(base64, 'base64') });
  await expect(stage(page)).toHaveAccessibleName(new RegExp(`${W}×${H}`), { timeout: 30_000 });
}

/**
 * Holds the next POST to `path` until the job card is on the page, and says whether it was there
 * when the request left; resolves with the request's JSON body.
 */
function catchRequest(page: Page, path: string): Promise<{ body: Record<string, unknown>; cardFirst: boolean }> {
  return new Promise((resolve) => {
    const handler = async (route: Route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await page.unroute(`**${path}`, handler);
      const cardFirst = (await resultCard(page).count()) > 0;
      resolve({ body: jsonBody(route.request()), cardFirst });
      await route.fallback();
    };
    void page.route(`**${path}`, handler);
  });
}

const within1 = (a: number, b: number) => Math.abs(a / b - 1) <= 0.01;

test('img2img: a 3600×2400 photo with the form at 512×512 is sent with its aspect, width and height to match, as JPEG', async ({ page }) => {
  await chooseEndpoint(page, 'modelslab/img2img');
  await loadPhoto(page);
  await field(page, 'width').fill('512');
  await field(page, 'height').fill('512');
  await expect(page.getByRole('status').filter({ hasText: `The init image is ${W}×${H}` })).toContainText(/It is sent at \d+×\d+, with width and height \d+×\d+, so it keeps its shape/);
  const caught = catchRequest(page, '/api/v4/dreambooth/img2img');
  await generate(page);
  const { body, cardFirst } = await caught;
  expect(cardFirst).toBe(true);
  const sent = imageSize(String(body.init_image));
  expect(sent.type).toBe('jpeg');
  expect(within1(sent.width / sent.height, W / H)).toBe(true);
  expect([Number(body.width), Number(body.height)]).toEqual([sent.width, sent.height]);
  await expect(resultCard(page)).toHaveAccessibleName('Job done', { timeout: 60_000 });
  await expect(resultCard(page)).toContainText(`Init image sent: JPEG ${sent.width}×${sent.height}`);
});

test('inpainting, Only masked: the card first, the crop keeps its aspect, the stitch is exact', async ({ page }) => {
  await chooseEndpoint(page, 'modelslab/inpaint');
  await loadPhoto(page);
  await strokeInImage(page, { width: W, height: H }, [3100, 300], [3400, 500]);
  await expect(maskPreview(page)).toBeVisible();
  await page.getByRole('radio', { name: 'Only masked' }).check();
  const maskSrc = (await maskPreview(page).getAttribute('src'))!;
  const caught = catchRequest(page, '/api/v4/dreambooth/inpaint');
  await generate(page);
  const { body, cardFirst } = await caught;
  expect(cardFirst).toBe(true);
  const sent = imageSize(String(body.init_image));
  expect(pngSize(String(body.mask_image))).toEqual({ width: sent.width, height: sent.height });
  expect([Number(body.width), Number(body.height)]).toEqual([sent.width, sent.height]);
  await expect(resultCard(page)).toHaveAccessibleName('Job done', { timeout: 120_000 });
  const stitched = resultCard(page).getByRole('figure').filter({ hasText: `Stitched into the ${W}×${H} original` });
  const note = (await stitched.textContent())!;
  const [, cw, ch] = /crop (\d+)×(\d+)/.exec(note)!.map(Number);
  expect(within1(sent.width / sent.height, cw! / ch!)).toBe(true);
  await expect(resultCard(page)).toContainText(`crop ${cw}×${ch}`);
  // The card says what was sent: the init image as JPEG, the mask as PNG, with their bytes.
  await expect(resultCard(page)).toContainText(new RegExp(`Init image sent: JPEG ${sent.width}×${sent.height}, \\d+ KB \\(crop .*\\); mask PNG, \\d+ KB`));
  const check = await checkStitch(page, (await stitched.getByRole('img').getAttribute('src'))!, maskSrc, blurReach(4));
  expect([check.width, check.height]).toEqual([W, H]);
  expect(check.changedOutside).toBe(0);
  expect(check.changed).toBeGreaterThan(1000);
});

test('Extend right by 400: the card first, the wider picture sent with its aspect; Undo brings back the photo and its mask', async ({ page }) => {
  await chooseEndpoint(page, 'modelslab/inpaint');
  await loadPhoto(page);
  await strokeInImage(page, { width: W, height: H }, [300, 300], [800, 600]);
  await expect(maskPreview(page)).toBeVisible();
  await page.getByLabel('Extend side').selectOption('right');
  await page.getByLabel('Extend by (px)').fill('400');
  await page.getByRole('button', { name: 'Extend', exact: true }).click();
  await expect(stage(page)).toHaveAccessibleName(new RegExp(`${W + 400}×${H}`), { timeout: 30_000 });
  const caught = catchRequest(page, '/api/v4/dreambooth/inpaint');
  await generate(page);
  const { body, cardFirst } = await caught;
  expect(cardFirst).toBe(true);
  const sent = imageSize(String(body.init_image));
  expect(within1(sent.width / sent.height, (W + 400) / H)).toBe(true);
  expect([Number(body.width), Number(body.height)]).toEqual([sent.width, sent.height]);
  await expect(resultCard(page)).toHaveAccessibleName('Job done', { timeout: 120_000 });

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(stage(page)).toHaveAccessibleName(new RegExp(`${W}×${H}`), { timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Extend undone' })).toBeVisible();
  // The stroke painted before Extend is back.
  await expect(page.getByRole('region', { name: 'Mask as sent' })).toContainText(`${W}×${H}`);
  await expect(maskPreview(page)).toBeVisible();
});
