/**
 * The Worker's "prepare" step: what is sent for the workspace's picture, from the user's own
 * file. The picture is decoded once (createImageBitmap: EXIF orientation applied) and drawn
 * straight from the bitmap onto the send-size canvas (crop, scale and padding in one draw; no
 * full-size pixel copy); the init image is encoded as JPEG when it is opaque, the mask as PNG.
 * A picture of a size the endpoint takes, with "Whole picture", goes as its own bytes when a
 * provider can read them as they are (sendableAsIs).
 */
import { maskFromRgba, maskToRgba } from './mask-shapes';
import { regionForMask, wholePictureRegion, regionContent } from './region';
import type { InpaintRegion } from './region';
import { resizeMask } from './resample';
import { wholePictureSendSize } from './match-size';
import type { SizeRule } from './size-rules';
import { initImageType, JPEG_QUALITY, sendableAsIs } from './send-format';
import { cropMask, padMask, sendMask } from './stitch';
import type { MaskImage, RgbaImage, Size } from './types';

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
}

export type PrepareResponse =
  | { op: 'prepare'; unchanged: true; width: number; height: number }
  | { op: 'prepare'; unchanged: false; image: Blob; mask?: Blob; region: InpaintRegion; width: number; height: number };

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

/** Sizes as `W×H`. */
const dims = (s: { width: number; height: number }) => `${s.width}×${s.height}`;

export async function prepare(request: PrepareRequest, progress: (text: string) => void = () => {}): Promise<PrepareResponse> {
  progress('decoding the picture');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(request.image);
  } catch {
    throw new Error('The init image could not be decoded.');
  }
  try {
    const size = { width: bitmap.width, height: bitmap.height };
    const whole = !request.mask || request.area === 'whole';
    const wholeSend = wholePictureSendSize(size, request.rule, request.target);
    if (whole && wholeSend.width === size.width && wholeSend.height === size.height && sendableAsIs(request.image.type, await head(request.image))) {
      return { op: 'prepare', unchanged: true, ...size };
    }
    let mask: MaskImage | undefined;
    if (request.mask) {
      progress('reading the mask');
      mask = await decodeMask(request.mask, size.width, size.height);
    }
    const options = { padding: request.padding, maskBlur: request.maskBlur };
    const region = (request.area === 'masked' && mask && regionForMask(mask, request.rule, options)) || wholePictureRegion(size, request.rule, request.target);
    const { crop, send } = region;
    const what = crop.width === size.width && crop.height === size.height ? `scale ${dims(size)}` : `crop ${dims(crop)}`;
    progress(`${what} → ${dims(send)}, encoding`);
    const canvas = drawSent(bitmap, region);
    const opaque = request.image.type === 'image/jpeg' || isOpaque(canvas);
    const type = initImageType(opaque);
    const image = await canvas.convertToBlob(type === 'image/jpeg' ? { type, quality: JPEG_QUALITY } : { type });
    let sentMask: Blob | undefined;
    if (mask) {
      const c = regionContent(region);
      sentMask = await encodeMask(padMask(sendMask(cropMask(mask, crop), c.width, c.height), send.width, send.height, c));
    }
    return { op: 'prepare', unchanged: false, image, mask: sentMask, region, ...size };
  } finally {
    bitmap.close();
  }
}
