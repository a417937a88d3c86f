import { describe, expect, it } from 'vitest';
import { blurMask } from './mask-blur';
import { fillPolygon } from './mask-shapes';
import { regionForMask, wholePictureRegion } from './region';
import { resizeRgba } from './resample';
import { MODELSLAB_SIZE_RULE, SEGMIND_SIZE_RULE } from './size-rules';
import type { SizeRule } from './size-rules';
import { compositeInto, cropMask, cropRgba, planStitch, prepareCrop, resultContent, stitchResult } from './stitch';
import type { RgbaImage } from './types';
import { createMask, createRgba } from './types';

/** A picture with detail everywhere, so an unchanged pixel cannot be a coincidence. */
function photo(width: number, height: number): RgbaImage {
  const img = createRgba(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      img.data[i] = (x * 7 + y) & 255;
      img.data[i + 1] = (y * 5 + (x >> 3)) & 255;
      img.data[i + 2] = (x ^ y) & 255;
      img.data[i + 3] = 255;
    }
  }
  return img;
}

/** A stand-in for the provider: the sent picture with its colours inverted. */
function provider(sent: RgbaImage): RgbaImage {
  const out = { width: sent.width, height: sent.height, data: new Uint8ClampedArray(sent.data) };
  for (let i = 0; i < out.data.length; i += 4) {
    out.data[i] = 255 - out.data[i]!;
    out.data[i + 1] = 255 - out.data[i + 1]!;
    out.data[i + 2] = 255 - out.data[i + 2]!;
  }
  return out;
}

describe('crop and compositeInto', () => {
  it('crops the exact rectangle, and rejects one outside the picture', () => {
    const img = photo(20, 10);
    const c = cropRgba(img, { x: 3, y: 2, width: 5, height: 4 });
    expect([...c.data.subarray(0, 4)]).toEqual([...img.data.subarray((2 * 20 + 3) * 4, (2 * 20 + 3) * 4 + 4)]);
    expect([...c.data.subarray(c.data.length - 4)]).toEqual([...img.data.subarray((5 * 20 + 7) * 4, (5 * 20 + 7) * 4 + 4)]);
    expect(() => cropRgba(img, { x: 18, y: 0, width: 5, height: 1 })).toThrow(RangeError);
    expect(() => cropMask(createMask(4, 4), { x: 0, y: 0, width: 0, height: 1 })).toThrow(RangeError);
  });

  it('alpha 0 keeps the target, 255 takes the patch, 128 blends to the rounded mean', () => {
    const target = { width: 3, height: 1, data: new Uint8ClampedArray([10, 20, 30, 255, 10, 20, 30, 255, 10, 20, 30, 255]) };
    const patch = { width: 3, height: 1, data: new Uint8ClampedArray([200, 100, 0, 255, 200, 100, 0, 255, 200, 100, 0, 255]) };
    compositeInto(target, patch, { width: 3, height: 1, data: new Uint8ClampedArray([0, 255, 128]) }, 0, 0);
    expect([...target.data]).toEqual([10, 20, 30, 255, 200, 100, 0, 255, 105, 60, 15, 255]);
  });
});

