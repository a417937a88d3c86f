import { describe, expect, it } from 'vitest';
import { boxMaskBounds, boxMaskFromRgba, boxMaskIsHard, boxMaskOver, clampBox } from './mask-box';
import type { BoxMask } from './mask-box';
import { fillRect, maskToRgba } from './mask-shapes';
import { maskBounds } from './region';
import { cropMask } from './stitch';
import { createMask } from './types';

/** A 60×40 mask painted in two places, and the same known through a box around them. */
function sample(): { full: ReturnType<typeof createMask>; boxed: BoxMask } {
  const full = createMask(60, 40);
  fillRect(full, { x: 12, y: 8, width: 10, height: 6 });
  fillRect(full, { x: 25, y: 15, width: 4, height: 9 }, 128);
  const box = clampBox({ x: 10.5, y: 6.2, width: 21, height: 20 }, full)!;
  return { full, boxed: { width: 60, height: 40, box, pixels: cropMask(full, box) } };
}

describe('a mask known through its painted box', () => {
  it('clamps the hint to whole pixels inside the mask', () => {
    expect(clampBox({ x: 10.5, y: 6.2, width: 21, height: 20 }, { width: 60, height: 40 })).toEqual({ x: 10, y: 6, width: 22, height: 21 });
    expect(clampBox({ x: -5, y: 35, width: 10, height: 10 }, { width: 60, height: 40 })).toEqual({ x: 0, y: 35, width: 5, height: 5 });
    expect(clampBox({ x: 70, y: 0, width: 5, height: 5 }, { width: 60, height: 40 })).toBeNull();
    expect(clampBox(null, { width: 60, height: 40 })).toBeNull();
  });

  it('gives the full mask’s bounds, hardness and any rect of it, box or not', () => {
    const { full, boxed } = sample();
    expect(boxMaskBounds(boxed)).toEqual(maskBounds(full));
    expect(boxMaskIsHard(boxed)).toBe(false);
    for (const rect of [{ x: 0, y: 0, width: 60, height: 40 }, { x: 20, y: 10, width: 30, height: 25 }, { x: 40, y: 30, width: 5, height: 5 }, { x: 11, y: 7, width: 3, height: 3 }]) {
      expect(Buffer.from(boxMaskOver(boxed, rect).data).equals(Buffer.from(cropMask(full, rect).data))).toBe(true);
    }
  });

  it('is all 0 and hard when nothing is painted', () => {
    const empty: BoxMask = { width: 60, height: 40, box: null };
    expect(boxMaskBounds(empty)).toBeNull();
    expect(boxMaskIsHard(empty)).toBe(true);
    expect(boxMaskOver(empty, { x: 1, y: 1, width: 4, height: 4 }).data.every((v) => v === 0)).toBe(true);
  });

  it('is taken from the box pixels the exporter gave, when they are exactly the clamped box of a raster of its size', () => {
    const { full, boxed } = sample();
    const hint = { x: 10.5, y: 6.2, width: 21, height: 20 };
    const rect = boxed.box!;
    const data = maskToRgba(cropMask(full, rect)).data;
    const got = boxMaskFromRgba(full, hint, { width: 60, height: 40, rect, data })!;
    expect(got.box).toEqual(rect);
    expect(Buffer.from(got.pixels!.data).equals(Buffer.from(boxed.pixels!.data))).toBe(true);
    expect(boxMaskBounds(got)).toEqual(maskBounds(full));
    // Anything else is not trusted: the PNG is read instead.
    expect(boxMaskFromRgba(full, hint, { width: 60, height: 41, rect, data })).toBeUndefined();
    expect(boxMaskFromRgba(full, hint, { width: 60, height: 40, rect: { ...rect, x: rect.x + 1 }, data })).toBeUndefined();
    expect(boxMaskFromRgba(full, hint, { width: 60, height: 40, rect, data: data.slice(4) })).toBeUndefined();
    // Nothing painted: no pixels needed.
    expect(boxMaskFromRgba(full, null, { width: 60, height: 40, rect, data })).toEqual({ width: 60, height: 40, box: null });
  });
});
