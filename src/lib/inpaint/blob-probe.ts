/**
 * The Worker's "probe": a picture the user brings, decoded once (createImageBitmap: EXIF
 * orientation applied), answered with its size and a display-size preview bitmap for the stage,
 * so the main thread neither decodes nor draws the full-size picture. A picture larger than
 * `maxSide` on a side is also scaled down and encoded (JPEG when opaque, else PNG) to be kept instead.
 * The decoded picture stays in the Worker (worker-pictures.ts) for the jobs that send it, in
 * place of the one before; a scaled one does not (its kept bytes are the scaled file's).
 */
import { initImageType, JPEG_QUALITY } from './send-format';
import { keptPictures, keyOf } from './worker-pictures';
import type { BlobKeys } from './key-hints';

export interface ProbeRequest {
  op: 'probe';
  image: Blob;
  /** The preview's longest side. */
  previewSide: number;
  /** The largest side kept; a larger picture comes back scaled (`scaled`). */
  maxSide: number;
  /** The image's key when the page knows it (key-hints.ts). */
  keys?: BlobKeys;
}

export interface ProbeResponse {
  op: 'probe';
  /** The picture's size as shown (after EXIF orientation), or the scaled one's. */
  width: number;
  height: number;
  /** The picture's own size when it was scaled. */
  original?: { width: number; height: number };
  preview: ImageBitmap;
  scaled?: Blob;
  /** The image's key, for the requests that send it again (key-hints.ts). */
  keys?: BlobKeys;
}

function fit(width: number, height: number, side: number) {
  const s = Math.min(1, side / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}

function draw(source: CanvasImageSource, size: { width: number; height: number }): OffscreenCanvas {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, size.width, size.height);
  return canvas;
}

export async function probe(request: ProbeRequest): Promise<ProbeResponse> {
  // Keyed while it decodes (the decode runs on another thread).
  const key = keyOf(request.image, request.keys?.image).catch(() => undefined);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(request.image);
  } catch {
    throw new Error('not readable as an image');
  }
  let keep = false;
  try {
    const { width, height } = bitmap;
    let scaled: Blob | undefined;
    let kept = { width, height };
    if (Math.max(width, height) > request.maxSide) {
      kept = fit(width, height, request.maxSide);
      const canvas = draw(bitmap, kept);
      const type = initImageType(request.image.type === 'image/jpeg');
      scaled = await canvas.convertToBlob(type === 'image/jpeg' ? { type, quality: JPEG_QUALITY } : { type });
    }
    const preview = draw(bitmap, fit(width, height, request.previewSide)).transferToImageBitmap();
    const k = scaled ? undefined : await key;
    if (k) {
      keptPictures.put(k, bitmap);
      keep = true;
    } else keptPictures.release(); // the picture before is not the one being worked on any more
    const keys = k ? { image: k } : undefined;
    return { op: 'probe', ...kept, preview, scaled, keys, ...(scaled ? { original: { width, height } } : {}) };
  } finally {
    if (!keep) bitmap.close();
  }
}
