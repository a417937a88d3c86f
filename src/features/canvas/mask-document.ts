/**
 * The mask as a document: the raster, the stroke in progress, and the bounded history of
 * committed operations. The stroke in progress is stamped straight onto the raster and
 * kept as a flat sample buffer; on commit it becomes plain data ({ mode, size, points }).
 */
import { CanvasPool, releaseCanvasMemory } from './canvas-pool';
import { MaskHistory, historyLimits } from './mask-history';
import type { HistoryBudget } from './mask-history';
import { coverageAfter, opBytes } from './mask-ops';
import type { Coverage, MaskOp, StrokeMode } from './mask-ops';
import { paintedBox } from './mask-bounds';
import { MaskRaster } from './mask-raster';
import { createCanvas } from './canvas-pool';
import { isFillable } from './shape-geometry';
import type { MaskShape } from './shape-geometry';
import { SampleBuffer } from './stroke-geometry';

interface Snapshot {
  /** null: the blank mask, which needs no pixels. */
  canvas: HTMLCanvasElement | null;
  coverage: Coverage;
}

interface StrokeInProgress {
  mode: StrokeMode;
  size: number;
  samples: SampleBuffer;
}

/** 'commit': a stroke (its pixels are on screen already); 'shape', 'replace': a fill or a whole new mask, undoable. */
export type MaskChange = 'commit' | 'undo' | 'redo' | 'clear' | 'invert' | 'abort' | 'load' | 'shape' | 'replace';

export class MaskDocument {
  readonly raster: MaskRaster;
  /** Changes each time the mask's committed content changes. */
  version = 0;
  private readonly pool: CanvasPool;
  private history: MaskHistory<MaskOp, Snapshot>;
  private stroke: StrokeInProgress | undefined;
  private listeners = new Set<(change: MaskChange) => void>();

  constructor(
    readonly width: number,
    readonly height: number,
    budget?: HistoryBudget,
  ) {
    this.raster = new MaskRaster(width, height);
    this.pool = new CanvasPool(width, height, 1);
    this.history = new MaskHistory(historyLimits(width, height, budget), { canvas: null, coverage: 'empty' }, opBytes);
  }

  get painting(): boolean {
    return this.stroke !== undefined;
  }

  get canUndo(): boolean {
    return this.history.canUndo;
  }

  get canRedo(): boolean {
    return this.history.canRedo;
  }

  get limits() {
    return this.history.limits;
  }

  /** A box holding every painted pixel of the committed mask (mask-bounds.ts): null when none, undefined when unknown. */
  paintedBox() {
    return paintedBox(this.history.baseSnapshot().coverage, this.history.appliedOps(), this.width, this.height);
  }

  /** What is known about the committed mask without reading pixels. */
  coverage(): Coverage {
    return coverageAfter(this.history.baseSnapshot().coverage, this.history.appliedOps());
  }

