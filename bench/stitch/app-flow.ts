/**
 * The stitch bench's app flow: the real app on the production server (server/start.ts), in
 * headless Chromium. A generated W×H picture is loaded as a file, a stroke is painted in a
 * corner, "Only masked" is chosen and Generate is pressed on the ModelsLab inpaint twin; from
 * the click until the stitched full-size result is shown (and a second after, for the thumbnail
 * and the gallery), a 'longtask' PerformanceObserver and a heartbeat watch the main thread.
 *
 * `startAppServer(dir)` runs the server of any checkout of this repository (its own dist/ is
 * built when stale), so two builds can be measured side by side in one run.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { loadGeneratedImage, maskPreview, strokeInImage } from '../../e2e/fixtures/inpaint';

export interface AppFlowResult {
  width: number;
  height: number;
  /** Every long task from Generate to the stitched result shown plus a second (ms). */
  longTasks: number[];
  maxHeartbeatGap: number;
  /** Generate click to the stitched image decoded and on screen (ms). */
  shownMs: number;
  /**
   * From a Chrome trace of the same window: the main thread's longest task in wall time and in
   * CPU time (thread time). On a loaded machine a task's wall time includes the time the OS gave
   * the core to someone else; its CPU time is what the page itself spent.
   */
  trace: { longestWallMs: number; longestCpuMs: number; cpuWhat: string; tasksOver50Cpu: number };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** The renderer main thread's longest tasks in a trace (see AppFlowResult.trace). */
export function mainThreadTasks(json: string): AppFlowResult['trace'] {
  const parsed = JSON.parse(json) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = events.filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`));
  const tasks = onMain.filter((e) => e.name === 'RunTask');
  let wall = 0;
  let cpu: TraceEvent | undefined;
  for (const t of tasks) {
    wall = Math.max(wall, t.dur ?? 0);
    if (!cpu || (t.tdur ?? 0) > (cpu.tdur ?? 0)) cpu = t;
  }
  let cpuWhat = '';
  if (cpu) {
    const end = cpu.ts + (cpu.dur ?? 0);
    const inside = onMain.filter((e) => e !== cpu && e.ts >= cpu.ts && e.ts + (e.dur ?? 0) <= end && e.name !== 'v8.callFunction');
    inside.sort((a, b) => (b.tdur ?? b.dur ?? 0) - (a.tdur ?? a.dur ?? 0));
    cpuWhat = inside[0]?.name ?? '';
  }
  return { longestWallMs: wall / 1000, longestCpuMs: (cpu?.tdur ?? 0) / 1000, cpuWhat, tasksOver50Cpu: tasks.filter((t) => (t.tdur ?? 0) > 50_000).length };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts the production server of the checkout at `dir` on a free loopback port: `npm start`'s
 * `scripts/start.mjs`, or `server/start.ts` through tsx in a checkout from before the server was bundled.
 */
export async function startAppServer(dir: string): Promise<{ origin: string; stop(): Promise<void> }> {
  const port = await freePort();
  const bundled = existsSync(join(dir, 'scripts', 'start.mjs'));
  const [command, args] = bundled ? [process.execPath, ['scripts/start.mjs']] : [join(dir, 'node_modules', '.bin', 'tsx'), ['server/start.ts']];
  const child: ChildProcess = spawn(command, args, {
    cwd: dir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`The app server in ${dir} exited (${code ?? signal}):\n${log.slice(-2000)}`);
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app server in ${dir} stopped:\n${log.slice(-2000)}`);
    try {
      if ((await fetch(`${origin}/`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`The app server in ${dir} did not start:\n${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    origin,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A stroke in the top-left corner, in image pixels (the e2e tests' helper, scaled with the picture). */
async function strokeInCorner(page: Page, width: number, height: number) {
  const s = width / 4096;
  await strokeInImage(page, { width, height }, [200 * s, 220 * s], [520 * s, 300 * s]);
  await maskPreview(page).waitFor({ timeout: 60_000 });
}

export async function runAppFlow(browser: Browser, origin: string, width: number, height: number): Promise<AppFlowResult> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  try {
    await page.goto(origin);
    await page.evaluate(async () => {
      localStorage.clear();
      const dbs = await indexedDB.databases();
      await Promise.all(dbs.map((d) => new Promise<void>((r) => Object.assign(indexedDB.deleteDatabase(d.name!), { onsuccess: r, onerror: r, onblocked: r }))));
    });
    await page.reload();
    await page.getByRole('button', { name: 'Generate', exact: true }).waitFor();
    await page.getByLabel('Endpoint').selectOption('modelslab/inpaint');
    await loadGeneratedImage(page, width, height, { timeout: 120_000 });
    await strokeInCorner(page, width, height);
    await page.getByRole('radio', { name: 'Only masked' }).check();
    // Let the page settle (the mask export, the draft save) before measuring.
    await page.waitForTimeout(1500);
    await page.evaluate(() => {
      const w = window as unknown as { __bench: { longTasks: number[]; gap: number; beating: boolean; t0: number } };
      const b = (w.__bench = { longTasks: [] as number[], gap: 0, beating: true, t0: 0 });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) b.longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
      let last = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const now = performance.now();
        b.gap = Math.max(b.gap, now - last);
        last = now;
        if (b.beating) setTimeout(() => channel.port2.postMessage(0), 1);
      };
      channel.port2.postMessage(0);
      b.t0 = performance.now();
    });
    // A Chrome trace of the measured window (STITCH_BENCH_TRACE=<file> keeps it), for the tasks' CPU time.
    const keep = process.env.STITCH_BENCH_TRACE;
    await browser.startTracing(page, {
      ...(keep ? { path: keep.replace(/(\.json)?$/, `-${width}x${height}-${Date.now()}.json`) } : {}),
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
    });
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const stitched = page.getByRole('article', { name: /^Job / }).getByRole('figure').filter({ hasText: `Stitched into the ${width}×${height} original` }).getByRole('img');
    await stitched.waitFor({ timeout: 240_000 });
    await page.waitForFunction(
      (el) => {
        const img = el as HTMLImageElement;
        return img.complete && img.naturalWidth > 0;
      },
      await stitched.elementHandle(),
      { timeout: 240_000 },
    );
    const shownMs = await page.evaluate(() => performance.now() - (window as unknown as { __bench: { t0: number } }).__bench.t0);
    await page.waitForTimeout(1000);
    const trace = mainThreadTasks((await browser.stopTracing()).toString('utf8'));
    const { longTasks, gap } = await page.evaluate(() => {
      const b = (window as unknown as { __bench: { longTasks: number[]; gap: number; beating: boolean } }).__bench;
      b.beating = false;
      return { longTasks: b.longTasks, gap: b.gap };
    });
    return { width, height, longTasks, maxHeartbeatGap: gap, shownMs, trace };
  } finally {
    await page.close();
  }
}
