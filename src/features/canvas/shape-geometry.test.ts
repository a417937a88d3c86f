import { describe, expect, it } from 'vitest';
import { blurMask, blurReach } from '../../lib/inpaint/mask-blur';
import { featherMask } from '../../lib/inpaint/mask-distance';
import { fillPolygon, fillRect } from '../../lib/inpaint/mask-shapes';
import { regionForMask } from '../../lib/inpaint/region';
import { resizeRgba } from '../../lib/inpaint/resample';
import { MODELSLAB_SIZE_RULE } from '../../lib/inpaint/size-rule-test-helpers';
import { prepareCrop, stitchResult } from '../../lib/inpaint/stitch';
import { createMask, createRgba } from '../../lib/inpaint/types';
import type { MaskImage } from '../../lib/inpaint/types';
import {
  addLassoPoint,
  closesPolygon,
  isFillable,
  maskToAlphaRgba,
  packPoints,
  rasterizeShape,
  rectFromDrag,
  rgbaToMaskValues,
  shapeBounds,
  unpackPoints,
} from './shape-geometry';
import type { MaskShape } from './shape-geometry';

/** Pastes a shape's box into a full-size mask, to compare with filling the full mask. */
function paste(shape: MaskShape, width: number, height: number): MaskImage {
  const full = createMask(width, height);
  const filled = rasterizeShape(shape, width, height);
  if (!filled) return full;
  const { box, mask } = filled;
  for (let y = 0; y < box.height; y++) full.data.set(mask.data.subarray(y * box.width, (y + 1) * box.width), (box.y + y) * width + box.x);
  return full;
}

describe('rectangle geometry', () => {
  it('normalises a drag in any direction, snaps to whole pixels and stays inside the image', () => {
    expect(rectFromDrag({ x: 30.4, y: 20.6 }, { x: 10.2, y: 5.4 }, 100, 50)).toEqual({ x: 10, y: 5, width: 20, height: 16 });
    expect(rectFromDrag({ x: -20, y: 40 }, { x: 130, y: 80 }, 100, 50)).toEqual({ x: 0, y: 40, width: 100, height: 10 });
    expect(isFillable({ kind: 'rect', rect: rectFromDrag({ x: 5, y: 5 }, { x: 5.2, y: 30 }, 100, 50) })).toBe(false);
  });

  it('fills exactly the rectangle fillRect fills, over its box only', () => {
    const shape: MaskShape = { kind: 'rect', rect: { x: 7, y: 3, width: 12, height: 9 } };
    const want = fillRect(createMask(40, 30), shape.rect);
    expect(paste(shape, 40, 30).data).toEqual(want.data);
    expect(rasterizeShape(shape, 40, 30)!.box).toEqual({ x: 7, y: 3, width: 12, height: 9 });
  });
});

describe('lasso geometry', () => {
  it('thins freehand points and closes a polygon near its first point only with three points', () => {
    const pts = [{ x: 0, y: 0 }];
    expect(addLassoPoint(pts, { x: 1, y: 1 }, 2)).toBe(false);
    expect(addLassoPoint(pts, { x: 3, y: 0 }, 2)).toBe(true);
    expect(pts).toHaveLength(2);
    expect(closesPolygon(pts, { x: 0.5, y: 0.5 }, 2)).toBe(false);
    pts.push({ x: 3, y: 3 });
    expect(closesPolygon(pts, { x: 0.5, y: 0.5 }, 2)).toBe(true);
    expect(closesPolygon(pts, { x: 5, y: 5 }, 2)).toBe(false);
    expect(unpackPoints(packPoints(pts))).toEqual(pts);
  });

  it('fills exactly what fillPolygon fills on the whole mask (nonzero), a self-crossing outline included', () => {
    const star = [
      { x: 20, y: 2 },
      { x: 31, y: 36 },
      { x: 2, y: 14 },
      { x: 38, y: 14 },
      { x: 9, y: 36 },
    ];
    const shape: MaskShape = { kind: 'polygon', points: packPoints(star) };
    const want = fillPolygon(createMask(40, 40), star, 'nonzero');
    expect(paste(shape, 40, 40).data).toEqual(want.data);
    // The pentagon in the middle is filled too (nonzero), not a hole (even-odd).
    expect(want.data[20 * 40 + 20]).toBe(255);
  });

  it('clips to the image and gives nothing for a shape outside it', () => {
    const half: MaskShape = { kind: 'polygon', points: packPoints([{ x: -10, y: -10 }, { x: 10, y: -10 }, { x: 10, y: 10 }, { x: -10, y: 10 }]) };
    expect(shapeBounds(half, 30, 30)).toEqual({ x: 0, y: 0, width: 10, height: 10 });
    expect(paste(half, 30, 30).data.reduce((n, v) => n + (v ? 1 : 0), 0)).toBe(100);
    const outside: MaskShape = { kind: 'polygon', points: packPoints([{ x: 40, y: 0 }, { x: 50, y: 0 }, { x: 45, y: 9 }]) };
    expect(rasterizeShape(outside, 30, 30)).toBeUndefined();
    const line: MaskShape = { kind: 'polygon', points: packPoints([{ x: 2, y: 2 }, { x: 20, y: 20 }, { x: 10, y: 10 }]) };
    expect(rasterizeShape(line, 30, 30)).toBeUndefined();
  });
});

