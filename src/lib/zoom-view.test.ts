import { describe, expect, it } from 'vitest';
import { constrain, IDENTITY, MAX_ZOOM, panBy, viewTransform, wheelZoomFactor, zoomAt } from './zoom-view';

describe('zoom view', () => {
  it('zooms around the anchor', () => {
    const v = zoomAt(IDENTITY, 2, 0.5, 0.5);
    expect(v).toEqual({ scale: 2, x: -0.5, y: -0.5 });
    const corner = zoomAt(IDENTITY, 2, 0, 0);
    expect(corner).toEqual({ scale: 2, x: 0, y: 0 });
  });

  it('never shows a gap, never zooms out below the frame or past the maximum', () => {
    expect(panBy({ scale: 2, x: -0.5, y: -0.5 }, 1, -1)).toEqual({ scale: 2, x: 0, y: -1 });
    expect(zoomAt(IDENTITY, 0.5)).toEqual(IDENTITY);
    expect(zoomAt(IDENTITY, 1000).scale).toBe(MAX_ZOOM);
    expect(constrain({ scale: 0.2, x: 3, y: 3 })).toEqual(IDENTITY);
  });

  it('wheel: down zooms out, up zooms in', () => {
    expect(wheelZoomFactor(100, 0)).toBeCloseTo(0.8);
    expect(wheelZoomFactor(-100, 0)).toBeCloseTo(1.25);
    expect(wheelZoomFactor(-3, 1)).toBeGreaterThan(1);
  });

  it('CSS transform', () => {
    expect(viewTransform({ scale: 2, x: -0.5, y: 0 })).toBe('translate(-50%, 0%) scale(2)');
  });
});
