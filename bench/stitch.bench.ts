/**
 * Stitch benchmark, in two parts, in headless Chromium:
 *
 * 1. The library: the inpainting library's crop and stitch in its Worker (runInWorker), on
 *    4096×3072 and 8192×6144 photos, with the longest main-thread task seen while stitching.
 *    Serves bench/stitch/bench.html with Vite on 127.0.0.1.
 * 2. The app flow (bench/stitch/app-flow.ts): the real app on its production server, a picture
 *    of each size loaded, a stroke in a corner, "Only masked", Generate on the ModelsLab twin;
 *    the longest main-thread task from the click to the stitched result shown. With
 *    STITCH_BENCH_BEFORE=<dir of another checkout with node_modules> the same flow runs on that
 *    checkout's build too and both are printed side by side ("before" and "after").
 *
 * Prints figures; it is not a pass/fail test. Talks to nothing but its own loopback servers.
 *
 *   npx tsx bench/stitch.bench.ts
 *   STITCH_BENCH_RUNS=3 STITCH_BENCH_SIZES=4096x3072 STITCH_BENCH_SCALERS=pure npx tsx bench/stitch.bench.ts
 *   STITCH_BENCH_PARTS=app STITCH_BENCH_BEFORE=../a-checkout-of-main npx tsx bench/stitch.bench.ts
 */
import os from 'node:os';
import { chromium } from '@playwright/test';
// @ts-expect-error: a plain ES module shared with the setup scripts
import { chromiumLaunchOptions } from '../scripts/browser.mjs';
import type { Scenario, StitchBenchOptions, StitchBenchResult } from './stitch/bench-page';
import { runAppFlow, startAppServer } from './stitch/app-flow';
import type { AppFlowResult } from './stitch/app-flow';
import { repoRoot, serveStitchBench } from './stitch/serve';

const GOAL_TASK_MS = 50;
const RUNS = Number(process.env.STITCH_BENCH_RUNS ?? 5);
const SIZES = (process.env.STITCH_BENCH_SIZES ?? '4096x3072,8192x6144').split(',').map((s) => s.split('x').map(Number) as [number, number]);
const SCENARIOS = (process.env.STITCH_BENCH_SCENARIOS ?? 'corner,large,whole').split(',') as Scenario[];
const SCALERS = (process.env.STITCH_BENCH_SCALERS ?? 'auto,pure').split(',') as Array<'auto' | 'pure'>;
const PARTS = (process.env.STITCH_BENCH_PARTS ?? 'library,app').split(',');
const APP_RUNS = Number(process.env.STITCH_BENCH_APP_RUNS ?? 1);
const BEFORE = process.env.STITCH_BENCH_BEFORE;

const SCENARIO_LABEL: Record<Scenario, string> = {
  corner: 'stroke in a corner, "Only masked"',
  large: 'lasso over a third of the picture, "Only masked"',
  whole: 'stroke in a corner, "Whole picture"',
};

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

function report(r: StitchBenchResult): string {
  const { width, height, scenario } = r.options;
  const { crop, send } = r.region;
  const t = r.timings;
  const worst = r.longTasks.length ? Math.max(...r.longTasks) : 0;
  const ok = worst <= GOAL_TASK_MS && r.maxHeartbeatGap <= GOAL_TASK_MS;
  const step = (k: 'crop' | 'scale' | 'blur' | 'copy' | 'composite') => ms(median(t.map((x) => x[k])));
  return [
    `── ${width}×${height}, ${SCENARIO_LABEL[scenario]}, scaler ${r.timings[0]?.scaler ?? '?'}: crop ${crop.width}×${crop.height} at (${crop.x}, ${crop.y}), sent at ${send.width}×${send.height}`,
    `  stitch (post to answer, ${r.stitchMs.length} runs): median ${ms(median(r.stitchMs))}, min ${ms(Math.min(...r.stitchMs))}, max ${ms(Math.max(...r.stitchMs))}`,
    `  in the Worker (medians): scale result back ${step('scale')}, find the blend window + blur it ${step('blur')}, copy original ${step('copy')}, composite ${step('composite')}`,
    `  crop + scale to the send size, once: ${ms(r.cropMs)} (Worker ${ms(r.cropTimings.total)}, scaler ${r.cropTimings.scaler})`,
    `  main thread during the stitches: longest long task ${worst > 0 ? ms(worst) : 'none over 50 ms'}, largest heartbeat gap ${ms(r.maxHeartbeatGap)}  [goal no task > ${GOAL_TASK_MS} ms: ${ok ? 'meets goal' : 'MISSES goal'}]`,
    `  check: pixels where the blurred mask is 0 that differ from the original: ${r.changedOutsideMask}; pixels fully replaced: ${r.fullyReplaced}`,
  ].join('\n');
}

