/**
 * The browser's scaler for Worker code: an OffscreenCanvas draw with high-quality smoothing,
 * used when the image is opaque (a canvas stores premultiplied alpha), else the pure resampler.
 */
import { pureScaler } from './stitch-protocol';
import type { RgbaScaler } from './stitch-protocol';
import type { Rect, RgbaImage } from './types';

function isOpaque(img: RgbaImage): boolean {
  const d = img.data;
  for (let i = 3; i < d.length; i += 4) if (d[i] !== 255) return false;
  return true;
}

/** The browser's scaler; a window draws only that part of the output (the matching source rectangle). */
function canvasScale(img: RgbaImage, width: number, height: number, window?: Rect): RgbaImage {
  if (!isOpaque(img)) return pureScaler.scale(img, width, height, window) as RgbaImage;
  const win = window ?? { x: 0, y: 0, width, height };
  const source = new OffscreenCanvas(img.width, img.height);
  source.getContext('2d')!.putImageData(new ImageData(img.data, img.width, img.height), 0, 0);
  const target = new OffscreenCanvas(win.width, win.height);
  const ctx = target.getContext('2d', { willReadFrequently: true })!;
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  const sx = img.width / width;
  const sy = img.height / height;
  ctx.drawImage(source, win.x * sx, win.y * sy, win.width * sx, win.height * sy, 0, 0, win.width, win.height);
  return { width: win.width, height: win.height, data: ctx.getImageData(0, 0, win.width, win.height).data };
}

function hasCanvas(): boolean {
  try {
    return typeof OffscreenCanvas === 'function' && new OffscreenCanvas(1, 1).getContext('2d') !== null;
  } catch {
    return false;
  }
}

/** The canvas scaler where this context has an OffscreenCanvas, else null. */
export const canvasScaler: RgbaScaler | null = hasCanvas() ? { name: 'canvas', scale: canvasScale } : null;
