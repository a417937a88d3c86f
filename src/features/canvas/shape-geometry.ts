/**
 * Rectangle and lasso geometry, pure: the drag → rectangle rule, the lasso's point thinning and
 * closing rules, and the shape → pixels step that live drawing and undo/redo replay share. The
 * pixels come from the inpainting library's fills (a pixel is covered when its centre is inside),
 * over the shape's bounding box only, so a small shape on an 8192² mask costs little.
 */
import { fillPolygon, fillRect, maskToAlphaRgba } from '../../lib/inpaint/mask-shapes';
import type { Point } from '../../lib/inpaint/mask-shapes';
import { createMask } from '../../lib/inpaint/types';
import type { MaskImage, Rect } from '../../lib/inpaint/types';

export type { Point };
export { maskToAlphaRgba };

export type MaskShape = { kind: 'rect'; rect: Rect } | { kind: 'polygon'; points: Float32Array };

/** The rectangle a drag from `a` to `b` spans (image pixels), snapped to whole pixels, inside the image. */
export function rectFromDrag(a: Point, b: Point, width: number, height: number): Rect {
  const clampX = (v: number) => Math.min(width, Math.max(0, Math.round(v)));
  const clampY = (v: number) => Math.min(height, Math.max(0, Math.round(v)));
  const x0 = clampX(Math.min(a.x, b.x));
  const x1 = clampX(Math.max(a.x, b.x));
  const y0 = clampY(Math.min(a.y, b.y));
  const y1 = clampY(Math.max(a.y, b.y));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Appends `p` unless it lies within `minDistance` of the last point (freehand lasso thinning); true when added. */
export function addLassoPoint(points: Point[], p: Point, minDistance: number): boolean {
  const last = points[points.length - 1];
  if (last && Math.hypot(p.x - last.x, p.y - last.y) < minDistance) return false;
  points.push(p);
  return true;
}

/** Whether a click at `p` closes the polygon: three points at least and `p` within `tolerance` of the first. */
export function closesPolygon(points: readonly Point[], p: Point, tolerance: number): boolean {
  const first = points[0];
  return points.length >= 3 && !!first && Math.hypot(p.x - first.x, p.y - first.y) <= tolerance;
}

/** Points as the flat [x, y, …] list a committed operation keeps. */
export function packPoints(points: readonly Point[]): Float32Array {
  const out = new Float32Array(points.length * 2);
  points.forEach((p, i) => {
    out[i * 2] = p.x;
    out[i * 2 + 1] = p.y;
  });
  return out;
}

export function unpackPoints(flat: Float32Array): Point[] {
  const out: Point[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push({ x: flat[i]!, y: flat[i + 1]! });
  return out;
}

/** Whether the shape covers any pixel worth an operation (a click is not a rectangle). */
export function isFillable(shape: MaskShape): boolean {
  if (shape.kind === 'rect') return shape.rect.width > 0 && shape.rect.height > 0;
  return shape.points.length >= 6;
}

/** The whole-pixel box the shape can cover, clipped to the image; undefined when it is outside. */
export function shapeBounds(shape: MaskShape, width: number, height: number): Rect | undefined {
  let x0: number, y0: number, x1: number, y1: number;
  if (shape.kind === 'rect') {
    const r = shape.rect;
    x0 = Math.round(Math.min(r.x, r.x + r.width));
    x1 = Math.round(Math.max(r.x, r.x + r.width));
    y0 = Math.round(Math.min(r.y, r.y + r.height));
    y1 = Math.round(Math.max(r.y, r.y + r.height));
  } else {
    x0 = y0 = Infinity;
    x1 = y1 = -Infinity;
    const p = shape.points;
    for (let i = 0; i + 1 < p.length; i += 2) {
      x0 = Math.min(x0, p[i]!);
      x1 = Math.max(x1, p[i]!);
      y0 = Math.min(y0, p[i + 1]!);
      y1 = Math.max(y1, p[i + 1]!);
    }
    x0 = Math.floor(x0);
    y0 = Math.floor(y0);
    x1 = Math.ceil(x1);
    y1 = Math.ceil(y1);
  }
  x0 = Math.max(0, x0);
  y0 = Math.max(0, y0);
  x1 = Math.min(width, x1);
  y1 = Math.min(height, y1);
  if (!(x1 > x0 && y1 > y0)) return undefined;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * The shape's pixels over its bounding box (255 covered, 0 not), with the box in image pixels;
 * undefined when it covers nothing inside the image. Polygons use the nonzero rule, so a
 * self-crossing lasso fills every loop it draws.
 */
export function rasterizeShape(shape: MaskShape, width: number, height: number): { box: Rect; mask: MaskImage } | undefined {
  const box = shapeBounds(shape, width, height);
  if (!box) return undefined;
  const mask = createMask(box.width, box.height);
  if (shape.kind === 'rect') {
    const r = shape.rect;
    fillRect(mask, { x: r.x - box.x, y: r.y - box.y, width: r.width, height: r.height });
  } else {
    fillPolygon(mask, unpackPoints(shape.points).map((p) => ({ x: p.x - box.x, y: p.y - box.y })), 'nonzero');
  }
  // A lasso with no area (a line, a scribble back and forth) covers no pixel centre.
  if (!mask.data.includes(255)) return undefined;
  return { box, mask };
}

/**
 * The mask value a black-and-white (or grey) RGBA image stands for, per pixel: its luminance
 * times its alpha, rounded (Rec. 601), as "Mask as sent" composes it over black.
 */
export function rgbaToMaskValues(rgba: Uint8ClampedArray): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(rgba.length / 4);
  for (let p = 0, i = 0; p < out.length; p++, i += 4) {
    out[p] = Math.round(((0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!) * rgba[i + 3]!) / 255);
  }
  return out;
}
