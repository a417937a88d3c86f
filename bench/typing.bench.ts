/**
 * Typing benchmark: the built app in headless Chromium. Types 40 characters
 * into `prompt` on ModelsLab text2img and on img2img with a 2048×2048 init
 * image loaded, in the same run, and switches into the endpoint whose draft
 * holds that image. Prints medians (it is not a timed test):
 * - per key: from the keydown event to the first task after the next frame
 *   (the render, its effects and the paint the key caused; at 60 Hz this
 *   includes waiting for the frame, ~8 ms on average), and to the first task
 *   after the key's events (its handlers and React's render, without the frame);
 * - long tasks (over 50 ms) while typing;
 * - switching endpoints: from the select's change event to the next frame.
 * Run: npm run bench:typing  (builds into node_modules/.bench-typing first)
 */
import { chromium } from '@playwright/test';
import type { LaunchOptions, Page } from '@playwright/test';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
// @ts-expect-error: a plain ES module shared with the setup scripts
import { chromiumLaunchOptions } from '../scripts/browser.mjs';

process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = 'true';
const repo = resolve(fileURLToPath(import.meta.url), '../..');
const outDir = resolve(repo, 'node_modules/.bench-typing');
const TEXT = 'a lighthouse on a cliff at dusk, oil pai'; // 40 characters
const SWITCHES = 6;

