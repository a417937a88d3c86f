/**
 * Screenshots of the gallery while and after scrolling fast, at desktop and tablet sizes, with a
 * few hundred mixed jobs: what a fling shows (placeholders, or cached thumbnails) and that every
 * thumbnail is there once it stops. Run: npx tsx bench/gallery/scroll-shots.ts [outDir]
 * (default .bench-out/gallery-scroll, which git ignores).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { openBench, reload } from './serve';

const outDir = resolve(process.argv[2] ?? '.bench-out/gallery-scroll');
const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'tablet', width: 820, height: 1180 },
];

async function main() {
  mkdirSync(outDir, { recursive: true });
  const session = await openBench(SIZES[0]);
  const { page } = session;
  try {
    await page.evaluate(() => window.galleryBench.clear());
    await page.evaluate(() => window.galleryBench.seed(400, true));
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await reload(page);
      await page.evaluate(() => window.galleryBench.firstPaint());
      await page.getByText(/images in \d+ jobs/).waitFor();
      const shot = (step: string) => page.screenshot({ path: resolve(outDir, `${size.name}-${step}.png`) });
      await shot('1-top');
      // A fling down: the screenshot is taken while it runs.
      const fling = page.evaluate(() => window.galleryBench.fling(300, 1500));
      await page.waitForTimeout(600);
      await shot('2-while-scrolling-down');
      await fling;
      await page.waitForFunction(() => !document.querySelector('[data-gallery-tile] [data-thumb-pending]'));
      await page.waitForTimeout(200);
      await shot('3-stopped');
      // Back up, over rows seen before: their thumbnails are cached and show while scrolling.
      const back = page.evaluate(() => window.galleryBench.fling(-300, 800));
      await page.waitForTimeout(300);
      await shot('4-while-scrolling-back');
      await back;
      await page.waitForFunction(() => !document.querySelector('[data-gallery-tile] [data-thumb-pending]'));
      await page.waitForTimeout(200);
      await shot('5-stopped-again');
      console.log(size.name, 'live object URLs:', await page.evaluate(() => window.galleryBench.liveObjectUrlCount()));
    }
    console.log(`Screenshots in ${outDir}`);
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
