/**
 * "Inpaint area": which part of the full-resolution original is sent, and at what size.
 * "Only masked" takes the mask's bounding box, grows it by the padding, expands it to the
 * aspect of the largest size the endpoint allows, keeps it inside the picture (shifting before
 * shrinking) and rounds it to multiples of 8. "Whole picture" sends everything. Either way the
 * crop is scaled with its aspect kept: where no allowed size has its aspect, it is padded to the
 * send size and the padding is cut off the answer (`content`). Nothing is stretched.
 */
import { blurReach } from './mask-blur';
import { wholePictureSendSize } from './match-size';
import { chooseSendSize } from './size-rules';
import type { SizeRule } from './size-rules';
import type { MaskImage, Rect, Size } from './types';
import { assertBuffer } from './types';

export const DEFAULT_PADDING = 32;
export const DEFAULT_MASK_BLUR = 4;
const ALIGN = 8;

export interface InpaintRegion {
  /** The part of the original to send, in original pixels. */
  crop: Rect;
  /** The size the crop is scaled to before it is sent. */
  send: Size;
  /** The mask's bounding box (pixels above 0), in original pixels; the whole picture for "Whole picture". */
  bounds: Rect;
  /**
   * Where the crop lies in the sent picture (send-size pixels): scaled with its aspect kept and
   * centred, the rest padding that is cut off the answer again. Absent (records made before it
   * existed): the whole send size.
   */
  content?: Rect;
}

/**
 * Where a crop of size `crop` lies in a picture of size `send` when it is scaled with its aspect
 * kept: as large as fits, centred. Equal to the whole send size when the aspects agree to the pixel.
 */
export function contentRect(crop: Size, send: Size): Rect {
  const s = Math.min(send.width / crop.width, send.height / crop.height);
  const width = Math.min(send.width, Math.max(1, Math.round(crop.width * s)));
  const height = Math.min(send.height, Math.max(1, Math.round(crop.height * s)));
  return { x: Math.floor((send.width - width) / 2), y: Math.floor((send.height - height) / 2), width, height };
}

/** The region's content rectangle (see InpaintRegion.content). */
export function regionContent(region: Pick<InpaintRegion, 'send' | 'content'>): Rect {
  return region.content ?? { x: 0, y: 0, width: region.send.width, height: region.send.height };
}

/** Whether the sent picture has padding around the crop. */
export function isPadded(region: Pick<InpaintRegion, 'send' | 'content'>): boolean {
  const c = regionContent(region);
  return c.width !== region.send.width || c.height !== region.send.height;
}

/**
 * The bounding box of the pixels above `threshold`, or null when there are none; within `area`
 * only (default the whole mask), the box then in the mask's coordinates.
 */
export function maskBounds(mask: MaskImage, threshold = 0, area?: Rect): Rect | null {
  assertBuffer(mask, 1, 'maskBounds');
  const { width, data } = mask;
  const ax = area?.x ?? 0;
  const ay = area?.y ?? 0;
  const ax1 = area ? area.x + area.width : width;
  const ay1 = area ? area.y + area.height : mask.height;
  let x0 = ax1;
  let x1 = ax - 1;
  let y0 = -1;
  let y1 = -1;
  for (let y = ay; y < ay1; y++) {
    const row = y * width;
    let first = -1;
    for (let x = ax; x < ax1; x++) {
      if (data[row + x]! > threshold) {
        first = x;
        break;
      }
    }
    if (first < 0) continue;
    if (y0 < 0) y0 = y;
    y1 = y;
    if (first < x0) x0 = first;
    for (let x = ax1 - 1; x > x1; x--) {
      if (data[row + x]! > threshold) {
        x1 = x;
        break;
      }
    }
  }
  if (y0 < 0) return null;
  return { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** Places [start, start + length) inside [0, limit): shifts it in, and takes the whole axis when it is longer. */
function fitAxis(start: number, length: number, limit: number): [number, number] {
  if (length >= limit) return [0, limit];
  const s = Math.min(Math.max(0, start), limit - length);
  return [s, length];
}

/** Grows `length` to `target` around its centre, rounded up to a multiple of 8, kept inside [0, limit). */
function expandAxis(start: number, length: number, target: number, limit: number): [number, number] {
  const want = Math.max(length, Math.ceil(target / ALIGN) * ALIGN, Math.ceil(length / ALIGN) * ALIGN);
  const s = Math.round(start - (want - length) / 2);
  return fitAxis(s, want, limit);
}

export interface RegionOptions {
  /** "Only masked padding" in pixels (default 32). */
  padding?: number;
  /** "Mask blur" in pixels (default 4): the crop also covers the blur's reach, so the blend stays inside it. */
  maskBlur?: number;
}

/**
 * The "Only masked" region of a picture `image` pixels large for a mask whose bounding box is
 * `bounds` (see maskBounds), sent under `rule`. The crop always contains the bounding box grown by
 * max(padding, blurReach(maskBlur)) as far as the picture allows.
 */
export function onlyMaskedRegion(image: Size, bounds: Rect, rule: SizeRule, options: RegionOptions = {}): InpaintRegion {
  const grow = Math.max(0, Math.round(options.padding ?? DEFAULT_PADDING), blurReach(options.maskBlur ?? DEFAULT_MASK_BLUR));
  const W = image.width;
  const H = image.height;
  if (W < 1 || H < 1) throw new RangeError('onlyMaskedRegion: empty picture');
  // Grow, then clamp to the picture.
  const gx0 = Math.max(0, bounds.x - grow);
  const gy0 = Math.max(0, bounds.y - grow);
  const gx1 = Math.min(W, bounds.x + bounds.width + grow);
  const gy1 = Math.min(H, bounds.y + bounds.height + grow);
  let [x, w] = [gx0, Math.max(1, gx1 - gx0)];
  let [y, h] = [gy0, Math.max(1, gy1 - gy0)];
  let send = chooseSendSize(w / h, rule);
  // Expanding one axis may hit the picture's edge; a new send size for what fits then may let the other axis grow.
  for (let pass = 0; pass < 4; pass++) {
    const aspect = send.width / send.height;
    [x, w] = expandAxis(x, w, h * aspect, W);
    [y, h] = expandAxis(y, h, w / aspect, H);
    const next = chooseSendSize(w / h, rule);
    if (next.width === send.width && next.height === send.height) break;
    send = next;
  }
  const crop = { x, y, width: w, height: h };
  return { crop, send, bounds: { ...bounds }, content: contentRect(crop, send) };
}

/** "Whole picture": the whole original, at the size wholePictureSendSize gives (`target`: the form's width×height). */
export function wholePictureRegion(image: Size, rule: SizeRule, target?: Size): InpaintRegion {
  const all = { x: 0, y: 0, width: image.width, height: image.height };
  const send = wholePictureSendSize(image, rule, target);
  return { crop: all, send, bounds: { ...all }, content: contentRect(all, send) };
}

/** The region for a mask: "Only masked" around its bounding box, or null when the mask is empty. */
export function regionForMask(mask: MaskImage, rule: SizeRule, options: RegionOptions = {}): InpaintRegion | null {
  const bounds = maskBounds(mask);
  return bounds ? onlyMaskedRegion(mask, bounds, rule, options) : null;
}
