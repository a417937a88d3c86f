/**
 * Crop and stitch: cut the region out of the full-resolution original (and its mask), scale it
 * to the send size; later scale the provider's result back to the crop and composite it into
 * a copy of the original through the blurred mask (alpha = blurred mask / 255). Where the
 * blurred mask is 0 the original's bytes are kept untouched; where it is 255 the result's
 * bytes are copied.
 */
import { blurMask, blurReach } from './mask-blur';
import { binarizeMask, isHardMask } from './mask-shapes';
import { maskBounds, regionContent } from './region';
import type { InpaintRegion } from './region';
import { resizeMask, resizeRgba, resizeRgbaWindow } from './resample';
import type { MaskImage, Rect, RgbaImage } from './types';
import { assertBuffer, createMask, createRgba } from './types';

function checkRect(rect: Rect, width: number, height: number, what: string): void {
  const ok =
    Number.isInteger(rect.x) && Number.isInteger(rect.y) && Number.isInteger(rect.width) && Number.isInteger(rect.height) &&
    rect.x >= 0 && rect.y >= 0 && rect.width >= 1 && rect.height >= 1 &&
    rect.x + rect.width <= width && rect.y + rect.height <= height;
  if (!ok) throw new RangeError(`${what}: rect ${JSON.stringify(rect)} is not inside ${width}×${height}`);
}

function cropChannels(data: Uint8ClampedArray, width: number, c: number, rect: Rect): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(rect.width * rect.height * c);
  const rowLen = rect.width * c;
  for (let y = 0; y < rect.height; y++) {
    const from = ((rect.y + y) * width + rect.x) * c;
    out.set(data.subarray(from, from + rowLen), y * rowLen);
  }
  return out;
}

export function cropRgba(img: RgbaImage, rect: Rect): RgbaImage {
  assertBuffer(img, 4, 'cropRgba');
  checkRect(rect, img.width, img.height, 'cropRgba');
  return { width: rect.width, height: rect.height, data: cropChannels(img.data, img.width, 4, rect) };
}

export function cropMask(mask: MaskImage, rect: Rect): MaskImage {
  assertBuffer(mask, 1, 'cropMask');
  checkRect(rect, mask.width, mask.height, 'cropMask');
  return { width: rect.width, height: rect.height, data: cropChannels(mask.data, mask.width, 1, rect) };
}

/**
 * Composites `patch` into `target` (in place) with its top-left at (x, y), weighted per pixel by
 * `alpha` (same size as the patch; 0 keeps the target, 255 takes the patch, between blends
 * every channel, alpha included, rounded to nearest).
 */
export function compositeInto(target: RgbaImage, patch: RgbaImage, alpha: MaskImage, x: number, y: number): RgbaImage {
  assertBuffer(target, 4, 'compositeInto target');
  assertBuffer(patch, 4, 'compositeInto patch');
  assertBuffer(alpha, 1, 'compositeInto alpha');
  if (alpha.width !== patch.width || alpha.height !== patch.height) throw new RangeError('compositeInto: alpha and patch sizes differ');
  checkRect({ x, y, width: patch.width, height: patch.height }, target.width, target.height, 'compositeInto');
  const t = target.data;
  const p = patch.data;
  const m = alpha.data;
  for (let row = 0; row < patch.height; row++) {
    const trow = ((y + row) * target.width + x) * 4;
    const prow = row * patch.width;
    for (let col = 0; col < patch.width; col++) {
      const a = m[prow + col]!;
      if (a === 0) continue;
      const ti = trow + col * 4;
      const pi = (prow + col) * 4;
      if (a === 255) {
        t[ti] = p[pi]!;
        t[ti + 1] = p[pi + 1]!;
        t[ti + 2] = p[pi + 2]!;
        t[ti + 3] = p[pi + 3]!;
        continue;
      }
      const b = 255 - a;
      t[ti] = (t[ti]! * b + p[pi]! * a) / 255;
      t[ti + 1] = (t[ti + 1]! * b + p[pi + 1]! * a) / 255;
      t[ti + 2] = (t[ti + 2]! * b + p[pi + 2]! * a) / 255;
      t[ti + 3] = (t[ti + 3]! * b + p[pi + 3]! * a) / 255;
    }
  }
  return target;
}

export interface PreparedCrop {
  /** The crop of the original, scaled to the send size. */
  image: RgbaImage;
  /** The crop of the mask, scaled to the send size: binarised (0 / 255) when it was hard, grey levels kept when it was feathered. */
  mask: MaskImage;
}