describe.each([
  ['ModelsLab', MODELSLAB_SIZE_RULE],
  ['Segmind', SEGMIND_SIZE_RULE],
] as [string, SizeRule][])('crop and stitch on a 4096×3072 photo, %s', (_name, rule) => {
  const W = 4096;
  const H = 3072;
  const original = photo(W, H);
  const mask = createMask(W, H);
  fillPolygon(mask, [{ x: 3700, y: 150 }, { x: 4000, y: 60 }, { x: 4080, y: 400 }, { x: 3800, y: 520 }]);
  const region = regionForMask(mask, rule, { padding: 32, maskBlur: 4 })!;
  const sent = prepareCrop(original, mask, region);
  const result = provider(sent.image);
  const before = original.data.slice();
  const { image, alpha } = stitchResult(original, mask, region, result, { maskBlur: 4 });

  it('sends the crop at the send size, with a black/white mask, at ≥ 3× the linear resolution of "Whole picture"', () => {
    expect(sent.image.width).toBe(region.send.width);
    expect(sent.image.height).toBe(region.send.height);
    expect(sent.mask.data.every((v) => v === 0 || v === 255)).toBe(true);
    expect(sent.mask.data.some((v) => v === 255)).toBe(true);
    const whole = wholePictureRegion(original, rule);
    expect(region.send.width / region.crop.width / (whole.send.width / W)).toBeGreaterThanOrEqual(3);
  });

  it('gives a full-size picture and leaves the original untouched', () => {
    expect(image.width).toBe(W);
    expect(image.height).toBe(H);
    let changed = 0;
    for (let i = 0; i < before.length; i++) if (original.data[i] !== before[i]) changed++;
    expect(changed).toBe(0);
  });

  it('every pixel where the blurred mask is 0 is exactly the original; 255 is exactly the result', () => {
    // The blur of the whole mask, so the crop-only blur is checked against it too.
    const full = blurMask(mask, 4);
    const back = resizeRgba(resultContent(result, region), region.crop.width, region.crop.height);
    const { crop } = region;
    let outside = 0;
    let inside = 0;
    let alphaDiffers = 0;
    let leaksOutsideCrop = 0;
    let changedOutside = 0;
    let differsInside = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const p = y * W + x;
        const inCrop = x >= crop.x && x < crop.x + crop.width && y >= crop.y && y < crop.y + crop.height;
        const a = full.data[p]!;
        if (inCrop && alpha.data[(y - crop.y) * crop.width + (x - crop.x)] !== a) alphaDiffers++;
        if (!inCrop && a !== 0) leaksOutsideCrop++;
        if (a === 0) {
          outside++;
          for (let c = 0; c < 4; c++) if (image.data[p * 4 + c] !== before[p * 4 + c]) changedOutside++;
        } else if (a === 255) {
          inside++;
          const q = ((y - crop.y) * crop.width + (x - crop.x)) * 4;
          for (let c = 0; c < 4; c++) if (image.data[p * 4 + c] !== back.data[q + c]) differsInside++;
        }
      }
    }
    expect(alphaDiffers).toBe(0);
    expect(leaksOutsideCrop).toBe(0);
    expect(changedOutside).toBe(0);
    expect(differsInside).toBe(0);
    expect(outside).toBeGreaterThan(W * H * 0.9);
    expect(inside).toBeGreaterThan(10000);
  });
});

describe('stitchResult options', () => {
  it('inPlace composites into the original; a result at the crop size is used as it is', () => {
    const original = photo(64, 48);
    const mask = createMask(64, 48);
    mask.data.fill(255, 20 * 64 + 20, 20 * 64 + 30);
    const region = regionForMask(mask, MODELSLAB_SIZE_RULE, { padding: 4, maskBlur: 0 })!;
    const result = provider(cropRgba(original, region.crop));
    const out = stitchResult(original, mask, region, result, { maskBlur: 0, inPlace: true });
    expect(out.image).toBe(original);
    const p = (20 * 64 + 25) * 4;
    expect(original.data[p]).toBe(255 - ((25 * 7 + 20) & 255));
    expect(() => stitchResult(original, createMask(3, 3), region, result, { maskBlur: 0 })).toThrow(RangeError);
  });

  it('"Whole picture" with a small mask: only the window around the mask is blended, the same as a full blend', () => {
    const original = photo(400, 300);
    const mask = createMask(400, 300);
    fillPolygon(mask, [{ x: 300, y: 20 }, { x: 380, y: 30 }, { x: 350, y: 90 }]);
    const region = wholePictureRegion(original, MODELSLAB_SIZE_RULE);
    const plan = planStitch(mask, region, 4);
    expect(plan.window).toEqual({ x: 300 - 10, y: 20 - 10, width: 80 + 20, height: 69 + 20 });
    const result = provider(prepareCrop(original, mask, region).image);
    const { image, alpha } = stitchResult(original, mask, region, result, { maskBlur: 4 });
    // The reference: scale the whole result, blur the whole mask, blend every pixel.
    const back = resizeRgba(result, 400, 300);
    const full = blurMask(mask, 4);
    let differs = 0;
    for (let p = 0; p < 400 * 300; p++) {
      if (alpha.data[p] !== full.data[p]) differs++;
      const a = full.data[p]!;
      for (let c = 0; c < 4; c++) {
        const want = Math.round((original.data[p * 4 + c]! * (255 - a) + back.data[p * 4 + c]! * a) / 255);
        if (Math.abs(image.data[p * 4 + c]! - want) > 0) differs++;
      }
    }
    expect(differs).toBe(0);
  });

  it('an empty mask changes nothing', () => {
    const original = photo(32, 32);
    const region = wholePictureRegion(original, SEGMIND_SIZE_RULE);
    const mask = createMask(32, 32);
    expect(planStitch(mask, region, 4)).toEqual({ window: null, windowAlpha: null });
    const { image, alpha } = stitchResult(original, mask, region, createRgba(512, 512), { maskBlur: 4 });
    expect([...image.data]).toEqual([...original.data]);
    expect(alpha.data.every((v) => v === 0)).toBe(true);
  });
});
