import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { chooseEndpoint, field, generate, openFresh, resetSandbox, resultCard } from './fixtures/playground';
import { loadSample, paintStroke, resultSrc } from './fixtures/canvas';
import { maskPreview, stage } from './fixtures/inpaint';

interface Comparison {
  width: number;
  height: number;
  maskWidth: number;
  maskHeight: number;
  /** Pixels where the mask is black (keep) and where it is white (repaint). */
  keep: number;
  repaint: number;
  /** Mean absolute channel difference to the init image, over kept and repainted pixels. */
  keepDiff: number;
  repaintDiff: number;
  /** Kept pixels that differ at all from the init image. */
  keepChanged: number;
  /** Repainted pixels that differ by more than 24 in some channel. */
  repaintChanged: number;
}

/** Compares the result image with the init image, pixel by pixel, split by the mask as sent. */
async function compareWithInit(page: Page, resultSrc: string, initSrc: string, maskSrc: string): Promise<Comparison> {
  return page.evaluate(
    async ({ resultSrc, initSrc, maskSrc }) => {
      const read = async (src: string, w?: number, h?: number) => {
        const bmp = await createImageBitmap(await (await fetch(src)).blob());
        const c = new OffscreenCanvas(w ?? bmp.width, h ?? bmp.height);
        const ctx = c.getContext('2d')!;
        ctx.imageSmoothingEnabled = false;
        ctx.drawImage(bmp, 0, 0, c.width, c.height);
        return { w: bmp.width, h: bmp.height, data: ctx.getImageData(0, 0, c.width, c.height).data };
      };
      const result = await read(resultSrc);
      const init = await read(initSrc, result.w, result.h);
      const maskRaw = await read(maskSrc);
      const mask = await read(maskSrc, result.w, result.h);
      const out = { width: result.w, height: result.h, maskWidth: maskRaw.w, maskHeight: maskRaw.h, keep: 0, repaint: 0, keepDiff: 0, repaintDiff: 0, keepChanged: 0, repaintChanged: 0 };
      for (let i = 0; i < result.data.length; i += 4) {
        const white = mask.data[i]! >= 128;
        let sum = 0;
        let max = 0;
        for (let k = 0; k < 3; k++) {
          const d = Math.abs(result.data[i + k]! - init.data[i + k]!);
          sum += d;
          max = Math.max(max, d);
        }
        if (white) {
          out.repaint++;
          out.repaintDiff += sum / 3;
          if (max > 24) out.repaintChanged++;
        } else {
          out.keep++;
          out.keepDiff += sum / 3;
          if (max > 0) out.keepChanged++;
        }
      }
      out.keepDiff /= Math.max(1, out.keep);
      out.repaintDiff /= Math.max(1, out.repaint);
      return out;
    },
    { resultSrc, initSrc, maskSrc },
  );
}

test.beforeEach(async ({ page, request }) => {
  await resetSandbox(request);
  await openFresh(page);
});

for (const { endpoint, exact } of [
  { endpoint: 'modelslab/inpaint', exact: true },
  { endpoint: 'segmind/sd1.5-inpainting', exact: false },
]) {
  test(`${endpoint}: a painted stroke is repainted, everything else is kept`, async ({ page }) => {
    await chooseEndpoint(page, endpoint);
    // A fixed seed: the twins draw deterministic scenes, and some seeds repaint the stroke close to
    // the init image's own colours there (seed 1735849494 changes 24 % of it: a flaky failure).
    await field(page, 'seed').fill('1234');
    await loadSample(page);
    await paintStroke(page);
    await expect(page.getByRole('region', { name: 'Mask as sent' })).toContainText('512×512');
    const maskSrc = (await maskPreview(page).getAttribute('src'))!;
    await generate(page);
    await expect(resultCard(page)).toHaveAccessibleName('Job done');
    const c = await compareWithInit(page, await resultSrc(page), '/samples/init-512.png', maskSrc);
    expect([c.maskWidth, c.maskHeight]).toEqual([512, 512]);
    expect([c.width, c.height]).toEqual([512, 512]);
    expect(c.repaint).toBeGreaterThan(512 * 4);
    expect(c.keep).toBeGreaterThan(512 * 400);
    if (exact) {
      // PNG: every kept pixel equals the init image.
      expect(c.keepChanged).toBe(0);
    } else {
      // JPEG: kept pixels equal the init image within compression noise.
      expect(c.keepDiff).toBeLessThan(4);
    }
    expect(c.repaintChanged / c.repaint).toBeGreaterThan(0.5);
    expect(c.repaintDiff).toBeGreaterThan(c.keepDiff + 10);
  });
}

