/**
 * The canvas bench, in the page: the real mask editor (the core CanvasPanel mounts, with its
 * exporter wired the same way) against Konva's one-line-per-stroke demo approach, both on a
 * 2048×2048 init image in a 1000×800 stage, driven by synthetic pointer events carrying
 * coalesced samples. `window.runCanvasBench(kind)` returns the raw figures.
 *
 * "Empty" and "500 strokes" are measured on two stages side by side, in alternating strokes
 * (each measured stroke is undone afterwards), so both see the same machine load.
 */
import { isBinaryMask } from '../../src/features/canvas/mask-binarize';
import { MaskEditor } from '../../src/features/canvas/mask-editor';
import { composeMask } from '../../src/features/canvas/mask-png';
import { MaskExporter } from '../../src/features/canvas/mask-export-scheduler';
import { fitView } from '../../src/features/canvas/view-transform';
import { BaselineLineTool } from './baseline-line-tool';
import { pointer, strokePath } from './synthetic-pointer';
import type { Point } from './synthetic-pointer';

const IMAGE = 2048;
const BRUSH = 64;
const ROUNDS = 8;
const FRAMES_PER_STROKE = 30;
const COMMITTED = 500;
const SAMPLES_PER_FRAME = 4;
const STEP_CSS_PX = 12;
const VIEW_W = 1000;
const VIEW_H = 800;

export interface BenchResult {
  kind: 'ours' | 'baseline';
  /** Cross-origin isolated: fine-grained timers. */
  isolated: boolean;
  coalescedDelivered: boolean;
  /** Pointer move handling + the overlay draw it causes, per move. */
  empty: number[];
  loaded: number[];
  /** The pointer-move handler alone. */
  emptyHandler: number[];
  loadedHandler: number[];
  /** Undo of the last stroke + the redraw, on each stage. */
  undoEmpty: number[];
  undoLoaded: number[];
  strokesCommitted: number;
  /** Pointer-up handler + overlay draw. */
  strokeEnd: number[];
  /** Longest long task (> 50 ms) within 600 ms of each pointer-up; 0 when none. */
  longTasks: number[];
  /** Export after one more stroke. */
  exportMs: number[];
  /** Export after a change to the whole mask (invert; undo and clear are the same case). */
  exportFullMs: number[];
  toBlobMs: number[];
  toBlobComposedMs: number[];
  maskBinary: boolean;
  maskSize: string;
  maskBytes: number;
}

const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function makeInitImage(): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = IMAGE;
  c.height = IMAGE;
  const ctx = c.getContext('2d')!;
  const g = ctx.createLinearGradient(0, 0, IMAGE, IMAGE);
  g.addColorStop(0, '#1e3a8a');
  g.addColorStop(1, '#f59e0b');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, IMAGE, IMAGE);
  for (let i = 0; i < 400; i++) {
    ctx.fillStyle = `hsl(${(i * 37) % 360} 70% 60% / 0.5)`;
    ctx.beginPath();
    ctx.arc((i * 997) % IMAGE, (i * 613) % IMAGE, 10 + (i % 60), 0, Math.PI * 2);
    ctx.fill();
  }
  return c;
}

function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
}

/** Forces the pending drawing of these canvases to be rasterised now (Chromium defers it). */
function flush(canvases: HTMLCanvasElement[]) {
  for (const c of canvases) c.getContext('2d')!.getImageData(0, 0, 1, 1);
}

interface Subject {
  target: EventTarget;
  /** What the frame after a move draws, done now. */
  draw(): void;
  canvases: HTMLCanvasElement[];
  /** The image's box in client pixels. */
  box: { left: number; top: number; width: number; height: number };
  /** Takes the last stroke back (keeps a stage at "empty" or at "500 strokes"). */
  undoLast(): void;
  /** Commits one more stroke (untimed), so the next export has a stroke's worth of change. */
  addStroke(seed: number): void;
  /** Changes the whole mask (untimed): invert on our side, nothing to do for the baseline. */
  changeAll(): void;
  exportOnce(): Promise<{ blob: Blob; canvas: HTMLCanvasElement }>;
  /** The canvas the export starts from. */
  rawCanvas(): HTMLCanvasElement;
  strokes(): number;
  teardown(): void;
}

function makeContainer(id: string): HTMLDivElement {
  const div = document.createElement('div');
  div.id = id;
  Object.assign(div.style, { position: 'relative', width: `${VIEW_W}px`, height: `${VIEW_H}px`, touchAction: 'none' });
  document.body.appendChild(div);
  return div;
}

function clientBox(container: HTMLElement) {
  const rect = container.getBoundingClientRect();
  const v = fitView(IMAGE, IMAGE, VIEW_W, VIEW_H);
  return { left: rect.left + v.x, top: rect.top + v.y, width: IMAGE * v.scale, height: IMAGE * v.scale };
}