describe('a feathered mask in the editor and in the stitch', () => {
  const W = 96;
  const H = 64;
  const hard = fillRect(createMask(W, H), { x: 30, y: 20, width: 30, height: 20 });
  const PX = 8;
  const feathered = featherMask(hard, PX);

  it('the raster (white, value as alpha) composed over black gives the feathered values back, grey edge included', () => {
    const raster = maskToAlphaRgba(feathered);
    // "Mask as sent" draws the raster over black: a pixel's grey is its alpha.
    const sent = new Uint8ClampedArray(raster.length);
    for (let i = 0; i < raster.length; i += 4) {
      const a = raster[i + 3]!;
      sent[i] = sent[i + 1] = sent[i + 2] = Math.round((255 * a) / 255);
      sent[i + 3] = 255;
    }
    expect(rgbaToMaskValues(sent)).toEqual(feathered.data);
    expect(rgbaToMaskValues(raster)).toEqual(feathered.data);
    const greys = feathered.data.filter((v) => v > 0 && v < 255).length;
    expect(greys).toBeGreaterThan(100);
  });

  it('a feathered mask is sent grey; a hard one stays hard', () => {
    const original = createRgba(W, H);
    original.data.fill(200);
    const region = regionForMask(feathered, MODELSLAB_SIZE_RULE, { padding: 8, maskBlur: 4 })!;
    const soft = prepareCrop(original, feathered, region).mask;
    expect(soft.data.some((v) => v > 0 && v < 255)).toBe(true);
    const sharp = prepareCrop(original, hard, regionForMask(hard, MODELSLAB_SIZE_RULE, { padding: 8, maskBlur: 4 })!).mask;
    expect(sharp.data.every((v) => v === 0 || v === 255)).toBe(true);
  });

  it('keeps "0 outside the blurred mask": the stitch leaves every pixel beyond the feather and the blur untouched', () => {
    const original = createRgba(W, H);
    for (let i = 0; i < original.data.length; i++) original.data[i] = (i * 37) & 255;
    for (let i = 3; i < original.data.length; i += 4) original.data[i] = 255;
    const region = regionForMask(feathered, MODELSLAB_SIZE_RULE, { padding: 8, maskBlur: 4 })!;
    const sent = prepareCrop(original, feathered, region);
    const result = resizeRgba({ ...sent.image, data: sent.image.data.map((v, i) => (i % 4 === 3 ? 255 : 255 - v)) }, sent.image.width, sent.image.height);
    const out = stitchResult(original, feathered, region, result, { maskBlur: 4 }).image;
    const blurred = blurMask(feathered, 4);
    // Feathering reaches PX / 2 past the hard edge; the blur reaches blurReach(4) further.
    const reach = PX / 2 + 1 + blurReach(4);
    let outsideChanged = 0;
    let insideChanged = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const far = x < 30 - reach || x >= 60 + reach || y < 20 - reach || y >= 40 + reach;
        const i = (y * W + x) * 4;
        const same = [0, 1, 2, 3].every((k) => out.data[i + k] === original.data[i + k]);
        if (blurred.data[y * W + x] === 0 && !same) outsideChanged++;
        if (far) expect(blurred.data[y * W + x]).toBe(0);
        if (!same && !far) insideChanged++;
      }
    }
    expect(outsideChanged).toBe(0);
    expect(insideChanged).toBeGreaterThan(500);
  });
});
