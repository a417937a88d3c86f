/**
 * The Worker's stitch at the level of encoded images, reading and writing pixels only where
 * they change. The original is decoded once and drawn whole onto the output canvas (no
 * full-size pixel copy); the mask is read over the crop only; the blend window (the mask's
 * bounds grown by the blur's reach, planStitch) is read from the canvas, composited with the
 * provider's answer scaled back, and put back. Every pixel outside the window is the original's
 * as drawn, so the stitch stays exact. The output is a lossless PNG, and a thumbnail is made
 * from the same canvas, so nobody decodes the full-size PNG again to make one. With
 * `previewSide`, a display-size preview (and the thumbnail) go out first, through `onPreview`:
 * encoding a full-size PNG of a photo takes seconds, and the person should not wait for it to see
 * the result.
 */
import { decodeMask, decodeRgba, encodePng } from './blob-prepare';
import { maskFromRgba } from './mask-shapes';
import type { InpaintRegion } from './region';
import { handleStitchRequest } from './stitch-protocol';
import type { RgbaScaler, StitchResponse } from './stitch-protocol';
import { compositeInto, planStitch, resultContent } from './stitch';
import type { MaskImage, Rect } from './types';

export interface BlobStitchRequest {
  op: 'stitch';
  original: Blob;
  mask: Blob;
  region: InpaintRegion;
  result: Blob;
  maskBlur: number;
  /** Also make a thumbnail fitting this side (WebP, or JPEG where WebP cannot be encoded). */
  thumbSide?: number;
  /** Send a preview fitting this side (and the thumbnail) before the full-size PNG is encoded. */
  previewSide?: number;
}

/** The stitched result at display size, sent before the full-size PNG (which follows in the response). */
export interface StitchPreview {
  op: 'stitch-preview';
  image: Blob;
  /** The full-size result's size (the preview is smaller). */
  width: number;
  height: number;
}

export interface BlobStitchResponse {
  op: 'stitch';
  image: Blob;
  width: number;
  height: number;
  resultWidth: number;
  resultHeight: number;
  thumb?: Blob;
}

const RAW = { colorSpaceConversion: 'none', premultiplyAlpha: 'none' } as const;

async function bitmapOf(blob: Blob, what: string): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(blob, RAW);
  } catch {
    throw new Error(`The ${what} could not be decoded.`);
  }
}

/** The pixels of `rect` of a bitmap, read through a canvas of that size only. */
function readRect(bitmap: ImageBitmap | OffscreenCanvas, rect: Rect): ImageData {
  const c = new OffscreenCanvas(rect.width, rect.height);
  const ctx = c.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, rect.x, rect.y, rect.width, rect.height, 0, 0, rect.width, rect.height);
  return ctx.getImageData(0, 0, rect.width, rect.height);
}

/** `source` scaled down to fit maxSide (never up), on a canvas of its own. */
function fitted(source: OffscreenCanvas | ImageBitmap, maxSide: number): OffscreenCanvas {
  const scale = Math.min(1, maxSide / Math.max(source.width, source.height));
  const canvas = new OffscreenCanvas(Math.max(1, Math.round(source.width * scale)), Math.max(1, Math.round(source.height * scale)));
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  return canvas;
}

export async function thumbnailOf(source: OffscreenCanvas | ImageBitmap, maxSide: number): Promise<Blob | undefined> {
  const canvas = fitted(source, maxSide);
  const blob = await canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
  // Browsers without a WebP encoder fall back to PNG, which is larger than JPEG for photos.
  return blob.type === 'image/webp' ? blob : canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 }).catch(() => undefined);
}

/** The mask over the region's crop, as a crop-size MaskImage (resized first when it is not the original's size). */
async function maskOverCrop(maskBlob: Blob, width: number, height: number, crop: Rect): Promise<MaskImage> {
  const bitmap = await bitmapOf(maskBlob, 'mask');
  try {
    if (bitmap.width !== width || bitmap.height !== height) {
      const full = await decodeMask(maskBlob, width, height);
      const data = new Uint8ClampedArray(crop.width * crop.height);
      for (let y = 0; y < crop.height; y++) data.set(full.data.subarray((crop.y + y) * width + crop.x, (crop.y + y) * width + crop.x + crop.width), y * crop.width);
      return { width: crop.width, height: crop.height, data };
    }
    const px = readRect(bitmap, crop);
    return maskFromRgba({ width: crop.width, height: crop.height, data: px.data }, 'auto');
  } finally {
    bitmap.close();
  }
}

export async function stitchBlobs(request: BlobStitchRequest, scaler: RgbaScaler, onPreview?: (preview: StitchPreview) => void): Promise<BlobStitchResponse> {
  const bitmap = await bitmapOf(request.original, 'original');
  try {
    const { width, height } = bitmap;
    const { region } = request;
    const { crop } = region;
    const mask = await maskOverCrop(request.mask, width, height, crop);
    const result = await decodeRgba(request.result);
    // The plan over the crop alone: the same window and alpha as over the full-size mask.
    const plan = planStitch(mask, { ...region, crop: { x: 0, y: 0, width: crop.width, height: crop.height } }, request.maskBlur);
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    if (plan.window && plan.windowAlpha) {
      const at = { x: crop.x + plan.window.x, y: crop.y + plan.window.y, width: plan.window.width, height: plan.window.height };
      const target = ctx.getImageData(at.x, at.y, at.width, at.height);
      const patch = await scaler.scale(resultContent(result, region), crop.width, crop.height, plan.window);
      compositeInto({ width: at.width, height: at.height, data: target.data }, patch, plan.windowAlpha, 0, 0);
      ctx.putImageData(target, at.x, at.y);
    }
    let thumb: Blob | undefined;
    if (request.previewSide && onPreview) {
      // The preview first (JPEG: the original is opaque here), the thumbnail from it (a smaller scale-down).
      const small = fitted(canvas, request.previewSide);
      const preview = await small.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      onPreview({ op: 'stitch-preview', image: preview, width, height });
      thumb = request.thumbSide ? await thumbnailOf(small, request.thumbSide).catch(() => undefined) : undefined;
    }
    const image = await canvas.convertToBlob({ type: 'image/png' });
    if (request.thumbSide && !thumb) thumb = await thumbnailOf(canvas, request.thumbSide).catch(() => undefined);
    return { op: 'stitch', image, width, height, resultWidth: result.width, resultHeight: result.height, thumb };
  } finally {
    bitmap.close();
  }
}

/**
 * The same through full-size pixel buffers (decode, composite, encode): for an original with
 * transparency, which a canvas would keep premultiplied.
 */
export async function stitchBlobsPixels(request: BlobStitchRequest, scaler: RgbaScaler): Promise<BlobStitchResponse> {
  const original = await decodeRgba(request.original);
  const mask = await decodeMask(request.mask, original.width, original.height);
  const result = await decodeRgba(request.result);
  const req = { op: 'stitch' as const, original, mask, region: request.region, result, maskBlur: request.maskBlur, inPlace: true };
  const out = (await handleStitchRequest(req, scaler)) as StitchResponse;
  return { op: 'stitch', image: await encodePng(out.image), width: original.width, height: original.height, resultWidth: result.width, resultHeight: result.height };
}
