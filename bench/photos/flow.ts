/**
 * The photo bench's flow (bench/photos.bench.ts): the real app on its production server, in
 * headless Chromium, with a camera-like JPEG chosen as a file, a stroke in a corner, "Only
 * masked" or "Whole picture", Generate on the ModelsLab inpaint twin. Every mark is taken in the
 * page (performance.now()), at the next frame after the DOM says so, so Playwright's round trips
 * do not count:
 *
 *   load     the file input's change → the stage shows the picture (editable)
 *   card     the Generate click → the job card on the page
 *   request  the Generate click → the inpaint POST starts (resource timing)
 *   provider the twin's own time: the POST's start to the end of the last twin exchange
 *   shown    the Generate click → the stitched result decoded and on screen (a display-size
 *            preview counts: it is what the person sees)
 *   stored   the Generate click → the full-size stitched result stored (its figure offers Download)
 *
 * with every main-thread long task (PerformanceObserver 'longtask') by phase, and the renderer's
 * peak memory (the renderer processes' peak resident size, read from /proc on Linux), and where it
 * peaks: the highest sampled resident size in load, editing, Generate → shown and shown → stored.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { maskPreview, stage, strokeInImage } from '../../e2e/fixtures/inpaint';
import { sampleRendererMemory } from './memory';
import type { Phase } from './memory';

export type Area = 'masked' | 'whole';

export interface PhotoRun {
  width: number;
  height: number;
  loadMs: number;
  cardMs: number;
  requestMs: number;
  providerMs: number;
  shownMs: number;
  storedMs: number;
  /** Longest main-thread task in each phase (ms; 0 when none over 50 ms). */
  longest: { load: number; edit: number; generate: number };
  /** Peak resident memory of the renderer (MB), or NaN where it cannot be read. */
  rendererPeakMb: number;
  /** The renderer's highest sampled resident size in each phase (MB; bench/photos/memory.ts). */
  rendererByPhaseMb: Record<Phase, number>;
  /** JS heap in use at the end (MB). */
  jsHeapMb: number;
  sent: string;
}

interface Marks {
  change?: number;
  editable?: number;
  click?: number;
  card?: number;
  tasks: Array<{ start: number; duration: number }>;
}

/** Installed before the file is chosen: the marks above, taken in the page. */
function installRecorder() {
  const marks: Marks = { tasks: [] };
  (window as unknown as { __pb: Marks }).__pb = marks;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) marks.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask' });
  const atFrame = (key: 'editable' | 'card') => requestAnimationFrame(() => (marks[key] ??= performance.now()));
  let asked = { editable: false, card: false };
  document.addEventListener('change', (e) => {
    if ((e.target as HTMLInputElement).type === 'file') {
      marks.change = performance.now();
      asked = { editable: false, card: false };
    }
  }, true);
  document.addEventListener('click', (e) => {
    const b = (e.target as Element).closest('button');
    if (b?.textContent?.trim() === 'Generate') marks.click = performance.now();
  }, true);
  const check = () => {
    if (marks.change !== undefined && !asked.editable) {
      // The stage names the picture's size once it is shown (and editable).
      if (document.querySelector('[aria-label^="Mask canvas: "], [aria-label^="Init image: "]')) {
        asked.editable = true;
        atFrame('editable');
      }
    }
    if (marks.click !== undefined && !asked.card && document.querySelector('article[aria-label^="Job "]')) {
      asked.card = true;
      atFrame('card');
    }
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label', 'data-view'] });
}

/** Peak resident size (MB) of the browser's renderer processes, from /proc. */
async function rendererPeakMb(browser: Browser): Promise<number> {
  try {
    const cdp = await browser.newBrowserCDPSession();
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> };
    await cdp.detach();
    let peak = 0;
    for (const p of processInfo.filter((x) => x.type === 'renderer')) {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    }
    return peak || NaN;
  } catch {
    return NaN;
  }
}

async function freshPage(page: Page) {
  await page.goto('/');
  await page.evaluate(async () => {
    localStorage.clear();
    sessionStorage.clear();
    const dbs = await indexedDB.databases();
    await Promise.all(dbs.map((d) => new Promise<void>((r) => Object.assign(indexedDB.deleteDatabase(d.name!), { onsuccess: r, onerror: r, onblocked: r }))));
  });
  await page.reload();
  const generate = page.getByRole('button', { name: 'Generate', exact: true });
  await generate.waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Generate' && !b.disabled));
}

/**
 * The e2e helper's stroke where the stage publishes its view transform; in a build from before it
 * did, through the fitted view it had (16 px padding), so an old checkout can be measured too.
 */
async function strokeInCorner(page: Page, image: { width: number; height: number }, from: [number, number], to: [number, number]) {
  if (await stage(page).getAttribute('data-view')) return strokeInImage(page, image, from, to);
  await stage(page).scrollIntoViewIfNeeded();
  const box = (await stage(page).boundingBox())!;
  const scale = Math.min((box.width - 32) / image.width, (box.height - 32) / image.height, 8);
  const at = (p: [number, number]) => [box.x + (box.width - image.width * scale) / 2 + p[0] * scale, box.y + (box.height - image.height * scale) / 2 + p[1] * scale];
  const [sx, sy] = at(from) as [number, number];
  const [ex, ey] = at(to) as [number, number];
  await page.mouse.move(sx, sy);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(sx + ((ex - sx) * i) / 10, sy + ((ey - sy) * i) / 10);
  await page.mouse.up();
}

