/**
 * Mask drawing and conversion: rectangle and polygon (lasso) fills, binarisation, and the
 * conversions between a one-byte mask and RGBA (for "Load mask from file" and for sending).
 * Shapes are in image pixels; a pixel is covered when its centre (x + 0.5, y + 0.5) is inside.
 */
import type { MaskImage, Rect, RgbaImage } from './types';
import { assertBuffer } from './types';

export type FillRule = 'evenodd' | 'nonzero';

export interface Point {
  x: number;
  y: number;
}

/** Sets every pixel of `rect` (clipped to the mask) to `value` (default 255), in place. */
export function fillRect(mask: MaskImage, rect: Rect, value = 255): MaskImage {
  assertBuffer(mask, 1, 'fillRect');
  const x0 = Math.max(0, Math.round(Math.min(rect.x, rect.x + rect.width)));
  const x1 = Math.min(mask.width, Math.round(Math.max(rect.x, rect.x + rect.width)));
  const y0 = Math.max(0, Math.round(Math.min(rect.y, rect.y + rect.height)));
  const y1 = Math.min(mask.height, Math.round(Math.max(rect.y, rect.y + rect.height)));
  for (let y = y0; y < y1; y++) mask.data.fill(value, y * mask.width + x0, y * mask.width + x1);
  return mask;
}

/**
 * Fills a closed polygon (the last point joins the first) by scanlines through pixel centres,
 * with the even-odd or nonzero rule, in place. Fewer than three points fill nothing.
 */
export function fillPolygon(mask: MaskImage, points: readonly Point[], rule: FillRule = 'nonzero', value = 255): MaskImage {
  assertBuffer(mask, 1, 'fillPolygon');
  if (points.length < 3) return mask;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const yStart = Math.max(0, Math.ceil(minY - 0.5));
  const yEnd = Math.min(mask.height - 1, Math.floor(maxY - 0.5));
  const crossings: { x: number; dir: number }[] = [];
  for (let y = yStart; y <= yEnd; y++) {
    const cy = y + 0.5;
    crossings.length = 0;
    for (let i = 0; i < points.length; i++) {
      const a = points[i]!;
      const b = points[(i + 1) % points.length]!;
      if (a.y === b.y) continue;
      // Half-open in y, so a vertex shared by two edges counts once.
      const up = a.y < b.y;
      const lo = up ? a : b;
      const hi = up ? b : a;
      if (cy < lo.y || cy >= hi.y) continue;
      crossings.push({ x: lo.x + ((cy - lo.y) * (hi.x - lo.x)) / (hi.y - lo.y), dir: up ? 1 : -1 });
    }
    crossings.sort((p, q) => p.x - q.x);
    let winding = 0;
    for (let i = 0; i < crossings.length - 1; i++) {
      const c = crossings[i]!;
      winding = rule === 'evenodd' ? winding ^ 1 : winding + c.dir;
      if (winding === 0) continue;
      // Pixels whose centre lies in [c.x, next.x).
      const x0 = Math.max(0, Math.ceil(c.x - 0.5));
      const x1 = Math.min(mask.width, Math.ceil(crossings[i + 1]!.x - 0.5));
      if (x1 > x0) mask.data.fill(value, y * mask.width + x0, y * mask.width + x1);
    }
  }
  return mask;
}

/** A new mask: 255 where `mask` is at least `threshold` (default 128), 0 elsewhere. */
export function binarizeMask(mask: MaskImage, threshold = 128): MaskImage {
  assertBuffer(mask, 1, 'binarizeMask');
  const out = new Uint8ClampedArray(mask.data.length);
  for (let i = 0; i < out.length; i++) out[i] = mask.data[i]! >= threshold ? 255 : 0;
  return { width: mask.width, height: mask.height, data: out };
}

/** Whether every value is 0 or 255 (a hard mask; a feathered one has grey values). */
export function isHardMask(mask: MaskImage): boolean {
  const d = mask.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (v !== 0 && v !== 255) return false;
  }
  return true;
}

/** Inverts in place (255 − value). */
export function invertMask(mask: MaskImage): MaskImage {
  for (let i = 0; i < mask.data.length; i++) mask.data[i] = 255 - mask.data[i]!;
  return mask;
}

export type MaskSource = 'alpha' | 'luminance' | 'auto';

/**
 * A one-byte mask read from an RGBA image ("Load mask from file"): its alpha, or its luminance
 * times alpha (Rec. 601), or `auto`: alpha when any pixel is not opaque, else luminance.
 * Not binarised; resize with resizeMask to the init image, then binarizeMask.
 */
export function maskFromRgba(img: RgbaImage, source: MaskSource = 'auto'): MaskImage {
  assertBuffer(img, 4, 'maskFromRgba');
  const { data } = img;
  let use = source;
  if (use === 'auto') {
    use = 'luminance';
    for (let i = 3; i < data.length; i += 4) {
      if (data[i]! < 255) {
        use = 'alpha';
        break;
      }
    }
  }
  const out = new Uint8ClampedArray(img.width * img.height);
  for (let p = 0, i = 0; p < out.length; p++, i += 4) {
    out[p] = use === 'alpha' ? data[i + 3]! : ((0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!) * data[i + 3]!) / 255;
  }
  return { width: img.width, height: img.height, data: out };
}

/**
 * The mask as white pixels with the mask value as alpha (a feathered, grey pixel is a partly
 * transparent white one): how the canvas editor holds and shows it. `rgb` 0 gives black instead.
 */
export function maskToAlphaRgba(mask: MaskImage, rgb: 0 | 255 = 255): Uint8ClampedArray<ArrayBuffer> {
  assertBuffer(mask, 1, 'maskToAlphaRgba');
  const out = new Uint8ClampedArray(mask.data.length * 4);
  for (let p = 0, i = 0; p < mask.data.length; p++, i += 4) {
    out[i] = rgb;
    out[i + 1] = rgb;
    out[i + 2] = rgb;
    out[i + 3] = mask.data[p]!;
  }
  return out;
}

/** An opaque grey RGBA image of the mask (white = repaint), the form the providers take. */
export function maskToRgba(mask: MaskImage): RgbaImage {
  assertBuffer(mask, 1, 'maskToRgba');
  const out = new Uint8ClampedArray(mask.data.length * 4);
  for (let p = 0, i = 0; p < mask.data.length; p++, i += 4) {
    const v = mask.data[p]!;
    out[i] = v;
    out[i + 1] = v;
    out[i + 2] = v;
    out[i + 3] = 255;
  }
  return { width: mask.width, height: mask.height, data: out };
}
