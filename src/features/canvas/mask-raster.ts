/**
 * The mask raster: one canvas at the init image's pixel size, white where the user painted,
 * transparent elsewhere, and always strictly binary (alpha 0 or 255). Binary by construction:
 * strokes are stamps of a binary disc copied at whole-pixel positions with smoothing off,
 * erasing is `destination-out` of the same discs, inverting is `xor` with white. So the
 * export is a single composite over black plus the browser's own PNG encoder.
 */
import { context2d, createCanvas } from './canvas-pool';
import { discTip } from './mask-binarize';
import type { MaskOp, StrokeMode } from './mask-ops';
import { Stamper, replaySamples, stampOrigin } from './stroke-geometry';

/** Tips kept ready, by total pixels (about 4 million pixels, 16 MB). */
const TIP_BUDGET_PIXELS = 4_000_000;

export class MaskRaster {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly tips = new Map<number, HTMLCanvasElement>();
  private tipPixels = 0;
  private stamper: Stamper | undefined;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.canvas = createCanvas(width, height);
    this.ctx = context2d(this.canvas);
    this.ctx.imageSmoothingEnabled = false;
  }

  /** Starts a stroke: later `addSample` calls stamp along it. */
  beginStroke(mode: StrokeMode, size: number): void {
    this.ctx.globalCompositeOperation = mode === 'erase' ? 'destination-out' : 'source-over';
    this.stamper = new Stamper(size, this.stamp);
  }

  addSample(x: number, y: number, pressure: number): void {
    this.stamper?.add(x, y, pressure);
  }

  endStroke(): void {
    this.stamper = undefined;
    this.ctx.globalCompositeOperation = 'source-over';
  }

  /** Applies a committed operation (undo/redo replay); gives the same pixels as live painting. */
  apply(op: MaskOp): void {
    switch (op.kind) {
      case 'clear':
        this.clear();
        return;
      case 'invert':
        this.invert();
        return;
      case 'stroke':
        this.ctx.globalCompositeOperation = op.mode === 'erase' ? 'destination-out' : 'source-over';
        replaySamples(op.points, op.size, this.stamp);
        this.ctx.globalCompositeOperation = 'source-over';
    }
  }

  clear(): void {
    this.ctx.globalCompositeOperation = 'source-over';
    this.ctx.clearRect(0, 0, this.width, this.height);
  }

  /** Painted becomes unpainted and the other way round: xor with opaque white keeps it binary. */
  invert(): void {
    this.ctx.globalCompositeOperation = 'xor';
    this.ctx.fillStyle = '#ffffff';
    this.ctx.fillRect(0, 0, this.width, this.height);
    this.ctx.globalCompositeOperation = 'source-over';
  }

  /** Copies the raster into `target` (a snapshot). */
  copyTo(target: HTMLCanvasElement): void {
    const ctx = context2d(target);
    ctx.globalCompositeOperation = 'copy';
    ctx.drawImage(this.canvas, 0, 0);
    ctx.globalCompositeOperation = 'source-over';
  }

  /** Replaces the raster with a snapshot, or blank for `null`. */
  restore(snapshot: HTMLCanvasElement | null): void {
    this.ctx.globalCompositeOperation = 'copy';
    if (snapshot) this.ctx.drawImage(snapshot, 0, 0);
    else this.ctx.clearRect(0, 0, this.width, this.height);
    this.ctx.globalCompositeOperation = 'source-over';
  }

  /** Reads the alpha of a region (for tests, the empty check and the bench). */
  readRegion(x: number, y: number, w: number, h: number): Uint8ClampedArray {
    return this.ctx.getImageData(x, y, w, h).data;
  }

  private readonly stamp = (x: number, y: number, d: number): void => {
    const tip = this.tip(d);
    const { left, top } = stampOrigin(x, y, d);
    if (left >= this.width || top >= this.height || left + d <= 0 || top + d <= 0) return;
    this.ctx.drawImage(tip, left, top);
  };

  private tip(d: number): HTMLCanvasElement {
    const cached = this.tips.get(d);
    if (cached) {
      // Most recently used last.
      this.tips.delete(d);
      this.tips.set(d, cached);
      return cached;
    }
    const canvas = createCanvas(d, d);
    context2d(canvas).putImageData(new ImageData(discTip(d), d, d), 0, 0);
    this.tips.set(d, canvas);
    this.tipPixels += d * d;
    for (const [size, old] of this.tips) {
      if (this.tipPixels <= TIP_BUDGET_PIXELS || size === d) break;
      this.tips.delete(size);
      this.tipPixels -= size * size;
      old.width = 0;
    }
    return canvas;
  }
}
