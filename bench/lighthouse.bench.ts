/**
 * Lighthouse benchmark: the built app, served the way `npm start` serves it, audited with
 * Lighthouse's default (mobile) configuration in the Chromium the tests use. Prints, for the
 * Playground, Gallery and Compare views, the median of RUNS runs: performance score, Total
 * Blocking Time, the longest main-thread task, First and Largest Contentful Paint and the accessibility
 * score. It prints figures; it is not a test.
 * Run: npm run bench:lighthouse [runs]   (the server builds first when dist/ is stale)
 * LIGHTHOUSE_VIEWS=Playground,Gallery narrows the views; LIGHTHOUSE_TASKS=1 lists each run's long tasks;
 * LIGHTHOUSE_SAVE=<dir> writes each run's full report (JSON) there.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { chromium } from '@playwright/test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
// @ts-expect-error: a plain ES module shared with the setup scripts
import { CHROMIUM_ARGS, findChromium } from '../scripts/browser.mjs';

const RUNS = Number(process.argv[2] ?? 3);
const VIEWS = [
  { name: 'Playground', hash: '#/playground' },
  { name: 'Gallery', hash: '#/gallery' },
  { name: 'Compare', hash: '#/compare' },
].filter((v) => !process.env.LIGHTHOUSE_VIEWS || process.env.LIGHTHOUSE_VIEWS.split(',').includes(v.name));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitFor(url: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

function chromePath(): string {
  const found = findChromium() as { executablePath?: string; source: string } | undefined;
  if (!found) throw new Error('No Chromium found: run "node scripts/ensure-browser.mjs" first.');
  return found.executablePath ?? chromium.executablePath();
}

interface Figures {
  performance: number;
  accessibility: number;
  tbt: number;
  fcp: number;
  lcp: number;
  longestTask: number;
  /** The long tasks (simulated), longest first: duration and the script they are attributed to. */
  tasks: string;
  /** The accessibility audits that failed, with the elements they name. */
  a11yFailures: string[];
}

async function audit(url: string, port: number): Promise<Figures> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (process.env.LIGHTHOUSE_SAVE) {
    mkdirSync(process.env.LIGHTHOUSE_SAVE, { recursive: true });
    writeFileSync(join(process.env.LIGHTHOUSE_SAVE, `${new URL(url).hash.slice(2) || 'page'}-${Date.now()}.json`), JSON.stringify(lhr));
  }
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
  const a11yFailures = (lhr.categories.accessibility?.auditRefs ?? [])
    .map((ref) => lhr.audits[ref.id])
    .filter((a): a is NonNullable<typeof a> => !!a && a.score !== null && a.score < 1)
    .map((a) => {
      const items = (a.details as { items?: Array<{ node?: { snippet?: string } }> } | undefined)?.items ?? [];
      return `${a.id}: ${items.map((i) => i.node?.snippet ?? '').filter(Boolean).slice(0, 3).join(' ')}`;
    });
  const tasks = (lhr.audits['long-tasks']?.details as { items?: Array<{ duration: number; startTime: number; url: string }> } | undefined)?.items ?? [];
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
    tbt: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
    fcp: lhr.audits['first-contentful-paint']?.numericValue ?? NaN,
    lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
    longestTask: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
    a11yFailures,
    tasks: [...tasks]
      .sort((a, b) => b.duration - a.duration)
      .map((t) => `${t.duration.toFixed(0)} ms at ${t.startTime.toFixed(0)} (${t.url.replace(/^.*\//, '')})`)
      .join(', '),
  };
}

async function main() {
  const port = await freePort();
  // The production server (`npm start`): its security headers and CSP, its compression and
  // caching; it rebuilds dist/ itself when the sources are newer.
  const server = spawn(process.execPath, ['scripts/start.mjs'], {
    stdio: 'ignore',
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    detached: true,
  });
  const base = `http://127.0.0.1:${port}/`;
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  try {
    await waitFor(base, 180_000);
    chrome = await chromeLauncher.launch({
      chromePath: chromePath(),
      chromeFlags: ['--headless=new', ...(CHROMIUM_ARGS as string[])],
    });
    console.log(`Lighthouse ${RUNS} runs per view, default mobile config (simulated throttling), ${base}`);
    const rows: string[] = [];
    for (const view of VIEWS) {
      const runs: Figures[] = [];
      // One warm-up run per view (server and disk caches), not counted.
      await audit(base + view.hash, chrome.port);
      for (let i = 0; i < RUNS; i++) runs.push(await audit(base + view.hash, chrome.port));
      const m = (f: (x: Figures) => number) => median(runs.map(f));
      rows.push(
        `| ${view.name} | ${m((r) => r.performance)} | ${m((r) => r.tbt).toFixed(0)} ms | ${m((r) => r.longestTask).toFixed(0)} ms | ${(m((r) => r.fcp) / 1000).toFixed(2)} s | ${(m((r) => r.lcp) / 1000).toFixed(2)} s | ${m((r) => r.accessibility)} |`,
      );
      console.log(`  ${view.name}: performance ${runs.map((r) => r.performance).join(', ')}; TBT ${runs.map((r) => r.tbt.toFixed(0)).join(', ')} ms`);
      if (process.env.LIGHTHOUSE_TASKS) for (const r of runs) console.log(`    long tasks: ${r.tasks || 'none'}`);
      for (const failure of new Set(runs.flatMap((r) => r.a11yFailures))) console.log(`    accessibility: ${failure}`);
    }
    console.log(`\nMedians of ${RUNS} runs:\n`);
    console.log('| view | performance | TBT | longest task | FCP | LCP | accessibility |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const r of rows) console.log(r);
  } finally {
    await chrome?.kill();
    try {
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
    } catch {
      // The server had already stopped.
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
