/**
 * Gallery benchmark: the real GalleryView over 5,000 stored images in
 * headless Chromium. Prints figures (it is not a timed test):
 * - time from mount to the first screen of thumbnails decoded and painted;
 * - <img> elements in the DOM while scrolling through the whole grid,
 *   against what is visible plus the overscan;
 * - live object URLs while scrolling and after scrolling back.
 * Run: npx tsx bench/gallery.bench.ts [count]
 */
import { GRID_OVERSCAN_ROWS } from '../src/features/gallery/grid-layout';
import type { GalleryBench } from './gallery/page';
import { openBench, reload } from './gallery/serve';

const COUNT = Number(process.argv[2] ?? 5000);
const RUNS = 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function main() {
  const session = await openBench();
  const { page } = session;
  try {
    const seedStart = Date.now();
    await page.evaluate(() => window.galleryBench.clear());
    const images = await page.evaluate((n) => window.galleryBench.seed(n), COUNT);
    console.log(`Seeded ${COUNT} jobs, ${images} images (WebP thumbnails) in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

    // First paint: a fresh page per run (the database stays); the first run warms Vite and the browser caches.
    const paints: number[] = [];
    let tilesOnScreen = 0;
    for (let run = 0; run <= RUNS; run++) {
      await reload(page);
      const result = await page.evaluate(() => window.galleryBench.firstPaint());
      if (run > 0) paints.push(result.ms);
      tilesOnScreen = result.tiles;
    }
    console.log(`\nTime to first paint of the grid (mount → visible thumbnails decoded), ${RUNS} runs:`);
    console.log(`  median ${ms(median(paints))}  (min ${ms(Math.min(...paints))}, max ${ms(Math.max(...paints))}; ${tilesOnScreen} tiles on screen)`);

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
    console.log(`  frame interval at that speed (one step per frame): median ${median(pick((s) => s.frameMs.median)).toFixed(1)} ms, p95 ${median(pick((s) => s.frameMs.p95)).toFixed(1)} ms`);

    const smooth = [];
    for (let run = 0; run < 3; run++) smooth.push(await page.evaluate(() => window.galleryBench.scrollSmooth(40, 300)));
    console.log('\nSteady scrolling, 40 px per frame for 300 frames (about 2,400 px/s), 3 runs, medians:');
    console.log(
      `  frame interval median ${median(smooth.map((x) => x.median)).toFixed(1)} ms, p95 ${median(smooth.map((x) => x.p95)).toFixed(1)} ms, frames over 50 ms: ${median(smooth.map((x) => x.over50))} of 300`,
    );
    const idle = await page.evaluate(() => window.galleryBench.idleFrames());
    console.log(`  (idle frame interval on this machine right now: median ${idle.toFixed(1)} ms)`);
    const leak = scrolls.some((s) => s.backAtTop.urls > budget);
    console.log(leak ? '\nWARNING: more object URLs alive after scrolling back than tiles in the DOM budget.' : '\nNo object URL leak: after scrolling back, live URLs are within the DOM budget.');
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
