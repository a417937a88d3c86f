/**
 * Gallery benchmark: the real GalleryView over 500 and 5,000 stored images in
 * headless Chromium. Prints figures (it is not a timed test):
 * - first open (a fresh page: nothing cached) and reopen (unmount and mount again in the same
 *   page, as switching views does), from mount to the first screen of thumbnails decoded and
 *   painted, with 500 and with 5,000 jobs;
 * - <img> elements in the DOM while scrolling through the whole grid,
 *   against what is visible plus the overscan;
 * - live object URLs while scrolling and after scrolling back;
 * - frame intervals scrolling one step per frame: a fling (0.6 viewport a frame), brisk wheel
 *   scrolling (40 px) and three quarters of the speed at which the grid stops reading thumbnails,
 *   each with the share of visible tiles showing their thumbnail (a fling shows placeholders).
 * The scrolling figures are for the largest count.
 * Run: npx tsx bench/gallery.bench.ts [count…]   (default: 500 5000)
 */
import { GRID_OVERSCAN_ROWS } from '../src/features/gallery/grid-layout';
import { FAST_VIEWPORTS_PER_S } from '../src/features/gallery/scroll-pace';
import { KEEP_UNUSED } from '../src/job-store/object-urls';
import type { GalleryBench } from './gallery/page';
import { openBench, reload } from './gallery/serve';

const COUNTS = process.argv.length > 2 ? process.argv.slice(2).map(Number).sort((a, b) => a - b) : [500, 5000];
const COUNT = Math.max(...COUNTS);
const RUNS = 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const pctOf = (share: number) => `${Math.round(share * 100)} %`;

async function main() {
  const session = await openBench();
  const { page } = session;
  try {
    const opens: string[] = [];
    for (const count of COUNTS) {
      const seedStart = Date.now();
      await page.evaluate(() => window.galleryBench.clear());
      const images = await page.evaluate((n) => window.galleryBench.seed(n), count);
      console.log(`Seeded ${count} jobs, ${images} images (WebP thumbnails) in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
      // First open: a fresh page per run (the database stays); the first run warms the server and the browser caches.
      // Reopen: in the same page, the gallery unmounted and mounted again (switching views), RUNS times.
      const first: number[] = [];
      const again: number[] = [];
      let tiles = 0;
      for (let run = 0; run <= RUNS; run++) {
        await reload(page);
        const result = await page.evaluate(() => window.galleryBench.firstPaint());
        if (run > 0) first.push(result.ms);
        tiles = result.tiles;
      }
      for (let run = 0; run < RUNS; run++) {
        await page.evaluate(() => window.galleryBench.frames(5));
        again.push((await page.evaluate(() => window.galleryBench.firstPaint())).ms);
      }
      opens.push(
        `| ${count} | ${ms(median(first))} (${ms(Math.min(...first))}–${ms(Math.max(...first))}) | ${ms(median(again))} (${ms(Math.min(...again))}–${ms(Math.max(...again))}) | ${tiles} |`,
      );
    }
    console.log(`\nMount → first screen of thumbnails decoded and painted, medians of ${RUNS} runs (min–max):\n`);
    console.log('| jobs | first open | reopen | tiles on screen |');
    console.log('| --- | --- | --- | --- |');
    for (const row of opens) console.log(row);

    const layout = await page.evaluate(() => window.galleryBench.layout());
    const visibleRows = Math.ceil(layout.viewport / layout.rowPitch) + 1;
    const budget = layout.columns * (visibleRows + 2 * GRID_OVERSCAN_ROWS);
    console.log(`\nGrid: ${layout.columns} columns, row pitch ${layout.rowPitch}px, viewport ${layout.viewport}px`);
    console.log(`  visible + overscan: ${layout.columns} × (${visibleRows} rows + 2 × ${GRID_OVERSCAN_ROWS}) = ${budget} tiles at most`);

    const scrolls: Array<Awaited<ReturnType<GalleryBench['scrollThrough']>>> = [];
    for (let run = 0; run < 3; run++) {
      await reload(page);
      await page.evaluate(() => window.galleryBench.firstPaint());
      scrolls.push(await page.evaluate((step) => window.galleryBench.scrollThrough(step), Math.round(layout.viewport * 0.6)));
    }
    const pick = (f: (s: (typeof scrolls)[number]) => number) => scrolls.map(f);
    const s0 = scrolls[0]!;
    console.log(`\nScrolling through all ${COUNT} jobs, ${Math.round(layout.viewport * 0.6)} px per frame (${s0.steps} steps, 3 runs, medians):`);
    console.log(`  <img> in the DOM: max ${median(pick((s) => s.maxImgs))}  (tiles in the DOM max ${median(pick((s) => s.maxTiles))}, visible max ${median(pick((s) => s.maxVisible))}, budget ${budget})`);
    console.log(`  live object URLs: max ${median(pick((s) => s.maxUrls))} while scrolling, ${median(pick((s) => s.atBottom.urls))} at the bottom, ${median(pick((s) => s.backAtTop.urls))} after scrolling back (${median(pick((s) => s.backAtTop.imgs))} <img> on screen)`);
    console.log(`  fast-scroll frame interval (one step per frame): median ${median(pick((s) => s.frameMs.median)).toFixed(1)} ms, p95 ${median(pick((s) => s.frameMs.p95)).toFixed(1)} ms`);
    console.log(`  visible tiles showing their thumbnail, mean over the frames: ${pctOf(median(pick((s) => s.shown)))}`);

    // Steady scrolling: brisk wheel scrolling, and three quarters of the speed at which the grid stops reading
    // thumbnails (every tile loads while it scrolls: the frames pay for the reads, URLs and decodes).
    const fastLimit = (FAST_VIEWPORTS_PER_S * layout.viewport) / 60;
    for (const px of [40, Math.max(40, Math.round(0.75 * fastLimit))]) {
      const smooth = [];
      for (let run = 0; run < 3; run++) smooth.push(await page.evaluate(([p, n]) => window.galleryBench.scrollSmooth(p, n), [px, 300] as const));
      console.log(`\nSteady scrolling, ${px} px per frame for 300 frames (about ${(px * 60).toLocaleString('en')} px/s at 60 fps), 3 runs, medians:`);
      console.log(
        `  frame interval median ${median(smooth.map((x) => x.median)).toFixed(1)} ms, p95 ${median(smooth.map((x) => x.p95)).toFixed(1)} ms, frames over 50 ms: ${median(smooth.map((x) => x.over50))} of 300; visible tiles showing their thumbnail (mean): ${pctOf(median(smooth.map((x) => x.shown)))}`,
      );
    }
    const idle = await page.evaluate(() => window.galleryBench.idleFrames());
    console.log(`  (idle frame interval on this machine right now: median ${idle.toFixed(1)} ms)`);
    // Live URLs: those the tiles in the DOM hold, plus the LRU of unused thumbnails (revoked on eviction).
    const limit = budget + KEEP_UNUSED.thumb;
    const leak = scrolls.some((s) => s.maxUrls > limit || s.backAtTop.urls > limit);
    console.log(
      leak
        ? `\nWARNING: more object URLs alive than tiles in the DOM budget plus the LRU (${limit}).`
        : `\nNo object URL leak: live URLs stay within the DOM budget plus the LRU of ${KEEP_UNUSED.thumb} unused thumbnails (${limit}).`,
    );
  } finally {
    await session.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
