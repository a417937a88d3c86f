import { describe, expect, it } from 'vitest';
import { binarizeMask, discTip, hasPaintedPixel, isBinaryMask } from './mask-binarize';

const px = (...values: number[]) => new Uint8ClampedArray(values);

describe('binarizeMask', () => {
  it('turns alpha into strict black and white', () => {
    const out = binarizeMask(px(255, 255, 255, 0, 255, 255, 255, 127, 255, 255, 255, 128, 0, 0, 0, 255), 'alpha');
    expect(Array.from(out)).toEqual([0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255]);
    expect(isBinaryMask(out)).toBe(true);
  });

  it('turns luminance into strict black and white, transparent counting as black', () => {
    const out = binarizeMask(px(200, 200, 200, 255, 100, 100, 100, 255, 255, 255, 255, 0, 0, 255, 0, 255), 'luminance');
    expect(Array.from(out)).toEqual([255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 255]);
  });

  it('honours the threshold and writes into a given buffer', () => {
    const target = new Uint8ClampedArray(4);
    const out = binarizeMask(px(0, 0, 0, 10), 'alpha', 1, target);
    expect(out).toBe(target);
    expect(Array.from(out)).toEqual([255, 255, 255, 255]);
    expect(() => binarizeMask(px(0, 0, 0, 0), 'alpha', 1, new Uint8ClampedArray(8))).toThrow(RangeError);
  });
});

describe('isBinaryMask / hasPaintedPixel', () => {
  it('rejects grey and transparent pixels', () => {
    expect(isBinaryMask(px(0, 0, 0, 255, 255, 255, 255, 255))).toBe(true);
    expect(isBinaryMask(px(128, 128, 128, 255))).toBe(false);
    expect(isBinaryMask(px(255, 255, 255, 254))).toBe(false);
    expect(isBinaryMask(px(255, 0, 255, 255))).toBe(false);
  });

  it('finds any painted pixel', () => {
    expect(hasPaintedPixel(px(255, 255, 255, 0, 255, 255, 255, 0))).toBe(false);
    expect(hasPaintedPixel(px(0, 0, 0, 0, 255, 255, 255, 1))).toBe(true);
  });
});

describe('discTip', () => {
  const alphaAt = (tip: Uint8ClampedArray, d: number, x: number, y: number) => tip[(y * d + x) * 4 + 3];

  it('is strictly binary, white and symmetric', () => {
    for (const d of [1, 2, 3, 8, 17, 64]) {
      const tip = discTip(d);
      expect(tip.length).toBe(d * d * 4);
      for (let i = 0; i < tip.length; i += 4) {
        expect(tip[i]).toBe(255);
        expect([0, 255]).toContain(tip[i + 3]);
      }
      for (let y = 0; y < d; y++) {
        for (let x = 0; x < d; x++) {
          expect(alphaAt(tip, d, x, y)).toBe(alphaAt(tip, d, d - 1 - x, y));
          expect(alphaAt(tip, d, x, y)).toBe(alphaAt(tip, d, y, x));
        }
      }
    }
  });

  it('covers about the area of the circle, centre painted and corners clear', () => {
    const d = 64;
    const tip = discTip(d);
    let on = 0;
    for (let i = 3; i < tip.length; i += 4) if (tip[i] === 255) on++;
    expect(on / (Math.PI * (d / 2) ** 2)).toBeGreaterThan(0.98);
    expect(on / (Math.PI * (d / 2) ** 2)).toBeLessThan(1.02);
    expect(alphaAt(tip, d, 32, 32)).toBe(255);
    expect(alphaAt(tip, d, 0, 0)).toBe(0);
  });

  it('always paints something, even at one pixel', () => {
    expect(Array.from(discTip(1))).toEqual([255, 255, 255, 255]);
    expect(hasPaintedPixel(discTip(2))).toBe(true);
  });
});