const longest = (tasks: Marks['tasks'], from = 0, to = Infinity) => Math.max(0, ...tasks.filter((t) => t.start + t.duration > from && t.start < to).map((t) => t.duration));

export async function runPhotoFlow(browser: Browser, origin: string, file: string, area: Area): Promise<PhotoRun> {
  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1440, height: 900 } });
  // tsx keeps function names with a `__name` helper, which the functions sent to the page call.
  await context.addInitScript('window.__name = (f) => f');
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  try {
    await freshPage(page);
    await page.getByLabel('Endpoint').selectOption('modelslab/inpaint');
    await page.evaluate(installRecorder);
    // PHOTOS_BENCH_TRACE=<file prefix> keeps a Chrome trace of the whole flow (with JS samples), for the Performance panel.
    const trace = process.env.PHOTOS_BENCH_TRACE;
    if (trace) {
      await browser.startTracing(page, {
        path: `${trace}-${area}-${Date.now()}.json`,
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute', 'disabled-by-default-v8.cpu_profiler'],
      });
    }
    const memory = await sampleRendererMemory(browser);
    memory.phase('load');
    await page.getByLabel('Image file').setInputFiles(file);
    await page.waitForFunction(() => (window as unknown as { __pb: Marks }).__pb.editable !== undefined, undefined, { timeout: 240_000 });
    const [, w, h] = /: (\d+)×(\d+)/.exec((await stage(page).getAttribute('aria-label'))!)!.map(Number);
    const view = { width: w!, height: h! };
    memory.phase('edit');
    const s = view.width / 4032;
    await strokeInCorner(page, view, [200 * s, 220 * s], [520 * s, 300 * s]);
    await maskPreview(page).waitFor({ timeout: 120_000 });
    await page.getByRole('radio', { name: area === 'masked' ? 'Only masked' : 'Whole picture' }).check();
    // The mask export and the draft save settle before Generate (a person takes a second too).
    await page.waitForTimeout(1500);
    memory.phase('generate');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const shownAt = await page.waitForFunction(
      () => {
        const card = document.querySelector('article[aria-label^="Job "]');
        if (!card) return false;
        const figures = [...card.querySelectorAll('figure')];
        const fig = figures.find((f) => f.textContent?.includes('Stitched into the')) ?? (card.getAttribute('aria-label') === 'Job done' ? figures[0] : undefined);
        const img = fig?.querySelector('img');
        return img && img.complete && img.naturalWidth > 0 ? performance.now() : false;
      },
      undefined,
      { timeout: 240_000, polling: 'raf' },
    );
    const shown = (await shownAt.jsonValue()) as number;
    memory.phase('store');
    const storedAt = await page.waitForFunction(
      () => {
        const card = document.querySelector('article[aria-label^="Job "]');
        const fig = [...(card?.querySelectorAll('figure') ?? [])].find((f) => f.textContent?.includes('Stitched into the') && f.querySelector('button[aria-label^="Download"]'));
        return fig ? performance.now() : card?.getAttribute('aria-label') === 'Job done' ? performance.now() : false;
      },
      undefined,
      { timeout: 240_000, polling: 'raf' },
    );
    const stored = (await storedAt.jsonValue()) as number;
    const rendererByPhaseMb = memory.stop();
    if (trace) await browser.stopTracing();
    const marks = await page.evaluate(() => (window as unknown as { __pb: Marks }).__pb);
    const resources = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: e.startTime, end: (e as PerformanceResourceTiming).responseEnd })),
    );
    const click = marks.click!;
    const twin = resources.filter((r) => r.start >= click && r.name.includes('/sandbox/'));
    const post = twin.find((r) => r.name.includes('/dreambooth/inpaint'));
    if (!post) throw new Error('No inpaint request was seen.');
    const providerEnd = Math.max(...twin.map((r) => r.end));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
    const jsHeap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    const sent = (await page.getByRole('article', { name: /^Job / }).getByText(/^Init image sent:/).textContent().catch(() => '')) ?? '';
    return {
      width: view.width,
      height: view.height,
      loadMs: marks.editable! - marks.change!,
      cardMs: marks.card! - click,
      requestMs: post.start - click,
      providerMs: providerEnd - post.start,
      shownMs: shown - click,
      storedMs: stored - click,
      longest: { load: longest(marks.tasks, marks.change!, marks.editable!), edit: longest(marks.tasks, marks.editable!, click), generate: longest(marks.tasks, click, shown) },
      rendererPeakMb: await rendererPeakMb(browser),
      rendererByPhaseMb,
      jsHeapMb: jsHeap / 2 ** 20,
      sent: sent.replace(/^Init image sent:\s*/, ''),
    };
  } finally {
    await context.close();
  }
}