function ours(container: HTMLDivElement, image: HTMLCanvasElement): Subject {
  const exporter = new MaskExporter(() => {});
  let autoExport = true;
  const editor = new MaskEditor(container, {
    onHistory() {},
    // Exactly as CanvasPanel wires it (paused while the bench times exports itself).
    onMaskChange: (change, doc) => autoExport && exporter.schedule(doc, change === 'commit' ? 200 : 60),
  });
  editor.setImage(image, IMAGE, IMAGE);
  editor.setMaskEnabled(true);
  editor.setBrushSize(BRUSH);
  const maskCanvas = editor.stage.layerCanvases()[1]!;
  const doc = () => editor.document!;
  const box = clientBox(container);
  return {
    target: maskCanvas,
    draw: () => editor.stage.drawMaskNow(),
    canvases: [maskCanvas],
    box,
    undoLast: () => editor.undo(),
    addStroke(seed) {
      autoExport = false;
      quickStroke(maskCanvas, strokePath(box, seed, 12, SAMPLES_PER_FRAME, STEP_CSS_PX));
      flush(doc().raster.drawnTiles().map((t) => t.canvas));
    },
    changeAll() {
      autoExport = false;
      editor.invertMask();
      flush(doc().raster.drawnTiles().map((t) => t.canvas));
    },
    exportOnce: async () => {
      const { blob } = await exporter.encode(doc());
      // The pixels sent (the Worker encoded them): black + the raster, at this bench's scale 1.
      const canvas = document.createElement('canvas');
      composeMask(doc().raster.toCanvas(), canvas);
      return { blob, canvas };
    },
    rawCanvas: () => doc().raster.toCanvas(),
    strokes: () => doc().version,
    teardown: () => {
      exporter.dispose();
      editor.destroy();
    },
  };
}

function baseline(container: HTMLDivElement, image: HTMLCanvasElement): Subject {
  const tool = new BaselineLineTool(container, image, IMAGE, BRUSH);
  const canvas = tool.drawLayer.getNativeCanvasElement();
  const scratch = document.createElement('canvas');
  let rendered: HTMLCanvasElement | undefined;
  return {
    target: canvas,
    draw: () => tool.drawNow(),
    canvases: [canvas],
    box: clientBox(container),
    undoLast: () => {
      tool.drawLayer.getChildren().at(-1)?.destroy();
      tool.drawNow();
    },
    addStroke(seed) {
      quickStroke(canvas, strokePath(clientBox(container), seed, 12, SAMPLES_PER_FRAME, STEP_CSS_PX));
    },
    changeAll() {},
    exportOnce: async () => {
      rendered = tool.renderMask();
      composeMask(rendered, scratch);
      return { blob: await toBlob(scratch), canvas: scratch };
    },
    rawCanvas: () => rendered ?? tool.renderMask(),
    strokes: () => tool.strokes,
    teardown: () => tool.destroy(),
  };
}

/** Fires one stroke without waiting for frames (setting up committed strokes). */
function quickStroke(target: EventTarget, frames: Point[][]) {
  target.dispatchEvent(pointer('pointerdown', frames[0]![0]!));
  for (const samples of frames) target.dispatchEvent(pointer('pointermove', samples.at(-1)!, samples));
  target.dispatchEvent(pointer('pointerup', frames.at(-1)!.at(-1)!));
}

/** One stroke, one move per frame, timing each move's handling plus the overlay draw. */
async function measuredStroke(s: Subject, frames: Point[][]) {
  const moves: number[] = [];
  const handler: number[] = [];
  s.target.dispatchEvent(pointer('pointerdown', frames[0]![0]!));
  for (const samples of frames) {
    await frame();
    const t0 = performance.now();
    s.target.dispatchEvent(pointer('pointermove', samples.at(-1)!, samples));
    handler.push(performance.now() - t0);
    s.draw();
    flush(s.canvases);
    moves.push(performance.now() - t0);
  }
  await frame();
  const upAt = performance.now();
  s.target.dispatchEvent(pointer('pointerup', frames.at(-1)!.at(-1)!));
  s.draw();
  flush(s.canvases);
  return { moves, handler, end: performance.now() - upAt, upAt };
}

