/**
 * Thumbnails in the browser: decode once, scale to fit, encode as WebP (JPEG where WebP is not
 * supported). In the image Worker (src/lib/inpaint/blob-worker.ts) where the browser has one, so
 * thumbnailing an 8192×6144 stitched picture costs the main thread nothing; on the main thread
 * otherwise (or when the Worker fails).
 */
import { canRunBlobOps, runBlobOp } from '../lib/inpaint/blob-client';

export const THUMB_MAX_SIDE = 256;

export interface ThumbnailResult {
  blob: Blob;
  /** The size of the source image, as decoded. */
  width: number;
  height: number;
}

/** Makes a thumbnail of an image Blob; undefined when it cannot (the image is still stored). */
export type ThumbnailMaker = (image: Blob) => Promise<ThumbnailResult | undefined>;

/** A canvas (offscreen or not) encoded as `type`. */
export async function encodeCanvas(canvas: OffscreenCanvas | HTMLCanvasElement, type: string): Promise<Blob | null> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality: 0.8 });
  return new Promise((resolve) => canvas.toBlob(resolve, type, 0.8));
}

export const makeThumbnailInBrowser: ThumbnailMaker = async (image) => {
  if (canRunBlobOps) {
    const answer = await runBlobOp({ op: 'thumbnail', image, maxSide: THUMB_MAX_SIDE }).catch(() => undefined);
    if (answer) return answer.blob ? { blob: answer.blob, width: answer.width, height: answer.height } : undefined;
  }
  return makeThumbnailHere(image);
};

/** The same on the calling thread. */
export const makeThumbnailHere: ThumbnailMaker = async (image) => {
  if (typeof createImageBitmap !== 'function') return undefined;
  const bitmap = await createImageBitmap(image);
  try {
    const { width, height } = bitmap;
    const scale = Math.min(1, THUMB_MAX_SIDE / Math.max(width, height));
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    const canvas: OffscreenCanvas | HTMLCanvasElement =
      typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(w, h) : Object.assign(document.createElement('canvas'), { width: w, height: h });
    const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
    if (!ctx) return undefined;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, w, h);
    let blob = await encodeCanvas(canvas, 'image/webp');
    // Browsers without a WebP encoder fall back to PNG, which is larger than JPEG for photos.
    if (!blob || blob.type !== 'image/webp') blob = await encodeCanvas(canvas, 'image/jpeg');
    return blob ? { blob, width, height } : undefined;
  } finally {
    bitmap.close();
  }
};
