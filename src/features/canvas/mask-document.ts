/**
 * The mask as a document of operations (strokes, shapes, clear, invert, whole new masks), and the
 * display raster that shows it. The stroke in progress is stamped straight onto the display raster
 * and kept as a flat sample buffer; on commit it becomes plain data ({ mode, size, points }).
 * Undo and redo rebuild the display raster from display-size snapshots and the operations after
 * them (`mask-history.ts`); `log` (`mask-log.ts`) keeps every operation in effect since a blank
 * mask, which the mask Worker draws at full size when the mask is exported (`mask-export.ts`).
 * Nothing on the main thread is ever the image's full size, save a whole mask on its way to the Worker.
 */
import { forgetMasks } from './mask-export';
import { MaskHistory, historyLimits } from './mask-history';
import type { HistoryBudget } from './mask-history';
import { MaskLog } from './mask-log';
import type { LogEntry } from './mask-log';
import { coverageAfter, nextReplaceId, opBytes } from './mask-ops';
import type { Coverage, FullMask, MaskOp, StrokeMode } from './mask-ops';
import { paintedBox } from './mask-bounds';
import { MaskRaster, closeTileImages } from './mask-raster';
import type { RasterImage } from './mask-raster';
import { createCanvas } from './canvas-2d';
import { displaySize } from './mask-scale';
import { isFillable } from './shape-geometry';
import type { MaskShape } from './shape-geometry';
import { SampleBuffer } from './stroke-geometry';

/**
 * The display raster at a checkpoint: bitmaps of its tiles, taken with createImageBitmap (no
 * canvas to allocate: a fresh display-size canvas cost 70 ms on a busy machine); until they
 * arrive, `image` is undefined and undo replays the log instead.
 */
interface Snapshot {
  /** null: the blank mask, which needs no pixels. */
  image: RasterImage | null | undefined;
  coverage: Coverage;
  dropped?: boolean;
}

function takeSnapshot(raster: MaskRaster, coverage: Coverage): Snapshot {
  const snap: Snapshot = { image: undefined, coverage };
  raster.snapshot().then(
    (tiles) => {
      if (snap.dropped) closeTileImages(tiles);
      else snap.image = tiles;
    },
    () => {},
  );
  return snap;
}

function dropSnapshot(snap: Snapshot): void {
  snap.dropped = true;
  const image = snap.image;
  if (image instanceof ImageBitmap) image.close();
  else if (image && 'tiles' in image) closeTileImages(image);
  snap.image = undefined;
}

interface StrokeInProgress {
  mode: StrokeMode;
  size: number;
  samples: SampleBuffer;
}

/** 'commit': a stroke (its pixels are on screen already); 'shape', 'replace': a fill or a whole new mask, undoable. */
export type MaskChange = 'commit' | 'undo' | 'redo' | 'clear' | 'invert' | 'abort' | 'load' | 'shape' | 'replace';

let lastDocumentId = 0;
const absolute = (op: MaskOp) => op.kind === 'clear' || op.kind === 'replace';
const replaceIds = (entries: readonly LogEntry<MaskOp>[] | readonly MaskOp[]) =>
  entries.flatMap((e) => {
    const op = 'seq' in e ? e.op : e;
    return op.kind === 'replace' ? [op.id] : [];
  });

export class MaskDocument {
  /** Page-wide: the mask Worker keeps the full-size raster of one document at a time. */
  readonly id = ++lastDocumentId;
  readonly raster: MaskRaster;
  /** Changes each time the mask's committed content changes. */
  version = 0;
  private history: MaskHistory<MaskOp, Snapshot>;
  private readonly log = new MaskLog<MaskOp>(absolute);
  /** The operations undone, newest last (redo takes them back into the log). */
  private undone: MaskOp[] = [];
  private stroke: StrokeInProgress | undefined;
  private listeners = new Set<(change: MaskChange) => void>();

