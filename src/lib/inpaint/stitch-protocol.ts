/**
 * The messages between the main thread and the stitch Worker, and the pure handler the Worker
 * runs (so Node tests can run it too). Every buffer travels by transfer: the caller gives up
 * `original` and `mask` for the duration of a request and gets them back in the response.
 */
import type { InpaintRegion } from './region';
import { resizeRgba, resizeRgbaWindow } from './resample';
import { regionContent } from './region';
import { compositeInto, cropAlpha, cropMask, cropRgba, padMask, padRgba, planStitch, resultContent, sendMask } from './stitch';
import type { MaskImage, Rect, RgbaImage } from './types';

export type StitchRequest =
  /** The crop of the original and the mask, scaled to region.content and padded to region.send (the mask binarised): what is sent. */
  | { op: 'crop'; original: RgbaImage; mask: MaskImage; region: InpaintRegion }
  /** The provider's result scaled back to region.crop and composited into a copy of the original through the blurred mask. */
  | {
      op: 'stitch';
      original: RgbaImage;
      mask: MaskImage;
      region: InpaintRegion;
      result: RgbaImage;
      maskBlur: number;
      /** Composite into `original` itself (the response's image and original are then the same buffer). */
      inPlace?: boolean;
    };

/** Milliseconds spent in each step inside the Worker (blur: finding the blend window and blurring it). */
export interface StitchTimings {
  crop: number;
  scale: number;
  blur: number;
  copy: number;
  composite: number;
  total: number;
  /** Which scaler ran: the browser's OffscreenCanvas or the pure resampler. */
  scaler: 'canvas' | 'pure';
}

export type CropResponse = { op: 'crop'; image: RgbaImage; mask: MaskImage; original: RgbaImage; originalMask: MaskImage; timings: StitchTimings };
export type StitchResponse = { op: 'stitch'; image: RgbaImage; alpha: MaskImage; original: RgbaImage; originalMask: MaskImage; timings: StitchTimings };

export type ResponseFor<R extends StitchRequest> = R extends { op: 'crop' } ? CropResponse : StitchResponse;

/** `scaler: 'pure'` forces the pure resampler; 'auto' (default) uses an OffscreenCanvas when there is one. */
export type WorkerRequestMessage = { id: number; request: StitchRequest; scaler?: 'auto' | 'pure' };
/** A failure hands the caller's buffers back too. */
export type WorkerResponseMessage =
  | { id: number; response: CropResponse | StitchResponse }
  | { id: number; error: string; original: RgbaImage; originalMask: MaskImage };

/**
 * Scales an RGBA image to width×height, or only the part `window` of that output when given;
 * may be asynchronous (OffscreenCanvas).
 */
export type RgbaScaler = {
  name: 'canvas' | 'pure';
  scale: (img: RgbaImage, width: number, height: number, window?: Rect) => RgbaImage | Promise<RgbaImage>;
};

export const pureScaler: RgbaScaler = {
  name: 'pure',
  scale: (img, width, height, window) => (window ? resizeRgbaWindow(img, width, height, window) : resizeRgba(img, width, height)),
};

/** The ArrayBuffers of every image in a message, once each: the transfer list. */
export function transferablesOf(message: object): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const value of Object.values(message)) {
    if (value && typeof value === 'object' && 'data' in value && value.data instanceof Uint8ClampedArray) {
      seen.add(value.data.buffer as ArrayBuffer);
    }
  }
  return [...seen];
}

/** Runs one request: the Worker's whole job, pure apart from the scaler it is given. */
export async function handleStitchRequest(request: StitchRequest, scaler: RgbaScaler = pureScaler): Promise<CropResponse | StitchResponse> {
  const t0 = performance.now();
  const { original, mask, region } = request;
  const { crop, send } = region;
  if (mask.width !== original.width || mask.height !== original.height) throw new RangeError(`${request.op}: mask and image sizes differ`);
  const timings: StitchTimings = { crop: 0, scale: 0, blur: 0, copy: 0, composite: 0, total: 0, scaler: scaler.name };
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const d = now - t;
    t = now;
    return d;
  };
  if (request.op === 'crop') {
    const imageCrop = cropRgba(original, crop);
    const maskCrop = cropMask(mask, crop);
    timings.crop = lap();
    const c = regionContent(region);
    const image = padRgba(await scaler.scale(imageCrop, c.width, c.height), send.width, send.height, c);
    const sentMask = padMask(sendMask(maskCrop, c.width, c.height), send.width, send.height, c);
    timings.scale = lap();
    timings.total = performance.now() - t0;
    return { op: 'crop', image, mask: sentMask, original, originalMask: mask, timings };
  }
  const { result } = request;
  const plan = planStitch(mask, region, request.maskBlur);
  timings.blur = lap();
  const image: RgbaImage = request.inPlace ? original : { width: original.width, height: original.height, data: new Uint8ClampedArray(original.data) };
  timings.copy = lap();
  if (plan.window && plan.windowAlpha) {
    const patch = await scaler.scale(resultContent(result, region), crop.width, crop.height, plan.window);
    timings.scale = lap();
    compositeInto(image, patch, plan.windowAlpha, crop.x + plan.window.x, crop.y + plan.window.y);
    timings.composite = lap();
  }
  const alpha = cropAlpha(region, plan);
  timings.total = performance.now() - t0;
  return { op: 'stitch', image, alpha, original, originalMask: mask, timings };
}
