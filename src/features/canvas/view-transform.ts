/**
 * The stage's view of the image, as plain numbers: screen = image × scale + (x, y), in CSS
 * pixels relative to the stage container. The editor owns this value and pushes it to Konva.
 */

import { zoomAbout } from '../../lib/zoom-view';
import type { ZoomView } from '../../lib/zoom-view';

export type View = ZoomView;

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 32;

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** The whole image centred in the viewport with `padding` CSS pixels around it; never above 1:1 unless the image is tiny. */
export function fitView(imageW: number, imageH: number, viewW: number, viewH: number, padding = 16): View {
  if (imageW <= 0 || imageH <= 0 || viewW <= 0 || viewH <= 0) return { scale: 1, x: 0, y: 0 };
  const availW = Math.max(1, viewW - padding * 2);
  const availH = Math.max(1, viewH - padding * 2);
  const scale = clampScale(Math.min(availW / imageW, availH / imageH, 8));
  return { scale, x: (viewW - imageW * scale) / 2, y: (viewH - imageH * scale) / 2 };
}

/** Zooms by `factor` keeping the image point under (anchorX, anchorY) where it is. */
export function zoomAt(view: View, factor: number, anchorX: number, anchorY: number): View {
  return zoomAbout(view, factor, anchorX, anchorY, MIN_SCALE, MAX_SCALE);
}

export function panBy(view: View, dx: number, dy: number): View {
  return { scale: view.scale, x: view.x + dx, y: view.y + dy };
}

export function screenToImage(view: View, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - view.x) / view.scale, y: (sy - view.y) / view.scale };
}

/**
 * A two-finger gesture: the view that keeps the image point first under the fingers'
 * midpoint under the current midpoint, scaled by how far the fingers moved apart.
 */
export function pinchView(
  start: View,
  startMid: { x: number; y: number },
  startDistance: number,
  mid: { x: number; y: number },
  distance: number,
): View {
  const factor = startDistance > 0 ? distance / startDistance : 1;
  const zoomed = zoomAt(start, factor, startMid.x, startMid.y);
  return panBy(zoomed, mid.x - startMid.x, mid.y - startMid.y);
}
