/**
 * The mask on screen: the display raster, at the display size (`mask-scale.ts`: the image's pixel
 * size up to 2560 px a side, scaled down beyond), binary unless the mask was feathered or a grey
 * mask was loaded. White where the user painted, transparent elsewhere; the overlay shows it. The
 * mask as sent is drawn at full size from the same operations in the mask Worker
 * (`mask-full-raster.ts`), so nothing here is ever as large as a 50-megapixel picture.
 *
 * It is held in tiles of 512 px (`tile-grid.ts`), each made when something is first drawn into it
 * (erasing never makes one): a 2560 px canvas's first draw was one 70–100 ms task. A tile never
 * drawn is blank. Every drawing lands in each tile it touches, at whole-pixel offsets with
 * smoothing off, so the tiles hold exactly the pixels one canvas would.
 *
 * Binary by construction: strokes are stamps of a binary disc copied at whole-pixel positions
 * with smoothing off; rectangles and lassos are binary fills of their box (shape-geometry.ts);
 * erasing is `destination-out` of the same pixels; inverting is `xor` with white, which also maps
 * a grey alpha a to 255 − a. A replaced mask (feather, grow, shrink, a file) is drawn in whole.
 * Operations arrive in image pixels and are scaled here.
 */
import { context2d, createCanvas, releaseCanvasMemory } from './canvas-2d';
import { TileGrid } from './tile-grid';
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

/** The raster's pixels at a moment, tile by tile (null: blank); undo keeps these. */
export interface TileImages {
  tiles: (ImageBitmap | null)[];
}

/** What `rebuild` takes: tile bitmaps, or one display-size image (a whole mask's). */
export type RasterImage = TileImages | CanvasImageSource;

const isTileImages = (image: RasterImage): image is TileImages => 'tiles' in image && Array.isArray((image as TileImages).tiles);

export function closeTileImages(images: TileImages): void {
  for (const b of images.tiles) b?.close();
}

type Composite = 'source-over' | 'destination-out';

export class MaskRaster {
  readonly grid: TileGrid;
  /** The tiles' canvases, by index; undefined: never drawn (blank). */
  private readonly tiles: (HTMLCanvasElement | undefined)[];
  /** White discs, by diameter. */
  private readonly tips = new Map<string, HTMLCanvasElement>();
  private tipPixels = 0;
  private stamper: Stamper | undefined;
  private mode: Composite = 'source-over';
  /** Bounding box of the stamps since the last takeDirty(), in display pixels (for the overlay). */
  private dirty = emptyBox();

  /** `width`, `height`: the display size; `scale`: display pixels per image pixel. */
  constructor(
    readonly width: number,
    readonly height: number,
    readonly scale = 1,
    tileSide?: number,
  ) {
    this.grid = new TileGrid(width, height, tileSide);
    this.tiles = new Array<HTMLCanvasElement | undefined>(this.grid.count).fill(undefined);
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
    this.draw(white, box.x, box.y, mode === 'erase' ? 'destination-out' : 'source-over');
    releaseCanvasMemory(white);
    this.markDirty(box.x, box.y, box.x + box.width, box.y + box.height);
    return true;
  }

  /** Replaces the whole raster with `source` (white, alpha = mask value) at the display size. */
  replaceWith(source: CanvasImageSource): void {
    this.blank();
    this.draw(source, 0, 0, 'source-over', this.width, this.height);
  }

  /** A whole mask (white, alpha = mask value, any size) drawn at the display size: what `replaceWith` takes. */
  toDisplay(source: CanvasImageSource): HTMLCanvasElement {
    const canvas = createCanvas(this.width, this.height);
    const ctx = context2d(canvas);
    ctx.imageSmoothingQuality = 'medium';
    ctx.drawImage(source, 0, 0, this.width, this.height);
    return canvas;
  }

  /** Blank: every tile goes (its memory with it). */
  clear(): void {
    for (let i = 0; i < this.tiles.length; i++) {
      const tile = this.tiles[i];
      if (tile) releaseCanvasMemory(tile);
      this.tiles[i] = undefined;
    }
  }

