import { expect, test } from '@playwright/test';
import { chooseEndpoint, openFresh, resetSandbox } from './fixtures/playground';
import { imageToScreen, loadSample, maskValues, sentMask } from './fixtures/canvas';
import { maskPreview } from './fixtures/inpaint';

/** The mask tools beyond the brush: Rectangle, Lasso, Fill / Cut out, Feather, Load mask from file. */

test.beforeEach(async ({ page, request }) => {
  await resetSandbox(request);
  await openFresh(page);
});

test('rectangle and lasso fill the mask that is sent; Cut out clears a rectangle; Feather softens the edge; undo restores', async ({ page }) => {
  // Five requests, each mask decoded and checked: more than a minute on a busy machine.
  test.setTimeout(180_000);
  await chooseEndpoint(page, 'modelslab/inpaint');
  await loadSample(page);
  const drag = async (points: Array<[number, number]>) => {
    const at = await imageToScreen(page, 512);
    await page.mouse.move(...at(...points[0]!));
    await page.mouse.down();
    for (const p of points.slice(1)) await page.mouse.move(...at(...p), { steps: 4 });
    await page.mouse.up();
  };

  const rectangle = page.getByRole('button', { name: 'Rectangle' });
  await rectangle.click();
  await expect(rectangle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Brush' })).toHaveAttribute('aria-pressed', 'false');
  await drag([[40, 40], [200, 160]]);
  await expect(maskPreview(page)).toBeVisible();

  // Lasso as a polygon of clicks, closed on its first corner.
  await page.keyboard.press('l');
  await expect(page.getByRole('button', { name: 'Lasso' })).toHaveAttribute('aria-pressed', 'true');
  const at = await imageToScreen(page, 512);
  for (const [x, y] of [[300, 60], [470, 60], [470, 230], [300, 60]] as const) await page.mouse.click(...at(x, y));
  // And a freehand lasso, dragged.
  await drag([[60, 300], [200, 300], [200, 440], [60, 440], [60, 302]]);

  let mask = await sentMask(page);
  expect(mask.grey).toBe(0);
  for (const [x, y] of [[120, 100], [45, 45], [195, 155], [440, 90], [460, 200], [130, 370], [70, 430]] as const) expect(mask.at(x, y), `${x},${y}`).toBe(255);
  for (const [x, y] of [[20, 20], [250, 100], [35, 100], [205, 100], [320, 200], [400, 400], [230, 370]] as const) expect(mask.at(x, y), `${x},${y}`).toBe(0);
  // Rectangle 160×120, triangle 170×170 / 2, square 140×140, give or take the mouse's rounding.
  expect(mask.white).toBeGreaterThan(0.95 * (19200 + 14450 + 19600));
  expect(mask.white).toBeLessThan(1.05 * (19200 + 14450 + 19600));

  // Cut out: a rectangle taken out of the first one.
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await expect(page.getByRole('button', { name: 'Fill' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Cut out' }).click();
  await drag([[100, 80], [140, 120]]);
  mask = await sentMask(page);
  expect(mask.at(120, 100)).toBe(0);
  expect(mask.at(60, 60)).toBe(255);

  // Feather: grey at the edges, white well inside, black well outside; undo brings the hard mask back.
  await page.getByLabel('Grow / shrink / feather by (px)').fill('16');
  await page.getByRole('button', { name: 'Feather mask' }).click();
  await expect(page.getByText('Mask feathered by 16 px.')).toBeVisible();
  mask = await sentMask(page);
  expect(mask.grey).toBeGreaterThan(2000);
  expect(mask.at(40, 100)).toBeGreaterThan(60);
  expect(mask.at(40, 100)).toBeLessThan(200);
  expect(mask.at(60, 60)).toBe(255);
  expect(mask.at(20, 20)).toBe(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  mask = await sentMask(page);
  expect(mask.grey).toBe(0);
  expect(mask.at(120, 100)).toBe(0);
  expect(mask.at(45, 45)).toBe(255);
  // Undo again: the cut-out is gone, the first rectangle whole.
  await page.getByRole('button', { name: 'Undo' }).click();
  mask = await sentMask(page);
  expect(mask.at(120, 100)).toBe(255);
});

test('"Load mask from file" resizes a black-and-white picture to the image, as one undoable step', async ({ page }) => {
  await chooseEndpoint(page, 'modelslab/inpaint');
  await loadSample(page);
  // A 256×256 mask file with a white square at (64, 64)–(128, 128): (128, 128)–(256, 256) on the 512×512 image.
  const png = await page.evaluate(async () => {
    const c = new OffscreenCanvas(256, 256);
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, 256, 256);
    ctx.fillStyle = '#fff';
    ctx.fillRect(64, 64, 64, 64);
    const bytes = new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer());
    return Array.from(bytes);
  });
  await page.getByLabel('Load mask from file').setInputFiles({ name: 'mask.png', mimeType: 'image/png', buffer: Buffer.from(png) });
  await expect(page.getByText('Mask loaded from “mask.png”, resized to 512×512.')).toBeVisible();
  await expect(maskPreview(page)).toBeVisible();
  const mask = await maskValues(page, (await maskPreview(page).getAttribute('src'))!);
  expect([mask.at(192, 192), mask.at(132, 132), mask.at(250, 250)]).toEqual([255, 255, 255]);
  expect([mask.at(100, 100), mask.at(300, 192), mask.at(192, 300)]).toEqual([0, 0, 0]);
  expect(mask.grey).toBe(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(maskPreview(page)).toHaveCount(0);
});

test('after the Eraser, the next Rectangle still fills (Fill / Cut out is its own choice); a loaded image is a success, not a warning', async ({ page }) => {
  await chooseEndpoint(page, 'modelslab/inpaint');
  await loadSample(page);
  const loaded = page.getByRole('status').filter({ hasText: 'Loaded the sample image (512×512).' });
  await expect(loaded).toHaveAttribute('data-tone', 'success');
  const colour = await loaded.evaluate((el) => getComputedStyle(el).color);
  const [r, g, b] = colour.match(/\d+/g)!.map(Number);
  expect(g, `the success line's text is green, not amber (${colour})`).toBeGreaterThan(r!);
  expect(g).toBeGreaterThan(b!);

  const drag = async (from: [number, number], to: [number, number]) => {
    // Each time: a result card may have moved the stage.
    const at = await imageToScreen(page, 512);
    await page.mouse.move(...at(...from));
    await page.mouse.down();
    await page.mouse.move(...at(...to), { steps: 4 });
    await page.mouse.up();
  };
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await drag([40, 40], [200, 160]);
  // The Eraser wipes a stroke through the box…
  await page.getByRole('button', { name: 'Eraser' }).click();
  await expect(page.getByRole('group', { name: /does$/ })).toHaveCount(0);
  await drag([40, 100], [200, 100]);
  // …and the Rectangle after it still adds to the mask.
  await page.getByRole('button', { name: 'Rectangle' }).click();
  const does = page.getByRole('group', { name: 'Rectangle does' });
  await expect(does.getByRole('button', { name: 'Fill' })).toHaveAttribute('aria-pressed', 'true');
  await expect(does.getByRole('button', { name: 'Cut out' })).toHaveAttribute('aria-pressed', 'false');
  await drag([300, 300], [460, 420]);
  let mask = await sentMask(page);
  expect(mask.at(380, 360), 'the box after the Eraser is filled').toBe(255);
  expect(mask.at(60, 60)).toBe(255);
  expect(mask.at(120, 100), 'the eraser stroke').toBe(0);

  // Cut out stays what the user picked, through the Brush and back; the Lasso shows the same choice.
  await does.getByRole('button', { name: 'Cut out' }).click();
  await page.getByRole('button', { name: 'Brush' }).click();
  await page.getByRole('button', { name: 'Lasso' }).click();
  await expect(page.getByRole('group', { name: 'Lasso does' }).getByRole('button', { name: 'Cut out' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await drag([340, 330], [420, 390]);
  mask = await sentMask(page);
  expect(mask.at(380, 360), 'Cut out, as picked').toBe(0);
  expect(mask.at(310, 310)).toBe(255);
});
