/**
 * The mask at the image's full size, exactly as it is sent (opaque black, white where painted,
 * grey levels of a feathered mask kept), drawn from the document's operations in the mask Worker
 * (`mask-worker.ts`). The same stroke and shape geometry as the display raster (`mask-raster.ts`),
 * at scale 1: strokes stamp binary discs on whole pixels with smoothing off (white to paint, black
 * to erase), shapes fill their box, inverting is `difference` with white, a whole new mask is black
 * and then the mask drawn over it.
 */
import { discTip } from './mask-binarize';
import type { StrokeMode } from './mask-ops';
import { maskToAlphaRgba, rasterizeShape } from './shape-geometry';
import type { MaskShape } from './shape-geometry';
import { replaySamples, stampOrigin } from './stroke-geometry';

/** An operation as the Worker gets it; `seq` says which log entry it is (`mask-log.ts`). */
export type WireOp = { seq: number } & (
  | { kind: 'stroke'; mode: StrokeMode; size: number; points: Float32Array }
  | { kind: 'clear' }
  | { kind: 'invert' }
  | { kind: 'shape'; mode: StrokeMode; shape: MaskShape }
  /** `id`: the mask the Worker was given (with this message or an earlier one). */
  | { kind: 'replace'; id: number }
);

type Ctx = OffscreenCanvasRenderingContext2D;

const TIP_BUDGET_PIXELS = 4_000_000;

export class FullRaster {
  readonly canvas: OffscreenCanvas;
  private readonly ctx: Ctx;
  /** The seqs drawn, in order. */
  drawn: number[] = [];
  private readonly tips = new Map<string, OffscreenCanvas>();
  private tipPixels = 0;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.canvas = new OffscreenCanvas(width, height);
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('The mask worker could not create a 2D canvas.');
    this.ctx = ctx;
    this.ctx.imageSmoothingEnabled = false;
    this.blank();
  }

  blank(): void {
    this.ctx.globalCompositeOperation = 'source-over';
    this.ctx.fillStyle = '#000000';
    this.ctx.fillRect(0, 0, this.width, this.height);
    this.drawn = [];
  }

  apply(op: WireOp, bitmap: (id: number) => CanvasImageSource): void {
    const ctx = this.ctx;
    switch (op.kind) {
      case 'clear':
        this.blank();
        break;
      case 'invert':
        ctx.globalCompositeOperation = 'difference';
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, this.width, this.height);
        ctx.globalCompositeOperation = 'source-over';
        break;
      case 'stroke': {
        const colour = op.mode === 'erase' ? 'black' : 'white';
        replaySamples(op.points, op.size, (x, y, d) => {
          const { left, top } = stampOrigin(x, y, d);
          if (left >= this.width || top >= this.height || left + d <= 0 || top + d <= 0) return;
          ctx.drawImage(this.tip(d, colour), left, top);
        });
        break;
      }
      case 'shape': {
        const filled = rasterizeShape(op.shape, this.width, this.height);
        if (!filled) break;
        const { box, mask } = filled;
        const piece = new OffscreenCanvas(box.width, box.height);
        piece.getContext('2d')!.putImageData(new ImageData(maskToAlphaRgba(mask, op.mode === 'erase' ? 0 : 255), box.width, box.height), 0, 0);
        ctx.drawImage(piece, box.x, box.y);
        break;
      }
      case 'replace':
        this.blank();
        ctx.drawImage(bitmap(op.id), 0, 0);
        break;
    }
    this.drawn.push(op.seq);
  }

  /** Frees the pixels now (not at garbage collection); the raster is not used again. */
  release(): void {
    this.canvas.width = this.canvas.height = 0;
    this.tips.clear();
    this.drawn = [];
  }

  /** The pixels of a rectangle (RGBA, as encoded). */
  read(rect: { x: number; y: number; width: number; height: number }): Uint8ClampedArray<ArrayBuffer> {
    return this.ctx.getImageData(rect.x, rect.y, rect.width, rect.height).data as Uint8ClampedArray<ArrayBuffer>;
  }

  /** Whether any pixel is painted (white or grey), read in bands of rows. */
  painted(bandPixels = 1 << 22): boolean {
    const rows = Math.max(1, Math.floor(bandPixels / this.width));
    for (let y = 0; y < this.height; y += rows) {
      const data = this.ctx.getImageData(0, y, this.width, Math.min(rows, this.height - y)).data;
      // Opaque everywhere: a painted pixel has some red.
      for (let i = 0; i < data.length; i += 4) if (data[i] !== 0) return true;
    }
    return false;
  }

  /** The mask as the display raster holds it (white, the mask value as alpha), as a bitmap: Extend's undo keeps it. */
  overlay(bandPixels = 1 << 22): ImageBitmap {
    const out = new OffscreenCanvas(this.width, this.height);
    const octx = out.getContext('2d')!;
    const rows = Math.max(1, Math.floor(bandPixels / this.width));
    for (let y = 0; y < this.height; y += rows) {
      const band = this.ctx.getImageData(0, y, this.width, Math.min(rows, this.height - y));
      const d = band.data;
      for (let i = 0; i < d.length; i += 4) {
        d[i + 3] = d[i]!;
        d[i] = d[i + 1] = d[i + 2] = 255;
      }
      octx.putImageData(band, 0, y);
    }
    return out.transferToImageBitmap();
  }

  private tip(d: number, colour: 'white' | 'black'): OffscreenCanvas {
    const key = `${colour}${d}`;
    const cached = this.tips.get(key);
    if (cached) return cached;
    const pixels = discTip(d);
    if (colour === 'black') for (let i = 0; i < pixels.length; i += 4) pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
    const tip = new OffscreenCanvas(d, d);
    tip.getContext('2d')!.putImageData(new ImageData(pixels, d, d), 0, 0);
    if (this.tipPixels + d * d > TIP_BUDGET_PIXELS) {
      this.tips.clear();
      this.tipPixels = 0;
    }
    this.tips.set(key, tip);
    this.tipPixels += d * d;
    return tip;
  }
}