async function run(kind: 'ours' | 'baseline'): Promise<BenchResult> {
  document.body.replaceChildren();
  const image = makeInitImage();
  const make = kind === 'ours' ? ours : baseline;
  const emptyStage = make(makeContainer('empty'), image);
  const loadedStage = make(makeContainer('loaded'), image);

  const longTasks: Array<{ start: number; duration: number }> = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  });
  observer.observe({ type: 'longtask', buffered: false });
  let coalescedDelivered = false;
  document.addEventListener('pointermove', (e) => {
    if (e.getCoalescedEvents?.().length > 1) coalescedDelivered = true;
  });

  for (let i = 0; i < COMMITTED; i++) {
    quickStroke(loadedStage.target, strokePath(loadedStage.box, 2 + i * 0.37, 12, SAMPLES_PER_FRAME, STEP_CSS_PX));
    if (i % 50 === 49) await frame();
  }
  // Warm up both (tips, caches, JIT).
  for (const s of [emptyStage, loadedStage]) {
    await measuredStroke(s, strokePath(s.box, 0.3, 20, SAMPLES_PER_FRAME, STEP_CSS_PX));
    s.undoLast();
  }
  await sleep(600);

  const result = {
    empty: [] as number[],
    loaded: [] as number[],
    emptyHandler: [] as number[],
    loadedHandler: [] as number[],
    undoEmpty: [] as number[],
    undoLoaded: [] as number[],
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [s, moves, handler] of [
      [emptyStage, result.empty, result.emptyHandler],
      [loadedStage, result.loaded, result.loadedHandler],
    ] as const) {
      const run = await measuredStroke(s, strokePath(s.box, 1 + round * 0.61, FRAMES_PER_STROKE, SAMPLES_PER_FRAME, STEP_CSS_PX));
      moves.push(...run.moves);
      handler.push(...run.handler);
      await sleep(250);
      const t = performance.now();
      s.undoLast();
      s.draw();
      flush(s.canvases);
      (s === emptyStage ? result.undoEmpty : result.undoLoaded).push(performance.now() - t);
      await sleep(100);
    }
  }

  // Stroke ends on the busy stage: the pointer-up handler plus the draw, and any long task in
  // the 600 ms after (that window includes the debounced export on our side).
  const strokeEnd: number[] = [];
  const endTasks: number[] = [];
  for (let i = 0; i < 15; i++) {
    longTasks.length = 0;
    const { end, upAt } = await measuredStroke(loadedStage, strokePath(loadedStage.box, 50 + i, 20, SAMPLES_PER_FRAME, STEP_CSS_PX));
    strokeEnd.push(end);
    await sleep(600);
    const inWindow = longTasks.filter((t) => t.start >= upAt - 1 && t.start <= upAt + 600).map((t) => t.duration);
    endTasks.push(inWindow.length ? Math.max(...inWindow) : 0);
  }
  await sleep(400);

  // Export after one more stroke (the usual case) and after a change to the whole mask, each
  // next to the browser's own toBlob of the very canvas that was exported, after a warm-up.
  const exportMs: number[] = [];
  const exportFullMs: number[] = [];
  const toBlobMs: number[] = [];
  const toBlobComposedMs: number[] = [];
  let last = await loadedStage.exportOnce();
  const timeToBlob = async (canvas: HTMLCanvasElement) => {
    // A draw that changes no pixel, so no snapshot of an unchanged canvas can be reused.
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = 'rgba(0,0,0,0)';
    ctx.fillRect(0, 0, 1, 1);
    const t = performance.now();
    await toBlob(canvas);
    return performance.now() - t;
  };
  for (let i = 0; i < 15; i++) {
    for (const full of [false, true]) {
      if (full) loadedStage.changeAll();
      else loadedStage.addStroke(100 + i);
      // Let the stroke's own aftermath (overlay redraw, idle work) pass before timing.
      await sleep(150);
      // Alternate which goes first, so drift in machine load cancels out.
      if (i % 2) {
        toBlobComposedMs.push(await timeToBlob(last.canvas));
        await sleep(40);
      }
      const t = performance.now();
      last = await loadedStage.exportOnce();
      (full ? exportFullMs : exportMs).push(performance.now() - t);
      await sleep(40);
      if (!(i % 2)) {
        toBlobComposedMs.push(await timeToBlob(last.canvas));
        await sleep(40);
      }
      toBlobMs.push(await timeToBlob(loadedStage.rawCanvas()));
      await sleep(40);
    }
  }
  const decoded = await createImageBitmap(last.blob);
  const check = document.createElement('canvas');
  check.width = decoded.width;
  check.height = decoded.height;
  const cctx = check.getContext('2d')!;
  cctx.drawImage(decoded, 0, 0);
  const maskBinary = isBinaryMask(cctx.getImageData(0, 0, check.width, check.height).data);
  const out: BenchResult = {
    kind,
    isolated: crossOriginIsolated,
    coalescedDelivered,
    ...result,
    strokesCommitted: loadedStage.strokes(),
    strokeEnd,
    longTasks: endTasks,
    exportMs,
    exportFullMs,
    toBlobMs,
    toBlobComposedMs,
    maskBinary,
    maskSize: `${decoded.width}×${decoded.height}`,
    maskBytes: last.blob.size,
  };
  observer.disconnect();
  emptyStage.teardown();
  loadedStage.teardown();
  return out;
}

declare global {
  interface Window {
    runCanvasBench(kind: 'ours' | 'baseline'): Promise<BenchResult>;
  }
}

window.runCanvasBench = run;
