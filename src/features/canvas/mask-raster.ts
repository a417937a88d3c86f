/**
 * The mask raster, at the init image's pixel size, binary unless the mask was feathered or a
 * grey mask was loaded (a grey value is a partial blend, as the providers take it):
 *
 * - `canvas`: white where the user painted, transparent elsewhere. The overlay shows it.
 * - `sent` (made on first use, then kept in step): the mask exactly as exported, opaque
 *   black with white where painted. Every stamp lands on both, so exporting is the browser's
 *   own `toBlob` of `sent` and nothing else. After a rebuild (undo, a dropped stroke) it is
 *   recomposed from `canvas` in one composite.
 *
 * Binary by construction: strokes are stamps of a binary disc copied at whole-pixel positions
 * with smoothing off; rectangles and lassos are binary fills of their box (shape-geometry.ts);
 * erasing is `destination-out` of the same pixels (black ones on `sent`); inverting is `xor`
 * with white (`difference` with white on `sent`), which also maps a grey alpha a to 255 − a.
 * A replaced mask (feather, grow, shrink) is drawn in whole.
 */
import { context2d, createCanvas, releaseCanvasMemory } from './canvas-pool';
import { discTip } from './mask-binarize';
import { composeMask } from './mask-png';
import type { MaskOp, StrokeMode } from './mask-ops';
import { maskToAlphaRgba, rasterizeShape, rgbaToMaskValues } from './shape-geometry';
import type { MaskShape } from './shape-geometry';
import { Stamper, replaySamples, stampOrigin } from './stroke-geometry';

export type Region = { x: number; y: number; width: number; height: number };
type Box = { left: number; top: number; right: number; bottom: number };

const emptyBox = (): Box => ({ left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity });

/** Tips kept ready, by total pixels (about 4 million pixels, 16 MB). */
const TIP_BUDGET_PIXELS = 4_000_000;

