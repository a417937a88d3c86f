/**
 * Black + a white-on-transparent raster = the mask as sent, and its PNG by the browser's own
 * encoder. The app's export runs in the mask Worker (`mask-full-raster.ts`); these serve the
 * canvas bench and its checks. No app state here: canvases in, a PNG out.
 */
import { context2d } from './canvas-2d';

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
