import { describe, expect, it } from 'vitest';
import { binarizeMask, fillPolygon, fillRect, invertMask, maskFromRgba, maskToRgba } from './mask-shapes';
import type { MaskImage } from './types';
import { createMask } from './types';

const count = (m: MaskImage) => m.data.reduce((s, v) => s + (v ? 1 : 0), 0);
const at = (m: MaskImage, x: number, y: number) => m.data[y * m.width + x];

describe('fillRect', () => {
  it('fills exactly the rectangle, clipped to the mask, in any corner order', () => {
    const m = fillRect(createMask(10, 10), { x: 2, y: 3, width: 4, height: 2 });
    expect(count(m)).toBe(8);
    expect(at(m, 2, 3)).toBe(255);
    expect(at(m, 5, 4)).toBe(255);
    expect(at(m, 6, 4)).toBe(0);
    const clipped = fillRect(createMask(10, 10), { x: 8, y: 8, width: -20, height: 5 }, 7);
    expect(count(clipped)).toBe(8 * 2);
    expect(at(clipped, 0, 9)).toBe(7);
  });
});

describe('fillPolygon', () => {
  it('an axis-aligned square covers the pixels whose centres are inside', () => {
    const m = fillPolygon(createMask(10, 10), [{ x: 2, y: 2 }, { x: 6, y: 2 }, { x: 6, y: 6 }, { x: 2, y: 6 }]);
    expect(count(m)).toBe(16);
    expect(at(m, 2, 2)).toBe(255);
    expect(at(m, 5, 5)).toBe(255);
    expect(at(m, 6, 5)).toBe(0);
  });

  it('a triangle has about its geometric area', () => {
    const m = fillPolygon(createMask(200, 200), [{ x: 10, y: 10 }, { x: 190, y: 20 }, { x: 60, y: 180 }]);
    const area = Math.abs((190 - 10) * (180 - 10) - (60 - 10) * (20 - 10)) / 2;
    expect(Math.abs(count(m) - area) / area).toBeLessThan(0.01);
  });

  it('even-odd leaves the centre of a pentagram empty; nonzero fills it', () => {
    const star = Array.from({ length: 5 }, (_, i) => {
      const a = -Math.PI / 2 + (i * 4 * Math.PI) / 5;
      return { x: 50 + 45 * Math.cos(a), y: 50 + 45 * Math.sin(a) };
    });
    const evenOdd = fillPolygon(createMask(100, 100), star, 'evenodd');
    const nonzero = fillPolygon(createMask(100, 100), star, 'nonzero');
    expect(at(evenOdd, 50, 50)).toBe(0);
    expect(at(nonzero, 50, 50)).toBe(255);
    expect(count(nonzero)).toBeGreaterThan(count(evenOdd));
    // A star point is filled by both.
    expect(at(evenOdd, 50, 10)).toBe(255);
  });

  it('a lasso partly outside the mask is clipped; fewer than 3 points fill nothing', () => {
    const m = fillPolygon(createMask(20, 20), [{ x: -10, y: -10 }, { x: 10, y: -10 }, { x: 10, y: 10 }, { x: -10, y: 10 }]);
    expect(count(m)).toBe(100);
    expect(count(fillPolygon(createMask(5, 5), [{ x: 0, y: 0 }, { x: 5, y: 5 }]))).toBe(0);
  });
});

describe('binarize, invert and RGBA conversions', () => {
  it('binarises at the threshold and inverts', () => {
    const m: MaskImage = { width: 4, height: 1, data: new Uint8ClampedArray([0, 127, 128, 255]) };
    expect([...binarizeMask(m).data]).toEqual([0, 0, 255, 255]);
    expect([...binarizeMask(m, 200).data]).toEqual([0, 0, 0, 255]);
    expect([...invertMask(m).data]).toEqual([255, 128, 127, 0]);
  });

  it('reads alpha from a transparent image and luminance from an opaque one', () => {
    const transparent = { width: 2, height: 1, data: new Uint8ClampedArray([0, 0, 0, 255, 255, 255, 255, 0]) };
    expect([...maskFromRgba(transparent).data]).toEqual([255, 0]);
    const opaque = { width: 2, height: 1, data: new Uint8ClampedArray([255, 255, 255, 255, 10, 10, 10, 255]) };
    expect([...maskFromRgba(opaque).data]).toEqual([255, 10]);
    expect([...maskFromRgba(transparent, 'luminance').data]).toEqual([0, 0]);
    const back = maskToRgba({ width: 2, height: 1, data: new Uint8ClampedArray([0, 200]) });
    expect([...back.data]).toEqual([0, 0, 0, 255, 200, 200, 200, 255]);
  });
});
