/**
 * The Worker's "prepare" step: what is sent for the workspace's picture, from the user's own
 * file. The picture is decoded once (createImageBitmap: EXIF orientation applied; kept from the
 * probe when the picture was chosen, worker-pictures.ts) and drawn
 * straight from the bitmap onto the send-size canvas (crop, scale and padding in one draw; no
 * full-size pixel copy); the init image is encoded as JPEG when it is opaque, the mask as PNG.
 * A picture of a size the endpoint takes, with "Whole picture", goes as its own bytes when a
 * provider can read them as they are (sendableAsIs).
 */
import { binarizeMask, maskFromRgba, maskToRgba } from './mask-shapes';
import { maskBounds, onlyMaskedRegion, regionForMask, wholePictureRegion, regionContent } from './region';
import type { InpaintRegion } from './region';
import { resizeMask } from './resample';
import { wholePictureSendSize } from './match-size';
import type { SizeRule } from './size-rules';
import { initImageType, JPEG_QUALITY, sendableAsIs } from './send-format';
import { cropMask, maskWindowRect, padMask, sendMask } from './stitch';
import { windowKey } from './worker-memo';
import type { MaskWindow } from './worker-memo';
import { keptMaskBoxes, keptPictures, keptWindows, keyOf, pictureOf } from './worker-pictures';
import type { BlobKeys } from './key-hints';
import { boxMaskBounds, boxMaskFromRgba, boxMaskIsHard, boxMaskOver, clampBox } from './mask-box';
import type { BoxMask, BoxRgba } from './mask-box';
import type { MaskImage, Rect, RgbaImage, Size } from './types';

export type InpaintArea = 'whole' | 'masked';

export interface PrepareRequest {
  op: 'prepare';
  image: Blob;
  mask?: Blob;
  rule: SizeRule;
  area: InpaintArea;
  padding: number;
  maskBlur: number;
  /** The form's width×height: "Whole picture" is sent at it when allowed and of the picture's aspect. */
  target?: Size;
  /**
   * A box holding every painted pixel of `mask` (the canvas editor's, mask-hints.ts; null: none
   * painted): only it is read to find the mask's bounds. Without it the whole mask is read.
   */
  maskBox?: Rect | null;
  /** The keys of `image` and `mask` when the page knows them (key-hints.ts). */
  keys?: BlobKeys;
  /**
   * The longest side of the preview a stitch of this job's answer will send: the picture scaled to
   * it is made right after this answer, while the provider works (blob-stitch's previewBaseAhead).
   */
  previewSide?: number;
}

export type PrepareResponse =
  | { op: 'prepare'; unchanged: true; width: number; height: number; keys: BlobKeys }
  | { op: 'prepare'; unchanged: false; image: Blob; mask?: Blob; region: InpaintRegion; width: number; height: number; keys: BlobKeys };

export async function decodeRgba(blob: Blob): Promise<RgbaImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch {
    throw new Error('The image could not be decoded.');
  }
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { width: canvas.width, height: canvas.height, data: ctx.getImageData(0, 0, canvas.width, canvas.height).data };
}

export async function encodePng(img: RgbaImage): Promise<Blob> {
  const canvas = new OffscreenCanvas(img.width, img.height);
  canvas.getContext('2d')!.putImageData(new ImageData(img.data, img.width, img.height), 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}

export async function decodeMask(blob: Blob, width?: number, height?: number): Promise<MaskImage> {
  const mask = maskFromRgba(await decodeRgba(blob), 'auto');
  if (width === undefined || height === undefined || (mask.width === width && mask.height === height)) return mask;
  return resizeMask(mask, width, height);
}

const encodeMask = (mask: MaskImage) => encodePng(maskToRgba(mask));

async function head(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(0, 256 * 1024).arrayBuffer());
}

/** The crop drawn at its content size on a send-size canvas; the padding repeats the edge pixels. */
function drawSent(bitmap: ImageBitmap, region: InpaintRegion): OffscreenCanvas {
  const { crop, send } = region;
  const c = regionContent(region);
  const canvas = new OffscreenCanvas(send.width, send.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, crop.x, crop.y, crop.width, crop.height, c.x, c.y, c.width, c.height);
  ctx.imageSmoothingEnabled = false;
  const right = send.width - c.x - c.width;
  const bottom = send.height - c.y - c.height;
  if (c.x > 0) ctx.drawImage(canvas, c.x, c.y, 1, c.height, 0, c.y, c.x, c.height);
  if (right > 0) ctx.drawImage(canvas, c.x + c.width - 1, c.y, 1, c.height, c.x + c.width, c.y, right, c.height);
  if (c.y > 0) ctx.drawImage(canvas, 0, c.y, send.width, 1, 0, 0, send.width, c.y);
  if (bottom > 0) ctx.drawImage(canvas, 0, c.y + c.height - 1, send.width, 1, 0, c.y + c.height, send.width, bottom);
  return canvas;
}

