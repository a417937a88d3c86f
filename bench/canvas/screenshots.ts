/**
 * Looks at the canvas panel in headless Chromium: the empty state, refusals, a scaled-down
 * upload, a painted stroke with the mask-as-sent preview, and a CORS-tainted remote image.
 * Screenshots go to the directory given as the first argument (default: the OS temp dir);
 * they are for looking at, not for committing. Traffic stays on 127.0.0.1.
 *
 *   npx tsx bench/canvas/screenshots.ts [out-dir]
 */
import { createServer } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
// @ts-expect-error: a plain ES module shared with the setup scripts
import { chromiumLaunchOptions } from '../../scripts/browser.mjs';
import { repoRoot, serveBenchPages } from './serve';

const outDir = process.argv[2] ?? join(tmpdir(), 'canvas-shots');
mkdirSync(outDir, { recursive: true });

/** A PNG made by the page itself (no fixture files needed). */
async function makePng(page: Page, width: number, height: number): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ([w, h]) => {
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      const ctx = c.getContext('2d')!;
      const g = ctx.createLinearGradient(0, 0, w, h);
      g.addColorStop(0, '#1e3a8a');
      g.addColorStop(1, '#f59e0b');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, w, h);
      ctx.fillStyle = '#fff';
      ctx.font = `${Math.round(h / 8)}px sans-serif`;
      ctx.fillText(`${w}×${h}`, w / 10, h / 2);
      const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), 'image/png'));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    },
    [width, height] as const,
  );
  return Buffer.from(base64, 'base64');
}

async function paintStroke(page: Page, points: Array<[number, number]>) {
  const box = (await page.getByRole('img', { name: /Mask canvas/ }).boundingBox())!;
  const [first, ...rest] = points;
  await page.mouse.move(box.x + first![0] * box.width, box.y + first![1] * box.height);
  await page.mouse.down();
  for (const [x, y] of rest) await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 12 });
  await page.mouse.up();
}

function log(step: string, ...detail: unknown[]) {
  console.log(`• ${step}`, ...detail);
}

const { server, origin } = await serveBenchPages();
// A second origin without CORS headers, to check that a tainted image stays a URL.
const png = readFileSync(join(repoRoot, 'public/samples/init-512.png'));
const noCors = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'image/png' });
  res.end(png);
});
await new Promise<void>((r) => noCors.listen(0, '127.0.0.1', r));
const noCorsPort = (noCors.address() as { port: number }).port;

