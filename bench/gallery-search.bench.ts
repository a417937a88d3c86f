/**
 * Gallery search benchmark: the production app with 2,000 stored jobs (the e2e's seeded records,
 * once the app has upgraded them to the current shape),
 * a query typed key by key into "Search prompts", in headless Chromium. Per query it measures, in
 * the page:
 * - last key → filtered grid painted: from the last keydown to the frame after the grid holds
 *   exactly the one matching tile (requestAnimationFrame, then a message: after that frame's paint);
 * - key → next paint for every key (how long typing waits for the screen);
 * - the first search after the gallery opens (a reload, the gallery shown with its count), last key
 *   → painted: it also pays for reading each record's text once.
 * With several targets (`label=url`, e.g. a "before" and an "after" server), the runs alternate
 * between them so that both see the same machine load, and the medians print side by side.
 * TRACE=1 adds, per target, one traced query: the main thread's work between the last key and the
 * paint, by trace event (script, style, layout, paint), so it says where the time goes.
 *
 * Run: npx tsx bench/gallery-search.bench.ts [label=url …]
 *   With no target it starts this checkout's production server (as `npm start`) on a free port.
 */
import { chromium } from '@playwright/test';
import type { Browser, CDPSession, LaunchOptions, Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { seedJobs, untilUpgraded } from '../e2e/fixtures/seed-jobs';
import { JOB_RECORD_VERSION } from '../src/job-store/job-record';
// @ts-expect-error: a plain ES module shared with the setup scripts
import { chromiumLaunchOptions } from '../scripts/browser.mjs';

const JOBS = 2000;
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const COLD = Number(process.env.COLD ?? 3);
/** Each query leaves one job only at its last key ("lantern 123" still matches 123 and 1230–1239). */
const QUERIES = ['lantern 1234', 'lantern 1567', 'lantern 1890', 'lantern 1345', 'lantern 1789', 'lantern 1456', 'lantern 1678'];

interface Target {
  label: string;
  url: string;
  page?: Page;
  lastKey: number[];
  perKey: number[];
  cold: number[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], { env: { ...process.env, HOST: '127.0.0.1', PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /(http:\/\/\S+\/)/.exec(out);
      if (found) resolve(found[1]!);
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
  return { url, child };
}

async function openGallery(page: Page) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Gallery', exact: true }).click();
}

/** A fresh origin state, 2,000 seeded jobs, and the gallery open with all of them counted. */
async function prepare(browser: Browser, target: Target): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // tsx names the functions it compiles (`__name(fn, …)`); the page needs that helper for the evaluated ones.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`${target.label} page error:`, error.message));
  await page.goto(target.url);
  await page.evaluate(async () => {
    localStorage.clear();
    const dbs = await indexedDB.databases();
    await Promise.all(dbs.map((d) => new Promise<void>((resolve) => {
      const r = indexedDB.deleteDatabase(d.name!);
      r.onsuccess = r.onerror = r.onblocked = () => resolve();
    })));
  });
  await page.reload();
  const gallery = () => openGallery(page);
  await gallery();
  await page.getByText(/No images yet/).waitFor();
  await seedJobs(page, JOBS);
  // The seeded records have an earlier shape: the app writes them back in the current one once.
  // That is over before anything is measured, and a reload starts from the upgraded records.
  await page.reload();
  await gallery();
  await untilUpgraded(page, JOB_RECORD_VERSION);
  await page.reload();
  await gallery();
  await page.getByText(`0 images in ${JOBS} jobs`).waitFor({ timeout: 60_000 });
  return page;
}

/** Types `query` key by key; returns last key → the one tile painted, and each key → its next paint. */
async function typeQuery(page: Page, query: string): Promise<{ lastKey: number; perKey: number[] }> {
  const search = page.getByLabel('Search prompts');
  await search.fill('');
  await page.waitForFunction((n) => document.querySelectorAll('[data-gallery-tile]').length > n, 5);
  await page.evaluate(() => {
    const w = window as unknown as { __bench: { keys: number[]; painted: number[]; done: Promise<number> } };
    const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
    const afterPaint = (then: (t: number) => void) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => then(performance.now());
        channel.port2.postMessage(0);
      });
    const state = { keys: [] as number[], painted: [] as number[], done: Promise.resolve(0) };
    input.addEventListener(
      'keydown',
      () => {
        const i = state.keys.push(performance.now()) - 1;
        performance.mark('bench-key');
        afterPaint((t) => (state.painted[i] = t));
      },
      { capture: true },
    );
    const grid = document.querySelector('[data-gallery-scroll]')!;
    state.done = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelectorAll('[data-gallery-tile]').length !== 1) return;
        observer.disconnect();
        afterPaint((t) => {
          performance.mark('bench-done');
          resolve(t);
        });
      });
      observer.observe(grid, { childList: true, subtree: true });
    });
    w.__bench = state;
  });
  await search.pressSequentially(query);
  return page.evaluate(async () => {
    const w = window as unknown as { __bench: { keys: number[]; painted: number[]; done: Promise<number> } };
    const done = await w.__bench.done;
    const { keys, painted } = w.__bench;
    return { lastKey: done - keys[keys.length - 1]!, perKey: keys.map((k, i) => (painted[i] ?? done) - k) };
  });
}

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number };