function isOpaque(canvas: OffscreenCanvas): boolean {
  const d = canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < d.length; i += 4) if (d[i] !== 255) return false;
  return true;
}

/** The pixels of `rect` of a bitmap, read through a canvas of that size only. */
function readRect(bitmap: ImageBitmap, rect: Rect, width = rect.width, height = rect.height): RgbaImage {
  const c = new OffscreenCanvas(width, height);
  const ctx = c.getContext('2d', { willReadFrequently: true })!;
  if (width !== rect.width || height !== rect.height) {
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
  }
  ctx.drawImage(bitmap, rect.x, rect.y, rect.width, rect.height, 0, 0, width, height);
  return { width, height, data: ctx.getImageData(0, 0, width, height).data };
}

/** Whole-picture masks shrunk more than this are scaled by the canvas, not resampled at full size. */
const CANVAS_SCALE_FROM = 4;

/**
 * The mask's painted box read from its PNG (decoded, only the box read, the bitmap freed at once);
 * undefined when the mask is not the picture's size.
 */
export async function readMaskBox(blob: Blob, size: Size, box: Rect | null): Promise<BoxMask | undefined> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch {
    throw new Error('The mask could not be decoded.');
  }
  try {
    if (bitmap.width !== size.width || bitmap.height !== size.height) return undefined;
    const inside = clampBox(box, size);
    return { ...size, box: inside, pixels: inside ? maskFromRgba(readRect(bitmap, inside), 'auto') : undefined };
  } finally {
    bitmap.close();
  }
}

/**
 * The painted box of this mask (`maskKey`: its bytes' key): the one read ahead (the 'mask-box'
 * request, sent when the mask was exported) or being read, else read now; kept (one mask) for the
 * job that sends it. `given`: the box's pixels as the exporter had them (see boxMaskFromRgba), so
 * nothing is decoded.
 */
export async function maskBoxOf(blob: Blob, maskKey: string, size: Size, box: Rect | null, given?: BoxRgba): Promise<BoxMask | undefined> {
  const key = `${maskKey}|${size.width}×${size.height}|${JSON.stringify(box)}`;
  let reading = keptMaskBoxes.get(key);
  if (!reading) {
    const known = given && boxMaskFromRgba(size, box, given);
    reading = known ? Promise.resolve(known) : readMaskBox(blob, size, box);
    keptMaskBoxes.put(key, reading);
  }
  return reading;
}

/** The mask at content size for a crop sent much smaller than it is: the box's pixels scaled by the canvas onto black. */
function canvasScaled(m: BoxMask, crop: Rect, c: Size): MaskImage {
  const canvas = new OffscreenCanvas(c.width, c.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, c.width, c.height);
  if (m.box && m.pixels) {
    const piece = new OffscreenCanvas(m.box.width, m.box.height);
    const rgba = maskToRgba(m.pixels);
    piece.getContext('2d')!.putImageData(new ImageData(rgba.data, rgba.width, rgba.height), 0, 0);
    const sx = c.width / crop.width;
    const sy = c.height / crop.height;
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(piece, (m.box.x - crop.x) * sx, (m.box.y - crop.y) * sy, m.box.width * sx, m.box.height * sy);
  }
  return maskFromRgba({ width: c.width, height: c.height, data: ctx.getImageData(0, 0, c.width, c.height).data }, 'luminance');
}

/**
 * The mask read through its painted box (see PrepareRequest.maskBox, mask-box.ts): its exact
 * bounds, and the mask as sent for a region: the crop's values resampled, or, for a crop much
 * larger than it is sent (Whole picture), the canvas's own scale-down of the box (no full-size
 * read, no JavaScript resize).
 */
