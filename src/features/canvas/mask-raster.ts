/**
 * The mask on screen: the display raster, at the display size (`mask-scale.ts`: the image's pixel
 * size up to 2560 px a side, scaled down beyond), binary unless the mask was feathered or a grey
 * mask was loaded. White where the user painted, transparent elsewhere; the overlay shows it. The
 * mask as sent is drawn at full size from the same operations in the mask Worker
 * (`mask-full-raster.ts`), so nothing here is ever as large as a 50-megapixel picture.
 *
 * Binary by construction: strokes are stamps of a binary disc copied at whole-pixel positions
 * with smoothing off; rectangles and lassos are binary fills of their box (shape-geometry.ts);
 * erasing is `destination-out` of the same pixels; inverting is `xor` with white, which also maps
 * a grey alpha a to 255 − a. A replaced mask (feather, grow, shrink, a file) is drawn in whole.
 * Operations arrive in image pixels and are scaled here.
 */
import { context2d, createCanvas, releaseCanvasMemory } from './canvas-2d';
import { discTip } from './mask-binarize';
import type { MaskOp, StrokeMode } from './mask-ops';
import { scaleShape, scaleStamp } from './mask-scale';
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
  /** White discs, by diameter. */
  private readonly tips = new Map<string, HTMLCanvasElement>();
  private tipPixels = 0;
  private stamper: Stamper | undefined;
  /** Bounding box of the stamps since the last takeDirty(), in image pixels (for the overlay). */
  private dirty = emptyBox();

  /** `width`, `height`: the display size; `scale`: display pixels per image pixel. */
  constructor(
    readonly width: number,
    readonly height: number,
    readonly scale = 1,
  ) {
    this.canvas = createCanvas(width, height);
    this.ctx = context2d(this.canvas);
    this.ctx.imageSmoothingEnabled = false;
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
        this.replaceWith(op.display);
    }
  }

  /** Fills (paint) or clears (erase) a rectangle or lasso (image pixels); returns whether it touched the image. */
  fillShape(mode: StrokeMode, shape: MaskShape): boolean {
    const filled = rasterizeShape(scaleShape(shape, this.scale), this.width, this.height);
    if (!filled) return false;
    const { box, mask } = filled;
    const white = createCanvas(box.width, box.height);
    context2d(white).putImageData(new ImageData(maskToAlphaRgba(mask, 255), box.width, box.height), 0, 0);
    this.ctx.globalCompositeOperation = mode === 'erase' ? 'destination-out' : 'source-over';
    this.ctx.drawImage(white, box.x, box.y);
    this.ctx.globalCompositeOperation = 'source-over';
    releaseCanvasMemory(white);
    this.markDirty(box.x, box.y, box.x + box.width, box.y + box.height);
    return true;
  }

  /** Replaces the whole raster with `source` (white, alpha = mask value) at the display size. */
  replaceWith(source: HTMLCanvasElement): void {
    this.ctx.globalCompositeOperation = 'source-over';
    this.ctx.clearRect(0, 0, this.width, this.height);
    this.ctx.drawImage(source, 0, 0);
  }

  /** A whole mask (white, alpha = mask value, any size) drawn at the display size: what `replaceWith` takes. */
  toDisplay(source: CanvasImageSource): HTMLCanvasElement {
    const canvas = createCanvas(this.width, this.height);
    const ctx = context2d(canvas);
    ctx.imageSmoothingQuality = 'medium';
    ctx.drawImage(source, 0, 0, this.width, this.height);
    return canvas;
  }

  clear(): void {
    this.ctx.clearRect(0, 0, this.width, this.height);
  }

  /** Painted becomes unpainted and the other way round. */
  invert(): void {
    this.ctx.globalCompositeOperation = 'xor';
    this.ctx.fillStyle = '#ffffff';
    this.ctx.fillRect(0, 0, this.width, this.height);
    this.ctx.globalCompositeOperation = 'source-over';
  }

  /** Copies the raster into `target` (a snapshot). Plain clear + draw: `copy` would composite the whole canvas twice. */
  copyTo(target: HTMLCanvasElement): void {
    const ctx = context2d(target);
    ctx.globalCompositeOperation = 'source-over';
    ctx.clearRect(0, 0, target.width, target.height);
    ctx.drawImage(this.canvas, 0, 0);
  }

  /** Replaces the raster with a snapshot (null: blank), then applies `ops` on top. */
  rebuild(snapshot: CanvasImageSource | null, ops: readonly MaskOp[] = []): void {
    this.stamper = undefined;
    this.setMode('paint');
    this.ctx.clearRect(0, 0, this.width, this.height);
    if (snapshot) this.ctx.drawImage(snapshot, 0, 0);
    for (const op of ops) this.apply(op);
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
    for (const tip of this.tips.values()) releaseCanvasMemory(tip);
    this.tips.clear();
  }

  private setMode(mode: StrokeMode): void {
    this.ctx.globalCompositeOperation = mode === 'erase' ? 'destination-out' : 'source-over';
  }

  /** A stamp in image pixels, drawn at the display size. */
  private readonly stamp = (imageX: number, imageY: number, imageD: number): void => {
    const { x, y, d } = scaleStamp(imageX, imageY, imageD, this.scale);
    const { left, top } = stampOrigin(x, y, d);
    if (left >= this.width || top >= this.height || left + d <= 0 || top + d <= 0) return;
    this.ctx.drawImage(this.tip(d), left, top);
    this.markDirty(left, top, left + d, top + d);
  };

  private markDirty(left: number, top: number, right: number, bottom: number): void {
    const box = this.dirty;
    if (left < box.left) box.left = left;
    if (top < box.top) box.top = top;
    if (right > box.right) box.right = right;
    if (bottom > box.bottom) box.bottom = bottom;
  }

  private tip(d: number): HTMLCanvasElement {
    const key = `${d}`;
    const cached = this.tips.get(key);
    if (cached) {
      // Most recently used last.
      this.tips.delete(key);
      this.tips.set(key, cached);
      return cached;
    }
    const pixels = discTip(d);
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