export class MaskRaster {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private sentCanvas: HTMLCanvasElement | undefined;
  private sentCtx: CanvasRenderingContext2D | undefined;
  /** False while rebuilding: `sent` is recomposed once at the end instead. */
  private mirror = true;
  private mode: StrokeMode = 'paint';
  /** White discs for `canvas` and painting on `sent`; black discs for erasing on `sent`. */
  private readonly tips = new Map<string, HTMLCanvasElement>();
  private tipPixels = 0;
  private stamper: Stamper | undefined;
  /** Bounding box of the stamps since the last takeDirty(), in image pixels (for the overlay). */
  private dirty = emptyBox();

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.canvas = createCanvas(width, height);
    this.ctx = context2d(this.canvas);
    this.ctx.imageSmoothingEnabled = false;
  }

  /** The mask as sent (opaque black and white), created and composed on first use. */
  sent(): HTMLCanvasElement {
    if (!this.sentCanvas) {
      this.sentCanvas = createCanvas(this.width, this.height);
      this.sentCtx = context2d(this.sentCanvas);
      this.sentCtx.imageSmoothingEnabled = false;
      composeMask(this.canvas, this.sentCanvas);
    }
    return this.sentCanvas;
  }

  /** Starts a stroke: later `addSample` calls stamp along it. */
  beginStroke(mode: StrokeMode, size: number): void {
    this.setMode(mode);
    this.stamper = new Stamper(size, this.stamp);
  }

  addSample(x: number, y: number, pressure: number): void {
    this.stamper?.add(x, y, pressure);
  }

  endStroke(): void {
    this.stamper = undefined;
    this.setMode('paint');
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
        this.setMode(op.mode);
        replaySamples(op.points, op.size, this.stamp);
        this.setMode('paint');
        return;
      case 'shape':
        this.fillShape(op.mode, op.shape);
        return;
      case 'replace':
        this.replaceWith(op.canvas);
    }
  }

  /** Fills (paint) or clears (erase) a rectangle or lasso; returns whether it touched the image. */
  fillShape(mode: StrokeMode, shape: MaskShape): boolean {
    const filled = rasterizeShape(shape, this.width, this.height);
    if (!filled) return false;
    const { box, mask } = filled;
    const piece = (rgb: 0 | 255) => {
      const c = createCanvas(box.width, box.height);
      context2d(c).putImageData(new ImageData(maskToAlphaRgba(mask, rgb), box.width, box.height), 0, 0);
      return c;
    };
    const white = piece(255);
    this.ctx.globalCompositeOperation = mode === 'erase' ? 'destination-out' : 'source-over';
    this.ctx.drawImage(white, box.x, box.y);
    this.ctx.globalCompositeOperation = 'source-over';
    if (this.mirror && this.sentCtx) {
      const onSent = mode === 'erase' ? piece(0) : white;
      this.sentCtx.drawImage(onSent, box.x, box.y);
      if (onSent !== white) releaseCanvasMemory(onSent);
    }
    releaseCanvasMemory(white);
    this.markDirty(box.x, box.y, box.x + box.width, box.y + box.height);
    return true;
  }

  /** Replaces the whole raster with `source` (white, alpha = mask value). */
  replaceWith(source: HTMLCanvasElement): void {
    this.ctx.globalCompositeOperation = 'source-over';
    this.ctx.clearRect(0, 0, this.width, this.height);
    this.ctx.drawImage(source, 0, 0);
    if (this.mirror && this.sentCanvas) composeMask(this.canvas, this.sentCanvas);
  }

  clear(): void {
    this.ctx.clearRect(0, 0, this.width, this.height);
    if (this.mirror && this.sentCtx) {
      this.sentCtx.fillStyle = '#000000';
      this.sentCtx.fillRect(0, 0, this.width, this.height);
    }
  }

  /** Painted becomes unpainted and the other way round. */
  invert(): void {
    this.ctx.globalCompositeOperation = 'xor';
    this.ctx.fillStyle = '#ffffff';
    this.ctx.fillRect(0, 0, this.width, this.height);
    this.ctx.globalCompositeOperation = 'source-over';
    if (this.mirror && this.sentCtx) {
      this.sentCtx.globalCompositeOperation = 'difference';
      this.sentCtx.fillStyle = '#ffffff';
      this.sentCtx.fillRect(0, 0, this.width, this.height);
      this.sentCtx.globalCompositeOperation = 'source-over';
    }
  }

  /** Copies the raster into `target` (a snapshot). Plain clear + draw: `copy` would composite the whole canvas twice. */
  copyTo(target: HTMLCanvasElement): void {
    const ctx = context2d(target);
    ctx.globalCompositeOperation = 'source-over';
    ctx.clearRect(0, 0, target.width, target.height);
    ctx.drawImage(this.canvas, 0, 0);
  }

  /**
   * Replaces the raster with a snapshot (null: blank), then applies `ops` on top; `sent` is
   * recomposed once at the end.
   */
  rebuild(snapshot: HTMLCanvasElement | null, ops: readonly MaskOp[] = []): void {
    this.mirror = false;
    try {
      this.stamper = undefined;
      this.setMode('paint');
      this.ctx.clearRect(0, 0, this.width, this.height);
      if (snapshot) this.ctx.drawImage(snapshot, 0, 0);
      for (const op of ops) this.apply(op);
    } finally {
      this.mirror = true;
    }
    if (this.sentCanvas) composeMask(this.canvas, this.sentCanvas);
  }

  /**
   * Writes a mask given as RGBA at this size (white = repaint, by luminance times alpha; grey
   * levels kept, so a feathered mask stays soft) into `target` as white with the mask value as
   * alpha. Returns whether anything is painted.
   */
  static writeMask(rgba: Uint8ClampedArray, width: number, height: number, target: HTMLCanvasElement): boolean {
    if (rgba.length !== width * height * 4) throw new RangeError('The mask is not the size of the image.');
    const values = rgbaToMaskValues(rgba);
    const painted = values.some((v) => v > 0);
    const pixels = maskToAlphaRgba({ width, height, data: values });
    context2d(target).putImageData(new ImageData(pixels, width, height), 0, 0);
    return painted;
  }

  /** Loads a mask (see writeMask) into the raster, and into `snapshot` as the base. Returns whether anything is painted. */
  load(rgba: Uint8ClampedArray, snapshot: HTMLCanvasElement): boolean {
    const painted = MaskRaster.writeMask(rgba, this.width, this.height, snapshot);
    this.rebuild(snapshot);
    return painted;
  }

  /** The region stamped since the last call (undefined if none), for a partial redraw. */
  takeDirty(): Region | undefined {
    const d = this.dirty;
    this.dirty = emptyBox();
    if (d.right <= d.left || d.bottom <= d.top) return undefined;
    return { x: d.left, y: d.top, width: d.right - d.left, height: d.bottom - d.top };
  }

  /** Reads the pixels of a region (the empty check, tests and the bench). */
  readRegion(x: number, y: number, w: number, h: number): Uint8ClampedArray {
    return this.ctx.getImageData(x, y, w, h).data;
  }

  dispose(): void {
    releaseCanvasMemory(this.canvas);
    if (this.sentCanvas) releaseCanvasMemory(this.sentCanvas);
    for (const tip of this.tips.values()) releaseCanvasMemory(tip);
    this.tips.clear();
  }

  private setMode(mode: StrokeMode): void {
    this.mode = mode;
    this.ctx.globalCompositeOperation = mode === 'erase' ? 'destination-out' : 'source-over';
  }

  private readonly stamp = (x: number, y: number, d: number): void => {
    const { left, top } = stampOrigin(x, y, d);
    if (left >= this.width || top >= this.height || left + d <= 0 || top + d <= 0) return;
    this.ctx.drawImage(this.tip(d, 'white'), left, top);
    if (this.mirror && this.sentCtx) this.sentCtx.drawImage(this.tip(d, this.mode === 'erase' ? 'black' : 'white'), left, top);
    this.markDirty(left, top, left + d, top + d);
  };

  private markDirty(left: number, top: number, right: number, bottom: number): void {
    const box = this.dirty;
    if (left < box.left) box.left = left;
    if (top < box.top) box.top = top;
    if (right > box.right) box.right = right;
    if (bottom > box.bottom) box.bottom = bottom;
  }

  private tip(d: number, colour: 'white' | 'black'): HTMLCanvasElement {
    const key = `${colour}${d}`;
    const cached = this.tips.get(key);
    if (cached) {
      // Most recently used last.
      this.tips.delete(key);
      this.tips.set(key, cached);
      return cached;
    }
    const pixels = discTip(d);
    if (colour === 'black') for (let i = 0; i < pixels.length; i += 4) pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
    const canvas = createCanvas(d, d);
    context2d(canvas).putImageData(new ImageData(pixels, d, d), 0, 0);
    this.tips.set(key, canvas);
    this.tipPixels += d * d;
    for (const [k, old] of this.tips) {
      if (this.tipPixels <= TIP_BUDGET_PIXELS || k === key) break;
      this.tips.delete(k);
      this.tipPixels -= old.width * old.height;
      releaseCanvasMemory(old);
    }
    return canvas;
  }
}
