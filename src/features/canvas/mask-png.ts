/**
 * Mask export: black/white pixels encoded by the browser's own PNG encoder, at the raster's
 * (= the init image's) pixel size. No per-pixel JavaScript: the raster is binary by
 * construction, so the PNG is strictly black and white. The editor keeps an "as sent" canvas
 * in step while painting, so its export is `toBlob` alone; `exportMaskPng` does the one
 * composite for a bare raster. No app state here: canvases in, a PNG out.
 */
import { context2d } from './canvas-pool';
import { hasPaintedPixel } from './mask-binarize';

export interface ExportedMask {
  blob: Blob;
  width: number;
  height: number;
}

function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the mask as PNG.'))), 'image/png');
  });
}

/** Paints the mask as sent into `target` (resized to match): black, then the raster on top. */
export function composeMask(raster: HTMLCanvasElement, target: HTMLCanvasElement): void {
  if (target.width !== raster.width || target.height !== raster.height) {
    target.width = raster.width;
    target.height = raster.height;
  }
  const ctx = context2d(target);
  ctx.globalCompositeOperation = 'source-over';
  ctx.fillStyle = '#000000';
  ctx.fillRect(0, 0, target.width, target.height);
  ctx.drawImage(raster, 0, 0);
}

/** The mask as a PNG: the browser's own encoder on a canvas already holding the black/white pixels. */
export async function encodeMaskPng(sent: HTMLCanvasElement): Promise<ExportedMask> {
  const blob = await toBlob(sent);
  return { blob, width: sent.width, height: sent.height };
}

/** The mask as a PNG from a white-on-transparent raster: one composite into `scratch`, then `toBlob`. */
export async function exportMaskPng(raster: HTMLCanvasElement, scratch: HTMLCanvasElement): Promise<ExportedMask> {
  composeMask(raster, scratch);
  return encodeMaskPng(scratch);
}

const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Whether any pixel of the raster is painted, read back in bands of rows so that no single
 * task blocks the page (a full 2048×2048 read costs ~50 ms). Only needed when the operations
 * alone cannot tell (after erasing or inverting). `isStale` aborts early; the answer is then
 * undefined.
 */
export async function scanForPaint(raster: HTMLCanvasElement, isStale: () => boolean, bandPixels = 1 << 19): Promise<boolean | undefined> {
  const ctx = context2d(raster);
  const rows = Math.max(1, Math.floor(bandPixels / Math.max(1, raster.width)));
  for (let y = 0; y < raster.height; y += rows) {
    if (isStale()) return undefined;
    const h = Math.min(rows, raster.height - y);
    if (hasPaintedPixel(ctx.getImageData(0, y, raster.width, h).data)) return true;
    await yieldToBrowser();
  }
  return isStale() ? undefined : false;
}