function boxReader(m: BoxMask) {
  const hard = boxMaskIsHard(m);
  const sent = (region: InpaintRegion): MaskImage => {
    const { crop } = region;
    const c = regionContent(region);
    if (crop.width * crop.height <= CANVAS_SCALE_FROM * c.width * c.height) return sendMask(boxMaskOver(m, crop), c.width, c.height);
    const scaled = canvasScaled(m, crop, c);
    return hard ? binarizeMask(scaled) : scaled;
  };
  return { bounds: boxMaskBounds(m), sent, read: (rect: Rect) => boxMaskOver(m, rect) };
}

/** Sizes as `W×H`. */
const dims = (s: { width: number; height: number }) => `${s.width}×${s.height}`;

/** The mask window a stitch of this region will need (worker-memo.ts), from a reader of the mask's pixels. */
function windowOf(bounds: Rect | null, region: InpaintRegion, maskBlur: number, read: (rect: Rect) => MaskImage): MaskWindow {
  const rect = bounds && maskWindowRect(bounds, region.crop, maskBlur);
  return rect ? { rect, mask: read(rect) } : { rect: null };
}

export async function prepare(request: PrepareRequest, progress: (text: string) => void = () => {}): Promise<PrepareResponse> {
  const key = await keyOf(request.image, request.keys?.image);
  const maskKey = request.mask ? await keyOf(request.mask, request.keys?.mask) : undefined;
  const keys: BlobKeys = { image: key, mask: maskKey };
  progress(keptPictures.get(key) ? 'reading the picture' : 'decoding the picture');
  // The picture decoded when it was chosen (the probe), or decoded now; kept for the stitch.
  const bitmap = await pictureOf(request.image, key);
  const size = { width: bitmap.width, height: bitmap.height };
  const whole = !request.mask || request.area === 'whole';
  const wholeSend = whole ? wholePictureSendSize(size, request.rule, request.target) : undefined;
  if (wholeSend && wholeSend.width === size.width && wholeSend.height === size.height && sendableAsIs(request.image.type, await head(request.image))) {
    return { op: 'prepare', unchanged: true, ...size, keys };
  }
  const options = { padding: request.padding, maskBlur: request.maskBlur };
  let mask: MaskImage | undefined;
  let sentMaskOf: ((region: InpaintRegion) => MaskImage) | undefined;
  let region: InpaintRegion | null = null;
  if (request.mask) progress('reading the mask');
  const boxed = request.mask && request.maskBox !== undefined ? await maskBoxOf(request.mask, maskKey!, size, request.maskBox) : undefined;
  const hinted = boxed && boxReader(boxed);
  if (hinted) {
    if (request.area === 'masked' && hinted.bounds) region = onlyMaskedRegion(size, hinted.bounds, request.rule, options);
    sentMaskOf = hinted.sent;
  } else if (request.mask) {
    mask = await decodeMask(request.mask, size.width, size.height);
    if (request.area === 'masked') region = regionForMask(mask, request.rule, options);
  }
  region ??= wholePictureRegion(size, request.rule, request.target);
  const { crop, send } = region;
  const what = crop.width === size.width && crop.height === size.height ? `scale ${dims(size)}` : `crop ${dims(crop)}`;
  progress(`${what} → ${dims(send)}, encoding`);
  const canvas = drawSent(bitmap, region);
  const opaque = request.image.type === 'image/jpeg' || isOpaque(canvas);
  const type = initImageType(opaque);
  const image = await canvas.convertToBlob(type === 'image/jpeg' ? { type, quality: JPEG_QUALITY } : { type });
  let sentMask: Blob | undefined;
  const c = regionContent(region);
  if (sentMaskOf) sentMask = await encodeMask(padMask(sentMaskOf(region), send.width, send.height, c));
  else if (mask) sentMask = await encodeMask(padMask(sendMask(cropMask(mask, crop), c.width, c.height), send.width, send.height, c));
  // What this job's stitch needs of the mask, read now: the values this prepare read (and sent), so
  // the stitch blends through the same mask. Whatever the PNG's colour type (a canvas encodes
  // RGBA even for an opaque black-and-white mask, so a check of the header kept nothing).
  if (request.mask && (hinted || mask)) {
    const win = hinted ? windowOf(hinted.bounds, region, request.maskBlur, hinted.read) : windowOf(maskBounds(mask!, 0, crop), region, request.maskBlur, (r) => cropMask(mask!, r));
    keptWindows.put(windowKey(maskKey!, crop, request.maskBlur), win);
  }
  return { op: 'prepare', unchanged: false, image, mask: sentMask, region, ...size, keys };
}