  onChange(listener: (change: MaskChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  beginStroke(mode: StrokeMode, size: number, x: number, y: number, pressure: number): void {
    if (this.stroke) this.endStroke();
    this.stroke = { mode, size, samples: new SampleBuffer() };
    this.raster.beginStroke(mode, size);
    this.pool.prepareSoon();
    this.extendStroke(x, y, pressure);
  }

  extendStroke(x: number, y: number, pressure: number): void {
    if (!this.stroke) return;
    this.stroke.samples.push(x, y, pressure);
    this.raster.addSample(x, y, pressure);
  }

  /** Commits the stroke in progress as plain data. */
  endStroke(): void {
    const stroke = this.stroke;
    if (!stroke) return;
    this.stroke = undefined;
    this.raster.endStroke();
    this.commit({ kind: 'stroke', mode: stroke.mode, size: stroke.size, points: stroke.samples.toArray() }, 'commit');
  }

  /** Throws the stroke in progress away and rebuilds the committed mask. */
  abortStroke(): void {
    if (!this.stroke) return;
    this.stroke = undefined;
    this.raster.endStroke();
    this.rebuild(this.history.current());
    this.emit('abort');
  }

  undo(): boolean {
    this.endStroke();
    const plan = this.history.undo();
    if (!plan) return false;
    this.rebuild(plan);
    this.version++;
    this.emit('undo');
    return true;
  }

  redo(): boolean {
    this.endStroke();
    const op = this.history.redo();
    if (!op) return false;
    this.raster.apply(op);
    this.version++;
    this.emit('redo');
    return true;
  }

  clear(): void {
    this.endStroke();
    if (this.coverage() === 'empty') return;
    this.raster.clear();
    this.commit({ kind: 'clear' }, 'clear');
  }

  invert(): void {
    this.endStroke();
    this.raster.invert();
    this.commit({ kind: 'invert' }, 'invert');
  }

  /** Fills (paint) or clears (erase) a rectangle or lasso, as one undoable step; false when it covers nothing. */
  fillShape(mode: StrokeMode, shape: MaskShape): boolean {
    this.endStroke();
    if (!isFillable(shape)) return false;
    if (!this.raster.fillShape(mode, shape)) return false;
    this.commit({ kind: 'shape', mode, shape }, 'shape');
    return true;
  }

  /**
   * Replaces the whole mask (grow, shrink, feather, a mask file) as one undoable step. `overlay`
   * holds it as the raster does: white, the mask value as alpha (grey levels kept).
   */
  replaceMask(overlay: CanvasImageSource, painted: boolean): void {
    this.endStroke();
    const canvas = createCanvas(this.width, this.height);
    canvas.getContext('2d')!.drawImage(overlay, 0, 0);
    this.raster.replaceWith(canvas);
    this.commit({ kind: 'replace', canvas, painted }, 'replace');
  }

  /**
   * Replaces the mask with an existing one (RGBA at this size, white = repaint: luminance,
   * grey levels kept) and starts a fresh history from it.
   */
  loadMask(rgba: Uint8ClampedArray): void {
    this.stroke = undefined;
    const canvas = this.pool.acquire();
    const painted = this.raster.load(rgba, canvas);
    for (const snap of this.history.dispose()) if (snap.canvas) this.pool.release(snap.canvas);
    this.history = new MaskHistory(this.history.limits, { canvas, coverage: painted ? 'some' : 'empty' }, opBytes);
    this.version++;
    this.emit('load');
  }

  /** As loadMask, from a bitmap of the mask as the raster holds it (white, value as alpha): nothing to decode. */
  loadOverlay(overlay: CanvasImageSource, painted: boolean): void {
    this.stroke = undefined;
    const canvas = this.pool.acquire();
    const ctx = canvas.getContext('2d')!;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(overlay, 0, 0);
    this.raster.rebuild(canvas);
    for (const snap of this.history.dispose()) if (snap.canvas) this.pool.release(snap.canvas);
    this.history = new MaskHistory(this.history.limits, { canvas, coverage: painted ? 'some' : 'empty' }, opBytes);
    this.version++;
    this.emit('load');
  }

  dispose(): void {
    this.stroke = undefined;
    this.listeners.clear();
    for (const snap of this.history.dispose()) if (snap.canvas) releaseCanvasMemory(snap.canvas);
    this.pool.dispose();
    this.raster.dispose();
  }

  private commit(op: MaskOp, change: MaskChange): void {
    const released = this.history.push(op, () => {
      const canvas = this.pool.acquire();
      this.raster.copyTo(canvas);
      return { canvas, coverage: this.coverage() };
    });
    for (const snap of released) if (snap.canvas) this.pool.release(snap.canvas);
    this.version++;
    this.emit(change);
  }

  private rebuild(plan: { snapshot: Snapshot; replay: MaskOp[] }): void {
    this.raster.rebuild(plan.snapshot.canvas, plan.replay);
  }

  private emit(change: MaskChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