test('undo empties the mask, invert flips it, clear removes it', async ({ page }) => {
  await chooseEndpoint(page, 'modelslab/inpaint');
  await loadSample(page);
  await expect(page.getByRole('region', { name: 'Mask as sent' })).toContainText('No mask yet');
  await paintStroke(page);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(maskPreview(page)).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Mask as sent' })).toContainText('No mask yet');
  await expect(field(page, 'mask_image')).toHaveValue('');

  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(maskPreview(page)).toBeVisible();
  const before = (await maskPreview(page).getAttribute('src'))!;
  await page.getByRole('button', { name: 'Invert mask' }).click();
  await expect(maskPreview(page)).not.toHaveAttribute('src', before);
  const after = (await maskPreview(page).getAttribute('src'))!;
  const flipped = await page.evaluate(
    async ([a, b]) => {
      const read = async (src: string) => {
        const bmp = await createImageBitmap(await (await fetch(src)).blob());
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        const ctx = c.getContext('2d')!;
        ctx.drawImage(bmp, 0, 0);
        return ctx.getImageData(0, 0, bmp.width, bmp.height).data;
      };
      const x = await read(a!);
      const y = await read(b!);
      let same = 0;
      for (let i = 0; i < x.length; i += 4) if ((x[i]! >= 128) === (y[i]! >= 128)) same++;
      return same;
    },
    [before, after],
  );
  expect(flipped).toBe(0);
  await page.getByRole('button', { name: 'Clear mask', exact: true }).click();
  await expect(maskPreview(page)).toHaveCount(0);
});

for (const endpoint of ['modelslab/img2img', 'segmind/sd1.5-img2img']) {
  test(`${endpoint}: image to image from the canvas`, async ({ page }) => {
    await chooseEndpoint(page, endpoint);
    await loadSample(page);
    await expect(field(page, endpoint.startsWith('modelslab') ? 'init_image' : 'image')).toHaveValue(/local image/);
    await field(page, 'strength').fill('0.5');
    await generate(page);
    await expect(resultCard(page)).toHaveAccessibleName('Job done');
    const src = await resultSrc(page);
    const diff = await page.evaluate(async (s) => {
      const read = async (u: string, w?: number, h?: number) => {
        const bmp = await createImageBitmap(await (await fetch(u)).blob());
        const c = new OffscreenCanvas(w ?? bmp.width, h ?? bmp.height);
        const ctx = c.getContext('2d')!;
        ctx.drawImage(bmp, 0, 0, c.width, c.height);
        return { w: bmp.width, h: bmp.height, d: ctx.getImageData(0, 0, c.width, c.height).data };
      };
      const r = await read(s);
      const i = await read('/samples/init-512.png', r.w, r.h);
      let sum = 0;
      for (let k = 0; k < r.d.length; k += 4) sum += Math.abs(r.d[k]! - i.d[k]!);
      return { w: r.w, h: r.h, mean: sum / (r.d.length / 4) };
    }, src);
    expect([diff.w, diff.h]).toEqual([512, 512]);
    // Blended by strength: neither the init image nor something unrelated to it.
    expect(diff.mean).toBeGreaterThan(2);
    expect(diff.mean).toBeLessThan(120);
  });
}

const samplePng = readFileSync(new URL('../public/samples/init-512.png', import.meta.url)).toString('base64');

test('paste brings an image in', async ({ page }) => {
  await chooseEndpoint(page, 'segmind/sd1.5-img2img');
  await expect(page.getByRole('button', { name: 'Use sample image' })).toBeVisible();
  await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  }, samplePng);
  await expect(stage(page)).toHaveAccessibleName(/512×512/);
  await expect(field(page, 'image')).toHaveValue(/local image/);
});

test('drag and drop brings an image in; a non-image is refused with a message', async ({ page }) => {
  await chooseEndpoint(page, 'modelslab/img2img');
  await expect(page.getByRole('button', { name: 'Use sample image' })).toBeVisible();
  const drop = async (b64: string, name: string, type: string) => {
    const dt = await page.evaluateHandle(
      ([data, n, t]) => {
        const bytes = Uint8Array.from(atob(data!), (c) => c.charCodeAt(0));
        const d = new DataTransfer();
        d.items.add(new File([bytes], n!, { type: t! }));
        return d;
      },
      [b64, name, type],
    );
    const target = stage(page);
    await target.dispatchEvent('dragenter', { dataTransfer: dt });
    await target.dispatchEvent('dragover', { dataTransfer: dt });
    await target.dispatchEvent('drop', { dataTransfer: dt });
  };
  await drop(Buffer.from('just some text').toString('base64'), 'notes.txt', 'text/plain');
  await expect(page.getByRole('alert').filter({ hasText: /not an image|isn.t an image|image file/i })).toBeVisible();
  await drop(samplePng, 'dropped.png', 'image/png');
  await expect(stage(page)).toHaveAccessibleName(/512×512/);
  await expect(field(page, 'init_image')).toHaveValue(/local image/);
});

test('"Send to inpaint" from the gallery opens inpainting with that image on the canvas', async ({ page }) => {
  await chooseEndpoint(page, 'segmind/sd1.5-dreamshaper');
  await generate(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job done');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Gallery', exact: true }).click();
  await page.getByRole('button', { name: /^Open image, seed \d+, Segmind/ }).click();
  await page.getByRole('dialog', { name: 'Image details' }).getByRole('button', { name: 'Send to inpaint' }).click();
  await expect(page.getByRole('region', { name: 'Parameters' }).getByLabel('Endpoint')).toHaveValue('segmind/sd1.5-inpainting');
  // The document's example the form starts from is 512×768.
  await expect(stage(page)).toHaveAccessibleName(/512×768/);
  await expect(field(page, 'image')).toHaveValue(/local image/);
  await paintStroke(page);
  await generate(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job done');
});
