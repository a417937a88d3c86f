/**
 * A mask known only through its painted box: the pixels inside a box that holds every painted
 * pixel (the canvas editor's hint, mask-hints.ts), everything outside it 0. The image Worker reads
 * the box once from the exported PNG (soon after the stroke) and keeps it, so Generate neither
 * decodes nor reads the full-size mask; every part of the mask a job needs comes from here. Pure.
 */
import { maskBounds } from './region';
import { isHardMask, maskFromRgba } from './mask-shapes';
import type { MaskImage, Rect, Size } from './types';
import { createMask } from './types';

export interface BoxMask {
  /** The full mask's size. */
  width: number;
  height: number;
  /** The box in whole pixels, inside the mask; null: nothing painted. */
  box: Rect | null;
  /** The mask's values over `box`. */
  pixels?: MaskImage;
}

/** A hinted box as whole pixels inside `size` (null: nothing painted, or the box lies outside). */
export function clampBox(box: Rect | null, size: Size): Rect | null {
  if (!box) return null;
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(size.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(size.height, Math.ceil(box.y + box.height));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/** The exact bounds of the painted pixels (null: none), in mask coordinates. */
export function boxMaskBounds(m: BoxMask): Rect | null {
  if (!m.box || !m.pixels) return null;
  const b = maskBounds(m.pixels);
  return b && { x: b.x + m.box.x, y: b.y + m.box.y, width: b.width, height: b.height };
}

/** Whether the mask is strictly 0 or 255 (outside the box it is 0). */
export function boxMaskIsHard(m: BoxMask): boolean {
  return !m.pixels || isHardMask(m.pixels);
}

/** The mask's values over `rect` (inside the mask): 0 but where it meets the box. */
export function boxMaskOver(m: BoxMask, rect: Rect): MaskImage {
  const out = createMask(rect.width, rect.height);
  if (!m.box || !m.pixels) return out;
  const x0 = Math.max(rect.x, m.box.x);
  const y0 = Math.max(rect.y, m.box.y);
  const x1 = Math.min(rect.x + rect.width, m.box.x + m.box.width);
  const y1 = Math.min(rect.y + rect.height, m.box.y + m.box.height);
  for (let y = y0; y < y1; y++) {
    const from = (y - m.box.y) * m.box.width + (x0 - m.box.x);
    out.data.set(m.pixels.data.subarray(from, from + (x1 - x0)), (y - rect.y) * rect.width + (x0 - rect.x));
  }
  return out;
}

/**
 * A mask's pixels over its painted box as the exporter read them from the raster it encoded:
 * RGBA over `rect` (whole pixels, clampBox of the hinted box); `width`×`height`: the raster's size.
 */
export interface BoxRgba {
  width: number;
  height: number;
  rect: Rect;
  data: Uint8ClampedArray<ArrayBuffer>;
}

/**
 * The BoxMask of a mask whose box pixels the exporter gave (read from the raster it encoded, so
 * equal to what decoding the PNG gives over that box); undefined when they are not exactly the
 * box's (another raster size, rectangle or length): then the PNG is read instead.
 */
export function boxMaskFromRgba(size: Size, box: Rect | null, given: BoxRgba): BoxMask | undefined {
  if (given.width !== size.width || given.height !== size.height) return undefined;
  const inside = clampBox(box, size);
  const { width, height } = size;
  if (!inside) return { width, height, box: null };
  const r = given.rect;
  if (r.x !== inside.x || r.y !== inside.y || r.width !== inside.width || r.height !== inside.height) return undefined;
  if (given.data.length !== inside.width * inside.height * 4) return undefined;
  return { width, height, box: inside, pixels: maskFromRgba({ width: inside.width, height: inside.height, data: given.data }, 'auto') };
}
