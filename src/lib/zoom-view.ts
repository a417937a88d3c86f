/**
 * The one zoom kernel: a view shows image point p at p × scale + (x, y). `zoomAbout` and
 * `wheelZoomFactor` serve the canvas (in CSS pixels, `features/canvas/view-transform.ts`) and the
 * lightbox and Compare's columns (in fractions of the frame, below: columns of different pixel
 * sizes stay aligned, and the image always covers its frame).
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

/** Zooms by `factor`, the scale kept within [min, max], keeping the point under (ax, ay) where it is. */
export function zoomAbout(view: ZoomView, factor: number, ax: number, ay: number, min: number, max: number): ZoomView {
  const scale = clamp(view.scale * factor, min, max);
  const k = scale / view.scale;
  return { scale, x: ax - (ax - view.x) * k, y: ay - (ay - view.y) * k };
}

/** Zooms by `factor`, keeping the frame point (ax, ay), in 0..1, where it is. */
export function zoomAt(view: ZoomView, factor: number, ax = 0.5, ay = 0.5): ZoomView {
  return constrain(zoomAbout(view, factor, ax, ay, 1, MAX_ZOOM));
}

/** Pans by (dx, dy), in fractions of the frame. */
export function panBy(view: ZoomView, dx: number, dy: number): ZoomView {
  return constrain({ scale: view.scale, x: view.x + dx, y: view.y + dy });
}

/** The zoom of the + / − keys and buttons. */
export const ZOOM_STEP = 1.25;

/**
 * Wheel delta to zoom factor: one notch (~100 px; a line counts 33 px, a page 400) zooms by
 * ZOOM_STEP, at most three notches an event; a trackpad pinch arrives as small ctrl+wheel deltas, each 1 % a pixel.
 */
export function wheelZoomFactor(deltaY: number, deltaMode: number, ctrlKey = false): number {
  const px = clamp(deltaMode === 1 ? deltaY * 33 : deltaMode === 2 ? deltaY * 400 : deltaY, -300, 300);
  return ctrlKey ? Math.exp(-px * 0.01) : Math.pow(ZOOM_STEP, -px / 100);
}

/** CSS for the image inside its frame (transform-origin 0 0). */
export function viewTransform(view: ZoomView): string {
  return `translate(${view.x * 100}%, ${view.y * 100}%) scale(${view.scale})`;
}