/**
 * The crop of the mask at the send size: a hard mask stays hard (scaling makes grey edges,
 * which are binarised away); a soft, feathered one keeps its grey levels (the providers take
 * grey-level masks as partial repaints).
 */
export function sendMask(maskCrop: MaskImage, width: number, height: number): MaskImage {
  const scaled = resizeMask(maskCrop, width, height);
  return isHardMask(maskCrop) ? binarizeMask(scaled) : scaled;
}

/**
 * `img` on a width×height picture with its top-left at `at`; the padding repeats the nearest
 * edge pixel (so a model sees a plausible continuation, not a hard border).
 */
export function padRgba(img: RgbaImage, width: number, height: number, at: { x: number; y: number }): RgbaImage {
  assertBuffer(img, 4, 'padRgba');
  checkRect({ ...at, width: img.width, height: img.height }, width, height, 'padRgba');
  if (img.width === width && img.height === height) return img;
  const out = createRgba(width, height);
  const s = new Uint32Array(img.data.buffer, img.data.byteOffset, img.width * img.height);
  const d = new Uint32Array(out.data.buffer);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(img.height - 1, Math.max(0, y - at.y)) * img.width;
    const row = y * width;
    const left = s[sy]!;
    const right = s[sy + img.width - 1]!;
    d.fill(left, row, row + at.x);
    d.set(s.subarray(sy, sy + img.width), row + at.x);
    d.fill(right, row + at.x + img.width, row + width);
  }
  return out;
}

/** `mask` on a width×height mask with its top-left at `at`; the padding is 0 (keep). */
export function padMask(mask: MaskImage, width: number, height: number, at: { x: number; y: number }): MaskImage {
  assertBuffer(mask, 1, 'padMask');
  checkRect({ ...at, width: mask.width, height: mask.height }, width, height, 'padMask');
  if (mask.width === width && mask.height === height) return mask;
  const out = createMask(width, height);
  for (let y = 0; y < mask.height; y++) out.data.set(mask.data.subarray(y * mask.width, (y + 1) * mask.width), (at.y + y) * width + at.x);
  return out;
}

/**
 * The part of the provider's answer that shows the crop: the region's content rectangle, scaled
 * to the answer's size (a provider may answer at another size than was sent); the answer itself
 * when nothing was padded.
 */
export function resultContent(result: RgbaImage, region: Pick<InpaintRegion, 'send' | 'content'>): RgbaImage {
  const c = regionContent(region);
  const { send } = region;
  if (c.width === send.width && c.height === send.height) return result;
  const fx = result.width / send.width;
  const fy = result.height / send.height;
  const x = Math.min(result.width - 1, Math.round(c.x * fx));
  const y = Math.min(result.height - 1, Math.round(c.y * fy));
  const width = Math.max(1, Math.min(result.width - x, Math.round(c.width * fx)));
  const height = Math.max(1, Math.min(result.height - y, Math.round(c.height * fy)));
  return cropRgba(result, { x, y, width, height });
}

/** What is sent for a region: the crop of the original and of the mask, scaled with the aspect kept and padded to the send size. */
export function prepareCrop(original: RgbaImage, mask: MaskImage, region: InpaintRegion): PreparedCrop {
  if (mask.width !== original.width || mask.height !== original.height) throw new RangeError('prepareCrop: mask and image sizes differ');
  const { crop, send } = region;
  const c = regionContent(region);
  return {
    image: padRgba(resizeRgba(cropRgba(original, crop), c.width, c.height), send.width, send.height, c),
    mask: padMask(sendMask(cropMask(mask, crop), c.width, c.height), send.width, send.height, c),
  };
}

export interface StitchOptions {
  /** "Mask blur" (Gaussian standard deviation) in pixels of the original. */
  maskBlur: number;
  /** Composite into `original` itself instead of a copy (saves a full-size copy and its time). */
  inPlace?: boolean;
}

export interface StitchOutput {
  /** The full-size picture: the original with the result composited in. */
  image: RgbaImage;
  /** The blurred mask over the crop: the alpha the result was composited with. */
  alpha: MaskImage;
}

export interface StitchPlan {
  /** Where, in crop coordinates, the blurred mask can be above 0; null when the mask is empty there. */
  window: Rect | null;
  /** The blurred mask over the window. */
  windowAlpha: MaskImage | null;
}

/**
 * The blend's extent and alpha: the mask's bounds within the crop grown by the blur's reach,
 * and the crop of the mask blurred over that window only (edges extended). Outside the window
 * the blurred mask is 0, so nothing else needs scaling, blurring or compositing; inside, this
 * equals blurring the whole crop.
 */