  /** Blank, keeping the tiles made: they are likely drawn again (making one costs more than clearing it). */
  private blank(): void {
    for (const t of this.drawnTiles()) context2d(t.canvas).clearRect(0, 0, t.width, t.height);
  }

  /** Painted becomes unpainted and the other way round. */
  invert(): void {
    for (let i = 0; i < this.tiles.length; i++) {
      const ctx = context2d(this.tile(i));
      ctx.globalCompositeOperation = 'xor';
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, this.grid.rect(i).width, this.grid.rect(i).height);
      ctx.globalCompositeOperation = 'source-over';
    }
  }

  /** The tiles drawn so far, with where they sit (display pixels): what the overlay draws. */
  drawnTiles(): { canvas: HTMLCanvasElement; x: number; y: number; width: number; height: number }[] {
    const out = [];
    for (let i = 0; i < this.tiles.length; i++) {
      const canvas = this.tiles[i];
      if (canvas) out.push({ canvas, ...this.grid.rect(i) });
    }
    return out;
  }

  /** A snapshot of the pixels, tile by tile (blank tiles need none); resolves once every bitmap is made. */
  async snapshot(): Promise<TileImages> {
    const tiles = await Promise.all(this.tiles.map((t) => (t ? createImageBitmap(t) : null)));
    return { tiles };
  }

  /** The whole raster in one display-size canvas (the bench and its checks; never the app). */
  toCanvas(): HTMLCanvasElement {
    const canvas = createCanvas(this.width, this.height);
    const ctx = context2d(canvas);
    for (const t of this.drawnTiles()) ctx.drawImage(t.canvas, t.x, t.y);
    return canvas;
  }

  /** Replaces the raster with a snapshot (null: blank), then applies `ops` on top. */
  rebuild(snapshot: RasterImage | null, ops: readonly MaskOp[] = []): void {
    this.stamper = undefined;
    this.setMode('paint');
    this.blank();
    if (snapshot && isTileImages(snapshot)) {
      snapshot.tiles.forEach((bitmap, i) => {
        if (bitmap) context2d(this.tile(i)).drawImage(bitmap, 0, 0);
      });
    } else if (snapshot) {
      this.draw(snapshot, 0, 0, 'source-over', this.width, this.height);
    }
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

  dispose(): void {
    this.clear();
    for (const tip of this.tips.values()) releaseCanvasMemory(tip);
    this.tips.clear();
  }

  private setMode(mode: StrokeMode): void {
    this.mode = mode === 'erase' ? 'destination-out' : 'source-over';
  }

  /** Tile `index`, made (blank) when it does not exist yet. */
  private tile(index: number): HTMLCanvasElement {
    const found = this.tiles[index];
    if (found) return found;
    const { width, height } = this.grid.rect(index);
    const canvas = createCanvas(width, height);
    context2d(canvas).imageSmoothingEnabled = false;
    this.tiles[index] = canvas;
    return canvas;
  }

  /**
   * Draws `source` at (x, y) (display pixels; scaled to `w`×`h` when given) into every tile it
   * touches. Erasing skips blank tiles: there is nothing to take away.
   */
  private draw(source: CanvasImageSource, x: number, y: number, op: Composite, w?: number, h?: number): void {
    const width = w ?? (source as { width: number }).width;
    const height = h ?? (source as { height: number }).height;
    for (const index of this.grid.touching(x, y, x + width, y + height)) {
      if (op === 'destination-out' && !this.tiles[index]) continue;
      const r = this.grid.rect(index);
      const ctx = context2d(this.tile(index));
      ctx.globalCompositeOperation = op;
      if (w === undefined) ctx.drawImage(source, x - r.x, y - r.y);
      else ctx.drawImage(source, x - r.x, y - r.y, width, height);
      ctx.globalCompositeOperation = 'source-over';
    }
  }

  /** A stamp in image pixels, drawn at the display size. */
  private readonly stamp = (imageX: number, imageY: number, imageD: number): void => {
    const { x, y, d } = scaleStamp(imageX, imageY, imageD, this.scale);
    const { left, top } = stampOrigin(x, y, d);
    if (left >= this.width || top >= this.height || left + d <= 0 || top + d <= 0) return;
    this.draw(this.tip(d), left, top, this.mode);
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
