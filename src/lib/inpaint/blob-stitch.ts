/**
 * The Worker's stitch at the level of encoded images, reading and writing pixels only where
 * they change. The original is the picture the Worker kept since it was chosen (or decoded once);
 * the mask is the window prepare kept for this job (or read over the crop only); the blend window
 * (the mask's bounds grown by the blur's reach, planStitch) is read from the picture, composited
 * with the provider's answer scaled back, and put back into the rows written. Every pixel outside the window is the original's
 * as drawn, so the stitch stays exact. The output is a lossless PNG written a strip of rows at a
 * time (png-stream.ts: no full-size canvas, no full-size copy), and a thumbnail is made from the
 * display-size preview, so nobody decodes the full-size PNG again to make one. With
 * `previewSide`, that preview goes out first, through `onPreview`: encoding a full-size PNG of a
 * photo takes seconds, and the person should not wait for it to see the result.
 */
import { decodeMask, decodeRgba, encodePng } from './blob-prepare';
import { maskFromRgba } from './mask-shapes';
import type { InpaintRegion } from './region';
import { handleStitchRequest } from './stitch-protocol';
import type { RgbaScaler, StitchResponse } from './stitch-protocol';
import { compositeInto, planStitch, planStitchInWindow, resultContent } from './stitch';
import type { StitchPlan } from './stitch';
import { decodesWithoutColourConversion } from './send-format';
import { encodePngStrips } from './png-stream';
import { windowKey } from './worker-memo';
import { keptPictures, keptPreviewBases, keptWindows, keyOf } from './worker-pictures';
import type { BlobKeys } from './key-hints';
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
  /** The keys of `original` and `mask` when the page knows them (key-hints.ts). */
  keys?: BlobKeys;
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

const baseKey = (pictureKey: string, side: number) => `${pictureKey}|${side}`;

/**
 * Makes (once) the kept picture scaled to fit `side`, the base of the stitch's preview: prepare
 * asks for it right after its answer, so the stitch does not scale the full-size picture down
 * after the provider answers. Nothing when the picture is not the one kept.
 */
export function previewBaseAhead(pictureKey: string, side: number): void {
  const bitmap = keptPictures.get(pictureKey);
  const key = baseKey(pictureKey, side);
  if (!bitmap || keptPreviewBases.get(key)) return;
  // A bitmap, not the canvas: a canvas only records the draw until something reads it, so the
  // scale-down would still run in the stitch; transferring it out draws it now.
  keptPreviewBases.put(key, fitted(bitmap, side).transferToImageBitmap());
}