function appLine(label: string, runs: AppFlowResult[]): string {
  const worst = Math.max(0, ...runs.flatMap((r) => r.longTasks));
  const tasks = runs.map((r) => (r.longTasks.length ? r.longTasks.map((t) => t.toFixed(0)).join(', ') : 'none')).join(' | ');
  const gap = Math.max(...runs.map((r) => r.maxHeartbeatGap));
  const cpu = runs.reduce((a, r) => (r.trace.longestCpuMs > a.trace.longestCpuMs ? r : a)).trace;
  const over = runs.reduce((n, r) => n + r.trace.tasksOver50Cpu, 0);
  return [
    `  ${label.padEnd(7)} longest main-thread task (longtask observer, wall time) ${worst > 0 ? ms(worst) : 'none over 50 ms'} (all long tasks: ${tasks}), largest heartbeat gap ${ms(gap)}`,
    `          longest main-thread task in CPU time (trace) ${ms(cpu.longestCpuMs)} (${cpu.cpuWhat || '?'}), tasks over 50 ms of CPU: ${over}  [goal no task > ${GOAL_TASK_MS} ms: ${worst <= GOAL_TASK_MS ? 'meets goal' : over === 0 ? 'CPU meets goal; wall time over it' : 'MISSES goal'}]`,
    `          Generate → stitched result shown: median ${ms(median(runs.map((r) => r.shownMs)))}`,
  ].join('\n');
}

async function appFlowPart(browser: Awaited<ReturnType<typeof chromium.launch>>) {
  console.log(`App flow: ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; wall-time long tasks include time the OS gave the core to other processes.`);
  const builds: Array<{ label: string; dir: string }> = [...(BEFORE ? [{ label: 'before', dir: BEFORE }] : []), { label: BEFORE ? 'after' : 'this', dir: repoRoot }];
  const servers = [];
  for (const b of builds) servers.push({ ...b, server: await startAppServer(b.dir) });
  try {
    for (const [width, height] of SIZES) {
      console.log(`── app flow ${width}×${height}: load, stroke in a corner, "Only masked", Generate on the ModelsLab twin (${APP_RUNS} run${APP_RUNS > 1 ? 's' : ''} each)`);
      for (const s of servers) {
        const runs: AppFlowResult[] = [];
        for (let i = 0; i < APP_RUNS; i++) runs.push(await runAppFlow(browser, s.server.origin, width!, height!));
        console.log(appLine(s.label, runs));
      }
    }
  } finally {
    for (const s of servers) await s.server.stop();
  }
}

if (PARTS.includes('app')) {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    await appFlowPart(browser);
  } finally {
    await browser.close();
  }
}
if (!PARTS.includes('library')) process.exit(0);

const { server, origin } = await serveStitchBench();
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  console.log(
    `Stitch bench: ModelsLab size rule (≤ 1024, multiples of 8), padding 32, mask blur 4; ${process.platform}, ${os.cpus().length} cores, ` +
      `load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, headless Chromium ${browser.version()} (software rendering)`,
  );
  for (const [width, height] of SIZES) {
    for (const scenario of SCENARIOS) {
      for (const scaler of SCALERS) {
        // A fresh page for each case, so one case's garbage does not land in the next one's figures.
        const page = await browser.newPage();
        page.on('pageerror', (e) => console.error('page error:', e.message));
        page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
        await page.goto(`${origin}/bench/stitch/bench.html`);
        await page.waitForFunction(() => typeof window.runStitchBench === 'function');
        const options: StitchBenchOptions = { width: width!, height: height!, scenario, scaler, runs: RUNS };
        const result = await page.evaluate((o) => window.runStitchBench(o), options);
        console.log(report(result));
        if (!result.isolated) console.log('  (not cross-origin isolated: timers at 100 µs)');
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