/** One traced query: the main thread's trace events between the last key and the paint, summed by name. */
async function traceQuery(page: Page, query: string): Promise<string> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => void events.push(...(data.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink.user_timing,v8', transferMode: 'ReportEvents' });
  const { lastKey } = await typeQuery(page, query);
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const keys = events.filter((e) => e.name === 'bench-key');
  const done = events.find((e) => e.name === 'bench-done');
  if (!keys.length || !done) return '(no marks in the trace)';
  const from = Math.max(...keys.map((e) => e.ts));
  const { pid, tid } = keys[0]!;
  const sums = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || e.pid !== pid || e.tid !== tid || e.ts < from || e.ts >= done.ts) continue;
    sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  }
  const top = [...sums].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return `${lastKey.toFixed(1)} ms; main thread: ${top.map(([name, t]) => `${name} ${t.toFixed(1)}`).join(', ')}`;
}

async function main() {
  const given = process.argv.slice(2).map((arg) => {
    const at = arg.indexOf('=');
    return { label: at > 0 ? arg.slice(0, at) : arg, url: at > 0 ? arg.slice(at + 1) : arg };
  });
  const server = given.length ? undefined : await startServer();
  const targets: Target[] = (given.length ? given : [{ label: 'this checkout', url: server!.url }]).map((t) => ({ ...t, lastKey: [], perKey: [], cold: [] }));
  const browser = await chromium.launch(chromiumLaunchOptions() as LaunchOptions);
  try {
    console.log(`load average before seeding: ${load()}`);
    for (const target of targets) target.page = await prepare(browser, target);
    // A first query each, not counted: it builds the search's per-record text.
    for (const target of targets) await typeQuery(target.page!, 'lantern 1999');
    console.log(`load average at the start of the runs: ${load()}`);
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? [...targets].reverse() : targets;
      for (const target of order) {
        const result = await typeQuery(target.page!, QUERIES[round % QUERIES.length]!);
        target.lastKey.push(result.lastKey);
        target.perKey.push(...result.perKey);
      }
    }
    for (let round = 0; round < COLD; round++) {
      for (const target of round % 2 ? [...targets].reverse() : targets) {
        const page = target.page!;
        await page.reload();
        await openGallery(page);
        await page.getByText(`0 images in ${JOBS} jobs`).waitFor({ timeout: 60_000 });
        target.cold.push((await typeQuery(page, QUERIES[(round + 3) % QUERIES.length]!)).lastKey);
      }
    }
    console.log(`load average at the end of the runs: ${load()}`);
    console.log(`\nSearch among ${JOBS} jobs at 1440×900, ${ROUNDS} queries each (${COLD} first searches), medians (min–max):\n`);
    console.log('| target | last key → filtered grid painted | key → next paint (every key) | first search after opening |');
    console.log('| --- | --- | --- | --- |');
    for (const t of targets) {
      const range = (xs: number[]) => `${median(xs).toFixed(1)} ms (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
      console.log(`| ${t.label} | ${range(t.lastKey)} | ${range(t.perKey)} | ${range(t.cold)} |`);
    }
    if (process.env.TRACE) {
      console.log('\nOne traced query each (trace events on the main thread, ms, between the last key and the paint):');
      for (const t of targets) console.log(`  ${t.label}: ${await traceQuery(t.page!, 'lantern 1111')}`);
    }
  } finally {
    await browser.close();
    server?.child.kill();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
