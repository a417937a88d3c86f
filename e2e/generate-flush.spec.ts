/**
 * Issue 20, item 10: Ctrl+Enter right after the first stroke on a fresh picture sends that stroke.
 * Generate exports the pending mask and writes it into the form before the form validates, every
 * time; here 20 times in a row, each with a new picture and a stroke somewhere else.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { chooseEndpoint, openFresh, resetSandbox, resultCard } from './fixtures/playground';
import { jsonBody, loadGeneratedImage, strokeInImage } from './fixtures/inpaint';

test.beforeEach(async ({ page, request }) => {
  await resetSandbox(request);
  await openFresh(page);
});

/** The mask's value (0–255, red channel) at points given as fractions of its size, decoded in the page. */
async function maskAt(page: Page, base64: string, points: [number, number][]): Promise<number[]> {
  return page.evaluate(
    async ({ base64, points }) => {
      const bytes = Uint8Array.from(atob(base64.replace(/^data:[^,]*,/, '')), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      return points.map(([x, y]) => ctx.getImageData(Math.round(x * bitmap.width), Math.round(y * bitmap.height), 1, 1).data[0]!);
    },
    { base64, points },
  );
}

test('a fresh picture, one stroke and Ctrl+Enter at once, 20 times: 20 jobs whose masks hold their strokes', async ({ page }) => {
  test.setTimeout(240_000);
  await chooseEndpoint(page, 'modelslab/inpaint');
  const sent: Record<string, unknown>[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v4/dreambooth/inpaint')) sent.push(jsonBody(r));
  });
  for (let i = 0; i < 20; i++) {
    // A new picture each time (another size), and a stroke in another place.
    const size = { width: 512 + 16 * i, height: 384 + 8 * i };
    await loadGeneratedImage(page, size.width, size.height);
    const y = 60 + 12 * i;
    await strokeInImage(page, size, [80, y], [300, y]);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => sent.length, { message: `run ${i + 1} sent its request` }).toBe(i + 1);
    await expect(resultCard(page)).toHaveAccessibleName('Job done', { timeout: 30_000 });
    const body = sent[i]!;
    const [onStroke, away] = await maskAt(page, String(body.mask_image), [
      [190 / size.width, y / size.height],
      [0.97, 0.97],
    ]);
    expect(onStroke, `run ${i + 1}: the stroke is white in the mask sent`).toBeGreaterThan(200);
    expect(away, `run ${i + 1}: far from the stroke the mask is black`).toBeLessThan(50);
  }
  expect(sent).toHaveLength(20);
});
