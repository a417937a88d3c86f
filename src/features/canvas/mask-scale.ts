/**
 * The mask on screen is a display-size copy of the document (issue 19): a 50-megapixel mask is
 * 200 MB a canvas, and every full-size draw on the main thread froze the page. The document keeps
 * its operations in image pixels; the display raster draws them scaled by `scale`, and the full-size
 * mask is drawn from the same operations in a Worker when it is exported (`mask-worker.ts`).
 */
import type { MaskShape } from './shape-geometry';

/** The longest side of the display raster: the stage's preview of the picture is no larger. */
export const DISPLAY_MASK_SIDE = 2560;

export interface DisplaySize {
  width: number;
  height: number;
  /** Display pixels per image pixel (1 for a picture no larger than the display side). */
  scale: number;
}

export function displaySize(width: number, height: number, maxSide = DISPLAY_MASK_SIDE): DisplaySize {
  const scale = Math.min(1, maxSide / Math.max(1, width, height));
  if (scale === 1) return { width, height, scale };
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)), scale };
}

/**
 * A stamp of diameter `d` at (x, y) in image pixels, as the display raster draws it: the centre
 * scaled, the diameter scaled and rounded to a whole pixel (at least one). Scale 1 changes nothing.
 */
export function scaleStamp(x: number, y: number, d: number, scale: number): { x: number; y: number; d: number } {
  if (scale === 1) return { x, y, d };
  return { x: x * scale, y: y * scale, d: Math.max(1, Math.round(d * scale)) };
}

/** A rectangle or lasso in display pixels (a rectangle keeps whole-pixel edges). */
export function scaleShape(shape: MaskShape, scale: number): MaskShape {
  if (scale === 1) return shape;
  if (shape.kind === 'polygon') return { kind: 'polygon', points: shape.points.map((v) => v * scale) };
  const { x, y, width, height } = shape.rect;
  const x0 = Math.round(x * scale);
  const y0 = Math.round(y * scale);
  const x1 = Math.max(x0 + 1, Math.round((x + width) * scale));
  const y1 = Math.max(y0 + 1, Math.round((y + height) * scale));
  return { kind: 'rect', rect: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } };
}

/** A region in display pixels back in image pixels (whole pixels, covering it). */
export function regionToImage(r: { x: number; y: number; width: number; height: number }, scale: number) {
  if (scale === 1) return r;
  const x = Math.floor(r.x / scale);
  const y = Math.floor(r.y / scale);
  return { x, y, width: Math.ceil((r.x + r.width) / scale) - x, height: Math.ceil((r.y + r.height) / scale) - y };
}
