/**
 * Zoom and pan in fractions of the frame (shared by the lightbox and Compare's columns), so
 * columns of different pixel sizes stay aligned: a point p of the image (0..1)
 * shows at p × scale + (x, y). The image always covers its frame.
 */

export interface ZoomView {
  scale: number;
  x: number;
  y: number;
}

export const IDENTITY: ZoomView = { scale: 1, x: 0, y: 0 };
export const MAX_ZOOM = 16;

function clamp(v: number, lo: number, hi: number) {
  return Math.min(hi, Math.max(lo, v));
}

/** Scale 1..MAX_ZOOM; no gap between the image's edge and the frame's. */
export function constrain(view: ZoomView): ZoomView {
  const scale = clamp(view.scale, 1, MAX_ZOOM);
  return { scale, x: clamp(view.x, 1 - scale, 0), y: clamp(view.y, 1 - scale, 0) };
}

/** Zooms by `factor`, keeping the frame point (ax, ay), in 0..1, where it is. */
export function zoomAt(view: ZoomView, factor: number, ax = 0.5, ay = 0.5): ZoomView {
  const scale = clamp(view.scale * factor, 1, MAX_ZOOM);
  const k = scale / view.scale;
  return constrain({ scale, x: ax - (ax - view.x) * k, y: ay - (ay - view.y) * k });
}

/** Pans by (dx, dy), in fractions of the frame. */
export function panBy(view: ZoomView, dx: number, dy: number): ZoomView {
  return constrain({ scale: view.scale, x: view.x + dx, y: view.y + dy });
}

/** One wheel notch (~100 px) zooms about ×1.25; lines and pages count as notches. */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  const px = deltaMode === 1 ? deltaY * 33 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.pow(1.25, -clamp(px, -400, 400) / 100);
}

/** CSS for the image inside its frame (transform-origin 0 0). */
export function viewTransform(view: ZoomView): string {
  return `translate(${view.x * 100}%, ${view.y * 100}%) scale(${view.scale})`;
}
