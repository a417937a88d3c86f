/**
 * Photo bench (issue 19): camera-like JPEGs through the real app under its production server, in
 * headless Chromium: load → editable, Generate → job card, → request leaves, → result shown, the
 * longest main-thread task and the renderer's peak memory, for "Only masked" and "Whole picture"
 * on the ModelsLab inpaint twin (bench/photos/flow.ts). Prints medians against the issue's goals.
 *
 * The photos are not in the repository: pass a directory of JPEGs (for example the output of the
 * shared corpus's make-photos.sh) as the first argument or PHOTOS_BENCH_DIR. With
 * PHOTOS_BENCH_BEFORE=<another checkout with node_modules> the same flow runs on that checkout's
 * build too, in the same run, and both are printed ("before" and "after").
 *
 *   npm run bench:photos -- <photo-dir>
 *   PHOTOS_BENCH_RUNS=3 PHOTOS_BENCH_AREAS=masked PHOTOS_BENCH_FILES=12mp npm run bench:photos -- <photo-dir>
 *
 * Figures, not a pass/fail test. Talks to nothing but its own loopback servers.
 */
import { readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
// @ts-expect-error: a plain ES module shared with the setup scripts
import { chromiumLaunchOptions } from '../scripts/browser.mjs';
import { startAppServer } from './stitch/app-flow';
import { repoRoot } from './stitch/serve';
import { runPhotoFlow } from './photos/flow';
import type { Area, PhotoRun } from './photos/flow';
import { PHASES } from './photos/memory';

const dir = process.argv[2] ?? process.env.PHOTOS_BENCH_DIR;
if (!dir) {
  console.error('Usage: npm run bench:photos -- <directory of camera-like JPEGs> (or PHOTOS_BENCH_DIR)');
  process.exit(2);
}
const RUNS = Number(process.env.PHOTOS_BENCH_RUNS ?? 3);
const BEFORE_RUNS = Number(process.env.PHOTOS_BENCH_BEFORE_RUNS ?? RUNS);
const AREAS = (process.env.PHOTOS_BENCH_AREAS ?? 'masked,whole').split(',') as Area[];
const FILTER = process.env.PHOTOS_BENCH_FILES?.split(',');
const BEFORE = process.env.PHOTOS_BENCH_BEFORE;

const files = readdirSync(dir)
  .filter((f) => /\.jpe?g$/i.test(f) && (!FILTER || FILTER.some((x) => f.includes(x))))
  .sort((a, b) => statSync(join(dir, a)).size - statSync(join(dir, b)).size)
  .map((f) => resolve(dir, f));

const median = (v: number[]) => {
  const s = v.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
const f0 = (n: number) => (Number.isNaN(n) ? '?' : n.toFixed(0));

/** The issue's goals by picture size: ≥ 40 MP counts as "50 MP", the rest as "12 MP". */
function goals(megapixels: number) {
  return megapixels >= 40 ? { load: 3000, card: 100, request: 1500, over: 3000, task: 100, memMb: 1536 } : { load: 1000, card: 100, request: 500, over: 1000, task: 50, memMb: Infinity };
}

function line(label: string, runs: PhotoRun[]): string {
  const r0 = runs[0]!;
  const g = goals((r0.width * r0.height) / 1e6);
  const m = (k: (r: PhotoRun) => number) => median(runs.map(k));
  const task = Math.max(...runs.map((r) => Math.max(r.longest.load, r.longest.edit, r.longest.generate)));
  const over = m((r) => r.shownMs - r.providerMs);
  const mem = Math.max(...runs.map((r) => r.rendererPeakMb));
  const ok = (v: number, goal: number) => (v <= goal ? 'ok' : 'MISS');
  const tasks = (k: keyof PhotoRun['longest']) => runs.map((r) => f0(r.longest[k])).join('/');
  return [
    `  ${label.padEnd(6)} load ${f0(m((r) => r.loadMs))} ms [${ok(m((r) => r.loadMs), g.load)}] · card ${f0(m((r) => r.cardMs))} ms [${ok(m((r) => r.cardMs), g.card)}] · request ${f0(m((r) => r.requestMs))} ms [${ok(m((r) => r.requestMs), g.request)}]` +
      ` · shown ${f0(m((r) => r.shownMs))} ms = provider ${f0(m((r) => r.providerMs))} + ${f0(over)} [${ok(over, g.over)}]` +
      ` · full size stored ${f0(m((r) => r.storedMs))} ms`,
    `         longest main-thread task ${f0(task)} ms [${ok(task, g.task)}] (by run, load ${tasks('load')}, editing ${tasks('edit')}, generate ${tasks('generate')}; 0 = none over 50 ms)` +
      ` · renderer peak ${f0(mem)} MB${Number.isFinite(g.memMb) ? ` [${ok(mem, g.memMb)}]` : ''}, JS heap ${f0(m((r) => r.jsHeapMb))} MB`,
    `         renderer resident by phase (highest sample, MB, by run): ${PHASES.map((p) => `${p} ${runs.map((r) => f0(r.rendererByPhaseMb[p])).join('/')}`).join(', ')}`,
    `         ${r0.width}×${r0.height}, sent: ${r0.sent || '(not said)'} · load average ${load()}`,
  ].join('\n');
}

const builds = [...(BEFORE ? [{ label: 'before', dir: BEFORE, runs: BEFORE_RUNS }] : []), { label: BEFORE ? 'after' : 'this', dir: repoRoot, runs: RUNS }];
console.log(`Photo bench: ${os.cpus().length} cores, load average ${load()}; ${files.length} photos; medians of ${RUNS} runs${BEFORE ? ` (before: ${BEFORE_RUNS})` : ''}; ModelsLab inpaint twin.`);
const servers = [];
for (const b of builds) servers.push({ ...b, server: await startAppServer(b.dir) });
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  for (const file of files) {
    for (const area of AREAS) {
      const name = file.split('/').pop();
      console.log(`── ${name} (${(statSync(file).size / 2 ** 20).toFixed(1)} MB), ${area === 'masked' ? 'Only masked' : 'Whole picture'}, stroke in a corner`);
      for (const s of servers) {
        const runs: PhotoRun[] = [];
        for (let i = 0; i < s.runs; i++) {
          try {
            runs.push(await runPhotoFlow(browser, s.server.origin, file, area));
          } catch (e) {
            console.log(`  ${s.label}: run ${i + 1} failed: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
          }
        }
        if (runs.length) console.log(line(s.label, runs));
      }
    }
  }
} finally {
  await browser.close();
  for (const s of servers) await s.server.stop();
}