declare global {
  interface Window {
    typingBench: { latencies: number[]; handled: number[]; longTasks: number[]; switches: number[] };
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const f1 = (x: number) => x.toFixed(1);

/**
 * In the page before the app: per-key and per-switch latency, long tasks.
 * A string, so that the bundler's helpers (tsx names functions) never reach the page.
 */
const INSTRUMENT = `(() => {
  const bench = { latencies: [], handled: [], longTasks: [], switches: [] };
  window.typingBench = bench;
  const afterNextFrame = (t0, into) => requestAnimationFrame(() => setTimeout(() => into.push(performance.now() - t0), 0));
  addEventListener('keydown', (e) => {
    afterNextFrame(e.timeStamp, bench.latencies);
    // The first task after the key's events: its handlers and React's render and commit, without waiting for a frame.
    const t0 = e.timeStamp;
    setTimeout(() => bench.handled.push(performance.now() - t0), 0);
  }, true);
  addEventListener('change', (e) => {
    if (e.target && e.target.id === 'endpoint-select') afterNextFrame(e.timeStamp, bench.switches);
  }, true);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
})();`;

/** A 2048×2048 PNG with photo-like detail (gradients and noise), pasted as a file. */
async function pasteLargeImage(page: Page) {
  await page.evaluate(async () => {
    const size = 2048;
    const canvas = new OffscreenCanvas(size, size);
    const ctx = canvas.getContext('2d')!;
    const img = ctx.createImageData(size, size);
    let seed = 7;
    for (let i = 0; i < img.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const p = i / 4;
      const x = p % size;
      const y = Math.floor(p / size);
      const n = (seed >> 16) & 31;
      img.data[i] = (x >> 3) + n;
      img.data[i + 1] = (y >> 3) + n;
      img.data[i + 2] = ((x + y) >> 4) + n;
      img.data[i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const dt = new DataTransfer();
    dt.items.add(new File([blob], 'large.png', { type: 'image/png' }));
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  });
}

async function typeInPrompt(page: Page) {
  const prompt = page.getByRole('form').getByLabel('prompt', { exact: true });
  await prompt.fill('');
  await page.waitForTimeout(500);
  await prompt.focus();
  await page.evaluate(() => {
    window.typingBench.latencies.length = 0;
    window.typingBench.handled.length = 0;
    window.typingBench.longTasks.length = 0;
  });
  let seed = 12345;
  for (let i = 0; i < TEXT.length; i++) {
    await page.keyboard.press(TEXT[i] === ' ' ? 'Space' : TEXT[i]!);
    // Polled on a timer, not on animation frames, and a varying pause before the next key:
    // keys land at every phase of the frame clock, as a person's do.
    await page.waitForFunction((n) => window.typingBench.latencies.length >= n, i + 1, { polling: 5 });
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    await page.waitForTimeout(20 + (seed % 40));
  }
  await page.waitForTimeout(600); // debounced work after the last key counts too
  return page.evaluate(() => ({
    latencies: [...window.typingBench.latencies],
    handled: [...window.typingBench.handled],
    longTasks: [...window.typingBench.longTasks],
  }));
}

function report(name: string, r: { latencies: number[]; handled: number[]; longTasks: number[] }) {
  const long = r.longTasks.filter((d) => d > 50);
  console.log(
    `  ${name.padEnd(32)} to the next frame: median ${f1(median(r.latencies))} ms/key, max ${f1(Math.max(...r.latencies))} ms; ` +
      `input handled: median ${f1(median(r.handled))} ms; long tasks > 50 ms: ${long.length}${long.length ? ` (longest ${f1(Math.max(...long))} ms)` : ''}`,
  );
  const slow = r.latencies.map((ms, i) => [i + 1, ms] as const).filter(([, ms]) => ms > 50);
  if (slow.length) console.log(`    keys over 50 ms: ${slow.length} (${slow.slice(0, 5).map(([i, ms]) => `#${i} ${f1(ms)} ms`).join(', ')}${slow.length > 5 ? ', …' : ''})`);
  return median(r.latencies);
}

async function main() {
  console.log('Building the app…');
  await build({ root: repo, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root: repo, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server has no address');
  const browser = await chromium.launch(chromiumLaunchOptions() as LaunchOptions);
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.route('**/*', (route) => {
      const target = new URL(route.request().url());
      return target.hostname === '127.0.0.1' || target.protocol === 'blob:' || target.protocol === 'data:' ? route.continue() : route.abort();
    });
    await context.addInitScript({ content: INSTRUMENT });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(url);
    const select = page.getByLabel('Endpoint');
    await select.selectOption('modelslab/img2img');
    await page.getByRole('button', { name: 'Use sample image' }).waitFor();
    await pasteLargeImage(page);
    await page.getByRole('form').getByLabel('init_image', { exact: true }).and(page.locator(':not([value=""])')).waitFor();
    await page.waitForFunction(() => !!document.querySelector('[aria-label*="×"]'));
    await page.waitForTimeout(1000);

    await select.selectOption('modelslab/text2img');
    await page.waitForTimeout(800);
    console.log(`\nTyping ${TEXT.length} characters into prompt (ModelsLab), one key at a time:`);
    const text = report('text2img', await typeInPrompt(page));

    await page.evaluate(() => (window.typingBench.switches.length = 0));
    const switchLong: number[] = [];
    for (let i = 0; i < SWITCHES; i++) {
      await page.evaluate(() => (window.typingBench.longTasks.length = 0));
      await select.selectOption('modelslab/img2img');
      await page.waitForTimeout(1200);
      switchLong.push(...(await page.evaluate(() => window.typingBench.longTasks)));
      if (i < SWITCHES - 1) {
        await select.selectOption('modelslab/text2img');
        await page.waitForTimeout(800);
      }
    }
    const switches = await page.evaluate(() => window.typingBench.switches.filter((_, i) => i % 2 === 0));
    const img = report('img2img, 2048×2048 init image', await typeInPrompt(page));
    console.log(`  ratio img2img / text2img: ${f1(img / text)}`);
    const longSwitch = switchLong.filter((d) => d > 50);
    console.log(`\nSwitching into img2img (its draft holds the image), ${SWITCHES} times:`);
    console.log(
      `  median ${f1(median(switches))} ms to the next frame (max ${f1(Math.max(...switches))} ms); long tasks > 50 ms within 1.2 s: ${longSwitch.length}${longSwitch.length ? ` (longest ${f1(Math.max(...longSwitch))} ms)` : ''}`,
    );
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