  /** `width`, `height`: the image's pixel size; the display raster is at most 2560 px a side. */
  constructor(
    readonly width: number,
    readonly height: number,
    budget?: HistoryBudget,
    displaySide?: number,
  ) {
    const shown = displaySize(width, height, displaySide);
    this.raster = new MaskRaster(shown.width, shown.height, shown.scale);
    this.history = new MaskHistory(historyLimits(shown.width, shown.height, budget), { image: null, coverage: 'empty' }, opBytes);
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

  /** The committed operations since a blank mask, for the mask Worker. */
  get operations(): readonly LogEntry<MaskOp>[] {
    return this.log.entries;
  }

  /** A box holding every painted pixel of the committed mask (mask-bounds.ts): null when none, undefined when unknown. */
  paintedBox() {
    return paintedBox('empty', this.log.entries.map((e) => e.op), this.width, this.height);
  }

  /** What is known about the committed mask without reading pixels. */
  coverage(): Coverage {
    return coverageAfter('empty', this.log.entries.map((e) => e.op));
  }

  onChange(listener: (change: MaskChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  beginStroke(mode: StrokeMode, size: number, x: number, y: number, pressure: number): void {
    if (this.stroke) this.endStroke();
    this.stroke = { mode, size, samples: new SampleBuffer() };
    this.raster.beginStroke(mode, size);
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
    const entry = this.log.pop();
    if (entry) this.undone.push(entry.op);
    this.rebuild(plan);
    this.version++;
    this.emit('undo');
    return true;
  }

  redo(): boolean {
    this.endStroke();
    const op = this.history.redo();
    if (!op) return false;
    this.undone.pop();
    this.log.push(op);
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
   * Replaces the whole mask (grow, shrink, feather, a mask file) as one undoable step. `full`
   * holds it at the image's size as the raster does (white, the mask value as alpha; grey levels
   * kept); the document owns it from now on (the mask Worker takes it on the next export).
   */
  replaceMask(full: FullMask, painted: boolean): void {
    this.endStroke();
    const display = this.raster.toDisplay(full);
    this.raster.replaceWith(display);
    this.commit({ kind: 'replace', id: nextReplaceId(), display, full, painted }, 'replace');
  }

  /**
   * Replaces the mask with an existing one (RGBA at this size, white = repaint: luminance,
   * grey levels kept) and starts a fresh history from it.
   */
  loadMask(rgba: Uint8ClampedArray): void {
    const full = createCanvas(this.width, this.height);
    const painted = MaskRaster.writeMask(rgba, this.width, this.height, full);
    this.loadOverlay(full, painted);
  }

  /** As loadMask, from the mask as the raster holds it (white, value as alpha): nothing to decode. The document owns `full`. */
  loadOverlay(full: FullMask, painted: boolean): void {
    this.stroke = undefined;
    const display = this.raster.toDisplay(full);
    this.raster.replaceWith(display);
    this.history.dispose().forEach(dropSnapshot);
    this.history = new MaskHistory(this.history.limits, { image: display, coverage: painted ? 'some' : 'empty' }, opBytes);
    forgetMasks([...replaceIds(this.log.reset({ kind: 'replace', id: nextReplaceId(), display, full, painted })), ...replaceIds(this.undone)]);
    this.undone = [];
    this.version++;
    this.emit('load');
  }

  dispose(): void {
    this.stroke = undefined;
    this.listeners.clear();
    this.history.dispose().forEach(dropSnapshot);
    forgetMasks([...replaceIds(this.log.reset()), ...replaceIds(this.undone)], this.id);
    this.undone = [];
    this.raster.dispose();
  }

  private commit(op: MaskOp, change: MaskChange): void {
    this.history.push(op, () => takeSnapshot(this.raster, 'unknown')).forEach(dropSnapshot);
    // The redo branch is gone, and what undo can no longer reach before a clear or a whole mask.
    this.log.push(op);
    forgetMasks([...replaceIds(this.undone), ...replaceIds(this.log.compact(this.history.undoDepth))]);
    this.undone = [];
    this.version++;
    this.emit(change);
  }

  /** Shows a history position: its snapshot and the operations after it, or (snapshot not ready yet) the whole log. */
  private rebuild(plan: { snapshot: Snapshot; replay: MaskOp[] }): void {
    const { image } = plan.snapshot;
    if (image === undefined) this.raster.rebuild(null, this.log.entries.map((e) => e.op));
    else this.raster.rebuild(image, plan.replay);
  }

  private emit(change: MaskChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