const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage({ viewport: { width: 1180, height: 900 } });
try {
  page.on('pageerror', (e) => log('page error', e.message));
  page.on('console', (m) => m.type() === 'error' && log('console error', m.text(), m.location().url));
  await page.goto(`${origin}/bench/canvas/harness.html`);
  await page.getByText('Choose an image, drop one here, or paste from the clipboard').waitFor();
  await page.screenshot({ path: join(outDir, '1-empty.png'), fullPage: true });
  log('empty state', 'ok');

  await page.getByLabel('Image file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  log('non-image refused', await page.getByRole('alert').textContent());

  await page.getByLabel('Image file').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: await makePng(page, 3000, 2000) });
  await page.getByRole('status').filter({ hasText: 'Scaled from' }).waitFor();
  log('scaled note', await page.getByRole('status').textContent());
  await page.screenshot({ path: join(outDir, '2-scaled.png'), fullPage: true });

  await page.getByRole('button', { name: 'Use sample image' }).click();
  await page.getByRole('status').filter({ hasText: 'sample' }).waitFor();
  await page.waitForTimeout(300);
  await paintStroke(page, [
    [0.3, 0.3],
    [0.6, 0.35],
    [0.65, 0.6],
    [0.4, 0.7],
  ]);
  await page.getByRole('img', { name: 'Mask as sent' }).waitFor();
  log('mask reported', await page.locator('[data-harness=mask]').textContent());
  log('preview caption', await page.getByRole('region', { name: 'Mask as sent' }).locator('p').textContent());
  await page.screenshot({ path: join(outDir, '3-painted.png'), fullPage: true });

  await page.keyboard.press('Control+z');
  await page.getByText('No mask yet').waitFor();
  log('undo empties the mask', await page.locator('[data-harness=mask]').textContent());
  await page.keyboard.press('Control+Shift+z');
  await page.getByRole('img', { name: 'Mask as sent' }).waitFor();
  log('redo restores it', 'ok');
  await page.getByRole('button', { name: 'Eraser' }).click();
  log('eraser pressed', await page.getByRole('button', { name: 'Eraser' }).getAttribute('aria-pressed'));
  await page.getByRole('button', { name: 'Invert mask' }).click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(outDir, '4-inverted.png'), fullPage: true });

  await page.getByLabel('Image URL').fill(`http://127.0.0.1:${noCorsPort}/remote.png`);
  await page.getByRole('button', { name: 'Load URL' }).click();
  await page.getByRole('status').filter({ hasText: 'stays a URL' }).waitFor();
  log('tainted URL', await page.locator('[data-harness=init]').textContent());
  const before = await page.locator('[data-harness=mask]').textContent();
  await paintStroke(page, [
    [0.2, 0.2],
    [0.5, 0.5],
  ]);
  await page.locator('[data-harness=mask]').filter({ hasNotText: before ?? '' }).waitFor();
  log('mask over tainted image', await page.locator('[data-harness=mask]').textContent());
  await page.screenshot({ path: join(outDir, '5-tainted.png'), fullPage: true });

  // Paste an image from the clipboard (a synthetic paste event carrying a PNG file).
  const pastePng = (await makePng(page, 640, 480)).toString('base64');
  await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'clip.png', { type: 'image/png' }));
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  }, pastePng);
  await page.getByRole('status').filter({ hasText: 'Pasted from the clipboard (640×480)' }).waitFor();
  log('paste', await page.getByRole('status').textContent());
  await page.locator('[data-harness=mask]').filter({ hasText: /^none$/ }).waitFor();
  log('mask after a new image size', await page.locator('[data-harness=mask]').textContent());

  // Drop a file onto the panel.
  const dropPng = (await makePng(page, 800, 600)).toString('base64');
  await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'drop.png', { type: 'image/png' }));
    const target = document.querySelector('section')!;
    target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, dropPng);
  await page.getByRole('status').filter({ hasText: 'Dropped image loaded (800×600)' }).waitFor();
  log('drop', await page.getByRole('status').textContent());

  // A long stroke reports the mask once, not per move.
  await page.keyboard.press('b');
  log('B selects the brush', await page.getByRole('button', { name: 'Brush' }).getAttribute('aria-pressed'));
  const callsBefore = Number(await page.locator('[data-harness=mask-calls]').textContent());
  await paintStroke(page, [
    [0.1, 0.5],
    [0.9, 0.5],
    [0.5, 0.1],
    [0.5, 0.9],
  ]);
  await page.getByRole('img', { name: 'Mask as sent' }).waitFor();
  await page.waitForTimeout(500);
  log('onMaskChange calls for one 48-move stroke', Number(await page.locator('[data-harness=mask-calls]').textContent()) - callsBefore);

  // A mask handed in from outside (a restored draft) is loaded into the canvas.
  await page.getByRole('button', { name: 'Use sample image' }).click();
  await page.getByRole('status').filter({ hasText: 'sample' }).waitFor();
  await page.waitForTimeout(300);
  await page.getByRole('button', { name: /Put the sample mask/ }).click();
  await page.locator('[data-harness=mask]').filter({ hasText: 'data:image/png' }).waitFor();
  await page.waitForTimeout(400);
  log('external mask loaded and re-reported', await page.locator('[data-harness=mask]').textContent());
  log('undo available after loading a mask', await page.getByRole('button', { name: 'Undo' }).isEnabled());
  await page.screenshot({ path: join(outDir, '7-external-mask.png'), fullPage: true });

  const tablet = await browser.newPage({ viewport: { width: 768, height: 1024 } });
  await tablet.goto(`${origin}/bench/canvas/harness.html`);
  await tablet.getByRole('button', { name: 'Use sample image' }).click();
  await tablet.getByRole('status').filter({ hasText: 'sample' }).waitFor();
  await tablet.waitForTimeout(300);
  await tablet.screenshot({ path: join(outDir, '6-tablet.png'), fullPage: true });
  const img2img = await browser.newPage({ viewport: { width: 1180, height: 900 } });
  await img2img.goto(`${origin}/bench/canvas/harness.html?mask=off`);
  await img2img.getByRole('button', { name: 'Use sample image' }).click();
  await img2img.getByRole('status').filter({ hasText: 'sample' }).waitFor();
  await img2img.waitForTimeout(300);
  log('img2img: mask tools hidden', (await img2img.getByRole('button', { name: 'Brush' }).count()) === 0);
  await img2img.screenshot({ path: join(outDir, '8-img2img.png'), fullPage: true });
  log('screenshots in', outDir);
} catch (e) {
  await page.screenshot({ path: join(outDir, 'failure.png'), fullPage: true });
  log('failed; screenshot in', join(outDir, 'failure.png'));
  throw e;
} finally {
  await browser.close();
  await server.close();
  noCors.close();
}
