import { describe, expect, it } from 'vitest';
import { blurMask, blurReach, gaussianBoxes } from './mask-blur';
import type { MaskImage } from './types';
import { createMask } from './types';

/** Chebyshev distance from (x, y) to the nearest pixel above 0, brute force. */
function nearestSet(m: MaskImage, x: number, y: number): number {
  let best = Infinity;
  for (let j = 0; j < m.height; j++) {
    for (let i = 0; i < m.width; i++) if (m.data[j * m.width + i]! > 0) best = Math.min(best, Math.max(Math.abs(i - x), Math.abs(j - y)));
  }
  return best;
}

describe('gaussianBoxes', () => {
  it('three odd boxes whose variance matches sigma²', () => {
    for (const [sigma, tolerance] of [[1, 0.2], [2, 0.1], [4, 0.1], [7.5, 0.1], [16, 0.1]] as const) {
      const boxes = gaussianBoxes(sigma);
      expect(boxes).toHaveLength(3);
      for (const w of boxes) expect(w % 2).toBe(1);
      const variance = boxes.reduce((s, w) => s + (w * w - 1) / 12, 0);
      expect(Math.abs(Math.sqrt(variance) - sigma) / sigma).toBeLessThan(tolerance);
    }
    expect(gaussianBoxes(0)).toEqual([]);
    expect(blurReach(4)).toBe(10);
    expect(blurReach(0)).toBe(0);
  });
});

describe('blurMask', () => {
  const square = () => {
    const m = createMask(60, 50);
    for (let y = 20; y < 30; y++) m.data.fill(255, y * 60 + 25, y * 60 + 35);
    return m;
  };

  it('is exactly 0 beyond the reach and 255 deep inside, soft at the edge', () => {
    const m = createMask(80, 80);
    for (let y = 20; y < 60; y++) m.data.fill(255, y * 80 + 20, y * 80 + 60);
    const b = blurMask(m, 4);
    const reach = blurReach(4);
    for (let y = 0; y < 80; y++) {
      for (let x = 0; x < 80; x++) {
        const d = nearestSet(m, x, y);
        if (d > reach) expect(b.data[y * 80 + x]).toBe(0);
      }
    }
    expect(b.data[40 * 80 + 40]).toBe(255);
    const edge = b.data[40 * 80 + 20]!;
    expect(edge).toBeGreaterThan(64);
    expect(edge).toBeLessThan(192);
    // Something spreads outside the square, within the reach.
    expect(b.data[40 * 80 + 17]).toBeGreaterThan(0);
  });

  it('keeps the total (edges clamped, mass preserved up to rounding) and is symmetric', () => {
    const m = square();
    const b = blurMask(m, 3);
    const sum = (x: MaskImage) => x.data.reduce((s, v) => s + v, 0);
    expect(Math.abs(sum(b) - sum(m)) / sum(m)).toBeLessThan(0.02);
    // Mirror symmetry around the square's centre column (29.5).
    for (let x = 0; x < 30; x++) expect(b.data[25 * 60 + x]).toBe(b.data[25 * 60 + 59 - x]);
  });

  it('a mask touching the edge stays 255 at the edge; an all-white mask stays white', () => {
    const m = createMask(40, 40);
    for (let y = 0; y < 40; y++) m.data.fill(255, y * 40, y * 40 + 15);
    const b = blurMask(m, 4);
    expect(b.data[0]).toBe(255);
    expect(b.data[39 * 40]).toBe(255);
    const full = createMask(16, 9);
    full.data.fill(255);
    expect(blurMask(full, 5).data.every((v) => v === 255)).toBe(true);
  });

  it('sigma 0 copies; the input is not changed', () => {
    const m = square();
    const before = m.data.slice();
    expect(blurMask(m, 0).data).toEqual(m.data);
    blurMask(m, 4);
    expect(m.data).toEqual(before);
    expect(() => blurMask({ width: 3, height: 3, data: new Uint8ClampedArray(8) }, 1)).toThrow(RangeError);
  });
});
