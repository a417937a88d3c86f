/**
 * The stitch bench, in the page: a synthetic photo and mask at full resolution, the real
 * region math, the real Worker (runInWorker) doing the crop and then the stitch, the way the
 * jobs layer will. `window.runStitchBench(options)` returns the raw figures.
 *
 * Main-thread cost is watched two ways while the stitches run: a longtask PerformanceObserver
 * (reports tasks over 50 ms only) and a heartbeat (a zero-delay message loop) whose largest
 * gap is the longest time the main thread could not answer.
 */
import { fillPolygon } from '../../src/lib/inpaint/mask-shapes';
import { regionForMask, wholePictureRegion } from '../../src/lib/inpaint/region';
import type { InpaintRegion } from '../../src/lib/inpaint/region';
import { MODELSLAB_SIZE_RULE } from '../../src/lib/inpaint/size-rule-test-helpers';
import { runInWorker } from '../../src/lib/inpaint/stitch-client';
import type { StitchTimings } from '../../src/lib/inpaint/stitch-protocol';
import type { MaskImage, RgbaImage } from '../../src/lib/inpaint/types';
import { createMask, createRgba } from '../../src/lib/inpaint/types';

/** corner: a stroke in a corner, "Only masked"; large: a lasso over a third, "Only masked"; whole: the corner stroke, "Whole picture". */
export type Scenario = 'corner' | 'large' | 'whole';

export interface StitchBenchOptions {
  width: number;
  height: number;
  scenario: Scenario;
  scaler: 'auto' | 'pure';
  runs: number;
}

export interface StitchBenchResult {
  options: StitchBenchOptions;
  isolated: boolean;
  region: InpaintRegion;
  /** Wall time of each stitch, post to answer, in ms. */
  stitchMs: number[];
  /** The Worker's own step times for each stitch. */
  timings: StitchTimings[];
  /** Wall time of the crop (post to answer), once. */
  cropMs: number;
  cropTimings: StitchTimings;
  /** Every long task seen while the stitches ran (ms); empty when none was over 50 ms. */
  longTasks: number[];
  /** The largest gap between heartbeats during the stitches (ms). */
  maxHeartbeatGap: number;
  /** Pixels outside the returned alpha (alpha 0) that differ from the original: must be 0. */
  changedOutsideMask: number;
  /** Pixels where alpha is 255 (taken from the result whole). */
  fullyReplaced: number;
}

function photo(width: number, height: number): RgbaImage {
  const img = createRgba(width, height);
  const d = img.data;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      d[i] = (x * 7 + y) & 255;
      d[i + 1] = (y * 5 + (x >> 3)) & 255;
      d[i + 2] = (x ^ y) & 255;
      d[i + 3] = 255;
    }
  }
  return img;
}

function maskFor(scenario: Scenario, width: number, height: number): MaskImage {
  const mask = createMask(width, height);
  const s = width / 4096;
  if (scenario === 'corner' || scenario === 'whole') {
    // A stroke in the top-right corner, about a face's size in a 4096×3072 photo.
    fillPolygon(mask, [
      { x: width - 420 * s, y: 120 * s },
      { x: width - 150 * s, y: 60 * s },
      { x: width - 60 * s, y: 380 * s },
      { x: width - 330 * s, y: 470 * s },
    ]);
  } else {
    // A large lasso over about a third of the picture.
    const pts = Array.from({ length: 64 }, (_, i) => {
      const a = (i / 64) * 2 * Math.PI;
      return { x: width * (0.45 + 0.3 * Math.cos(a)), y: height * (0.5 + 0.3 * Math.sin(a)) };
    });
    fillPolygon(mask, pts);
  }
  return mask;
}

const nextTurn = () => new Promise<void>((r) => setTimeout(r, 0));

export async function runStitchBench(options: StitchBenchOptions): Promise<StitchBenchResult> {
  const { width, height, scenario, scaler, runs } = options;
  let original = photo(width, height);
  let mask = maskFor(scenario, width, height);
  const region = scenario === 'whole' ? wholePictureRegion(original, MODELSLAB_SIZE_RULE) : regionForMask(mask, MODELSLAB_SIZE_RULE, { padding: 32, maskBlur: 4 })!;

  const t0 = performance.now();
  const crop = await runInWorker({ op: 'crop', original, mask, region }, { scaler });
  const cropMs = performance.now() - t0;
  original = crop.original;
  mask = crop.originalMask;
  // The "provider": the sent crop with its colours inverted.
  const provided = crop.image;
  for (let i = 0; i < provided.data.length; i += 4) {
    provided.data[i] = 255 - provided.data[i]!;
    provided.data[i + 1] = 255 - provided.data[i + 1]!;
    provided.data[i + 2] = 255 - provided.data[i + 2]!;
  }
  const pristine = original.data.slice();

  // A warm-up stitch (JIT, Worker caches), not counted.
  const warm = await runInWorker({ op: 'stitch', original, mask, region, result: { ...provided, data: provided.data.slice() }, maskBlur: 4 }, { scaler });
  original = warm.original;
  mask = warm.originalMask;
  await nextTurn();

  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  let beating = true;
  let last = performance.now();
  let maxHeartbeatGap = 0;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const now = performance.now();
    maxHeartbeatGap = Math.max(maxHeartbeatGap, now - last);
    last = now;
    if (beating) setTimeout(() => channel.port2.postMessage(0), 1);
  };
  channel.port2.postMessage(0);

  const stitchMs: number[] = [];
  const timings: StitchTimings[] = [];
  let stitched: RgbaImage | null = null;
  let alpha: MaskImage | null = null;
  for (let i = 0; i < runs; i++) {
    const result = { ...provided, data: provided.data.slice() };
    const start = performance.now();
    const r = await runInWorker({ op: 'stitch', original, mask, region, result, maskBlur: 4 }, { scaler });
    stitchMs.push(performance.now() - start);
    timings.push(r.timings);
    original = r.original;
    mask = r.originalMask;
    stitched = r.image;
    alpha = r.alpha;
    await nextTurn();
  }
  await new Promise((r) => setTimeout(r, 100));
  beating = false;
  observer.disconnect();

  // Check the last stitch (outside the measured window): alpha 0 keeps the original exactly.
  let changedOutsideMask = 0;
  let fullyReplaced = 0;
  const { crop: c } = region;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inCrop = x >= c.x && x < c.x + c.width && y >= c.y && y < c.y + c.height;
      const a = inCrop ? alpha!.data[(y - c.y) * c.width + (x - c.x)]! : 0;
      const p = (y * width + x) * 4;
      if (a === 0) {
        if (stitched!.data[p] !== pristine[p] || stitched!.data[p + 1] !== pristine[p + 1] || stitched!.data[p + 2] !== pristine[p + 2] || stitched!.data[p + 3] !== pristine[p + 3]) changedOutsideMask++;
      } else if (a === 255) fullyReplaced++;
    }
  }
  return {
    options,
    isolated: crossOriginIsolated,
    region,
    stitchMs,
    timings,
    cropMs,
    cropTimings: crop.timings,
    longTasks,
    maxHeartbeatGap,
    changedOutsideMask,
    fullyReplaced,
  };
}

declare global {
  interface Window {
    runStitchBench(options: StitchBenchOptions): Promise<StitchBenchResult>;
  }
}

window.runStitchBench = runStitchBench;
