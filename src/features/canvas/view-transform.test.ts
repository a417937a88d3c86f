import { describe, expect, it } from 'vitest';
import { MAX_SCALE, MIN_SCALE, fitView, panBy, pinchView, screenToImage, zoomAt } from './view-transform';
import { wheelZoomFactor } from '../../lib/zoom-view';

describe('view transform', () => {
  it('fits and centres the image', () => {
    const v = fitView(2048, 1024, 1000, 800, 0);
    expect(v.scale).toBeCloseTo(1000 / 2048);
    expect(v.x).toBeCloseTo(0);
    expect(v.y).toBeCloseTo((800 - 1024 * v.scale) / 2);
    expect(fitView(0, 10, 100, 100)).toEqual({ scale: 1, x: 0, y: 0 });
  });

  it('keeps the anchor point fixed when zooming', () => {
    const v = { scale: 0.5, x: 10, y: 20 };
    const before = screenToImage(v, 300, 200);
    const z = zoomAt(v, 3, 300, 200);
    expect(z.scale).toBe(1.5);
    const after = screenToImage(z, 300, 200);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it('clamps the zoom', () => {
    expect(zoomAt({ scale: 1, x: 0, y: 0 }, 1e9, 0, 0).scale).toBe(MAX_SCALE);
    expect(zoomAt({ scale: 1, x: 0, y: 0 }, 1e-9, 0, 0).scale).toBe(MIN_SCALE);
  });

  it('pans', () => {
    expect(panBy({ scale: 2, x: 1, y: 2 }, 5, -5)).toEqual({ scale: 2, x: 6, y: -3 });
  });

  it('pinches: zooms by the finger distance and follows the midpoint', () => {
    const start = { scale: 1, x: 0, y: 0 };
    const v = pinchView(start, { x: 100, y: 100 }, 100, { x: 150, y: 120 }, 200);
    expect(v.scale).toBe(2);
    // The image point under the start midpoint (100, 100) is now under the new midpoint.
    const p = screenToImage(v, 150, 120);
    expect(p.x).toBeCloseTo(100);
    expect(p.y).toBeCloseTo(100);
  });

  it('turns wheel deltas into zoom factors', () => {
    expect(wheelZoomFactor(-100, 0, false)).toBeCloseTo(1.25);
    expect(wheelZoomFactor(100, 0, false)).toBeCloseTo(0.8);
    expect(wheelZoomFactor(-3, 1, false)).toBeCloseTo(wheelZoomFactor(-99, 0, false));
    expect(wheelZoomFactor(-10, 0, true)).toBeCloseTo(Math.exp(0.1));
    expect(wheelZoomFactor(-1e6, 0, false)).toBeCloseTo(Math.pow(1.25, 3));
  });
});