export function planStitch(mask: MaskImage, region: InpaintRegion, maskBlur: number): StitchPlan {
  const { crop } = region;
  checkRect(crop, mask.width, mask.height, 'planStitch');
  const b = maskBounds(mask, 0, crop);
  if (!b) return { window: null, windowAlpha: null };
  const reach = blurReach(maskBlur);
  const x0 = Math.max(crop.x, b.x - reach);
  const y0 = Math.max(crop.y, b.y - reach);
  const x1 = Math.min(crop.x + crop.width, b.x + b.width + reach);
  const y1 = Math.min(crop.y + crop.height, b.y + b.height + reach);
  const inMask = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  const window = { x: x0 - crop.x, y: y0 - crop.y, width: inMask.width, height: inMask.height };
  return { window, windowAlpha: blurMask(cropMask(mask, inMask), maskBlur) };
}

/** The crop-size alpha: the window's alpha in place, 0 elsewhere. */
export function cropAlpha(region: InpaintRegion, plan: StitchPlan): MaskImage {
  const alpha = createMask(region.crop.width, region.crop.height);
  const { window: w, windowAlpha: a } = plan;
  if (w && a) for (let y = 0; y < w.height; y++) alpha.data.set(a.data.subarray(y * w.width, (y + 1) * w.width), (w.y + y) * alpha.width + w.x);
  return alpha;
}

/**
 * Scales the provider's `result` (any size) back to the region's crop and composites it into
 * (a copy of) `original` through `mask` blurred by `maskBlur`. Only the window where the
 * blurred mask is above 0 is scaled, blurred and composited (see planStitch); with the region
 * from onlyMaskedRegion(…, { maskBlur }) the blur's reach lies inside the crop, so the result
 * equals blurring the whole mask.
 */
export function stitchResult(original: RgbaImage, mask: MaskImage, region: InpaintRegion, result: RgbaImage, options: StitchOptions): StitchOutput {
  if (mask.width !== original.width || mask.height !== original.height) throw new RangeError('stitchResult: mask and image sizes differ');
  const { crop } = region;
  const plan = planStitch(mask, region, options.maskBlur);
  const image = options.inPlace ? original : { width: original.width, height: original.height, data: new Uint8ClampedArray(original.data) };
  if (plan.window && plan.windowAlpha) {
    const patch = resizeRgbaWindow(resultContent(result, region), crop.width, crop.height, plan.window);
    compositeInto(image, patch, plan.windowAlpha, crop.x + plan.window.x, crop.y + plan.window.y);
  }
  return { image, alpha: cropAlpha(region, plan) };
}

/**
 * `planStitch` from the mask's pixels over `rect` alone (picture coordinates, inside the crop),
 * when every mask pixel of the crop lies in it (a MaskWindow): the same window and alpha, without
 * the crop-size mask.
 */
export function planStitchInWindow(windowMask: MaskImage, rect: Rect, crop: Rect, maskBlur: number): StitchPlan {
  checkRect({ x: rect.x - crop.x, y: rect.y - crop.y, width: rect.width, height: rect.height }, crop.width, crop.height, 'planStitchInWindow');
  const b = maskBounds(windowMask);
  if (!b) return { window: null, windowAlpha: null };
  const reach = blurReach(maskBlur);
  const x0 = Math.max(crop.x, rect.x + b.x - reach);
  const y0 = Math.max(crop.y, rect.y + b.y - reach);
  const x1 = Math.min(crop.x + crop.width, rect.x + b.x + b.width + reach);
  const y1 = Math.min(crop.y + crop.height, rect.y + b.y + b.height + reach);
  if (x0 < rect.x || y0 < rect.y || x1 > rect.x + rect.width || y1 > rect.y + rect.height) throw new RangeError('planStitchInWindow: the window does not hold the blur’s reach');
  const inWindow = { x: x0 - rect.x, y: y0 - rect.y, width: x1 - x0, height: y1 - y0 };
  const window = { x: x0 - crop.x, y: y0 - crop.y, width: x1 - x0, height: y1 - y0 };
  return { window, windowAlpha: blurMask(cropMask(windowMask, inWindow), maskBlur) };
}

/** The rect a MaskWindow must cover for a mask with these bounds: grown by the blur's reach, within the crop. */
export function maskWindowRect(bounds: Rect, crop: Rect, maskBlur: number): Rect | null {
  const reach = blurReach(maskBlur);
  const x0 = Math.max(crop.x, bounds.x - reach);
  const y0 = Math.max(crop.y, bounds.y - reach);
  const x1 = Math.min(crop.x + crop.width, bounds.x + bounds.width + reach);
  const y1 = Math.min(crop.y + crop.height, bounds.y + bounds.height + reach);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}