/** The preview's canvas: a copy of the base made ahead (the base stays for the next job), else the picture scaled down now. */
function previewCanvas(bitmap: ImageBitmap, pictureKey: string | undefined, side: number): OffscreenCanvas {
  const base = pictureKey ? keptPreviewBases.get(baseKey(pictureKey, side)) : undefined;
  if (!base) return fitted(bitmap, side);
  const copy = new OffscreenCanvas(base.width, base.height);
  copy.getContext('2d')!.drawImage(base, 0, 0);
  return copy;
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

/** The stitch's plan from the mask window prepare kept for this mask and crop, or from the mask read over the crop now. */
async function planOf(request: BlobStitchRequest, width: number, height: number): Promise<StitchPlan> {
  const { crop } = request.region;
  const win = keptWindows.get(windowKey(await keyOf(request.mask, request.keys?.mask), crop, request.maskBlur));
  if (win) return win.rect && win.mask ? planStitchInWindow(win.mask, win.rect, crop, request.maskBlur) : { window: null, windowAlpha: null };
  const mask = await maskOverCrop(request.mask, width, height, crop);
  // The plan over the crop alone: the same window and alpha as over the full-size mask.
  return planStitch(mask, { ...request.region, crop: { x: 0, y: 0, width: crop.width, height: crop.height } }, request.maskBlur);
}

/** The original as the stitch reads it (the file's own values): the picture kept from the probe when that decodes alike, else decoded now. */
async function originalOf(request: BlobStitchRequest): Promise<{ bitmap: ImageBitmap; own: boolean; key?: string }> {
  const alike = decodesWithoutColourConversion(new Uint8Array(await request.original.slice(0, 256 * 1024).arrayBuffer()));
  const key = alike ? await keyOf(request.original, request.keys?.original) : undefined;
  const kept = key ? keptPictures.get(key) : undefined;
  return kept ? { bitmap: kept, own: false, key } : { bitmap: await bitmapOf(request.original, 'original'), own: true };
}

/** Rows of the full-size result read at a time (8192 px wide: 4 MB). */
const STRIP_ROWS = 128;

const opaque = (rgba: Uint8ClampedArray) => {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return false;
  return true;
};

/** The full-size result's rows: the picture's, drawn a strip at a time, with the composited window's pixels copied over them. */
function stripReader(bitmap: ImageBitmap, patch?: { at: Rect; pixels: ImageData }) {
  const { width } = bitmap;
  const canvas = new OffscreenCanvas(width, Math.min(STRIP_ROWS, bitmap.height));
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.globalCompositeOperation = 'copy';
  return (y: number, rows: number): Uint8ClampedArray => {
    ctx.drawImage(bitmap, 0, y, width, rows, 0, 0, width, rows);
    const data = ctx.getImageData(0, 0, width, rows).data;
    if (patch) {
      const { at, pixels } = patch;
      for (let r = Math.max(y, at.y); r < Math.min(y + rows, at.y + at.height); r++) {
        const from = (r - at.y) * at.width * 4;
        data.set(pixels.data.subarray(from, from + at.width * 4), ((r - y) * width + at.x) * 4);
      }
    }
    return data;
  };
}

export async function stitchBlobs(request: BlobStitchRequest, scaler: RgbaScaler, onPreview?: (preview: StitchPreview) => void): Promise<BlobStitchResponse> {
  performance.mark('stitch: start');
  const { bitmap, own, key } = await originalOf(request);
  try {
    const { width, height } = bitmap;
    const { region } = request;
    const { crop } = region;
    const plan = await planOf(request, width, height);
    const result = await decodeRgba(request.result);
    // The blend window alone: the original's pixels there, composited with the answer scaled back.
    let patch: { at: Rect; pixels: ImageData } | undefined;
    if (plan.window && plan.windowAlpha) {
      const at = { x: crop.x + plan.window.x, y: crop.y + plan.window.y, width: plan.window.width, height: plan.window.height };
      const target = readRect(bitmap, at);
      const scaled = await scaler.scale(resultContent(result, region), crop.width, crop.height, plan.window);
      compositeInto({ width: at.width, height: at.height, data: target.data }, scaled, plan.windowAlpha, 0, 0);
      patch = { at, pixels: target };
    }
    performance.mark('stitch: window composited');
    // The preview first, from the original scaled down with the window drawn over it (JPEG: the
    // original is opaque here); the thumbnail from it. Nothing full-size is drawn.
    const side = request.previewSide ?? request.thumbSide;
    const small = side ? previewCanvas(bitmap, key, side) : undefined;
    if (small && patch) {
      const sx = small.width / width;
      const sy = small.height / height;
      const piece = new OffscreenCanvas(patch.at.width, patch.at.height);
      piece.getContext('2d')!.putImageData(patch.pixels, 0, 0);
      small.getContext('2d')!.drawImage(piece, patch.at.x * sx, patch.at.y * sy, patch.at.width * sx, patch.at.height * sy);
    }
    if (small && request.previewSide && onPreview) {
      const preview = await small.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      performance.mark('stitch: preview encoded');
      onPreview({ op: 'stitch-preview', image: preview, width, height });
    }
    const thumb = small && request.thumbSide ? await thumbnailOf(small, request.thumbSide).catch(() => undefined) : undefined;
    // The full-size result, a strip of rows at a time: the original's rows as drawn, the window's
    // pixels put back in them. Every other pixel is the original's.
    const alpha = !!patch && !opaque(patch.pixels.data);
    const image = await encodePngStrips({ width, height, alpha, stripRows: STRIP_ROWS, readStrip: stripReader(bitmap, patch) });
    performance.mark('stitch: full-size PNG encoded');
    return { op: 'stitch', image, width, height, resultWidth: result.width, resultHeight: result.height, thumb };
  } finally {
    if (own) bitmap.close();
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
